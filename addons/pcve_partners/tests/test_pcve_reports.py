from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import load_languages

from .common import PcvePartnersRpcCommon
from .test_pcve_outcome_letter import pdf_text

AGREEMENT_REPORT = "pcve_partners.agreement_report"
LETTER_REPORT = "pcve_partners.outcome_letter_report"
RATIONALE = "Internal: the chair's statements worry the police."


@tagged("post_install", "-at_install")
class TestReports(PcvePartnersRpcCommon):
    """The memorandum and the outcome letter really render as PDFs, in the
    partner's language, without the internal rationale."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["pcve_partners"], ["nl_NL"])

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())

    def _render(self, user, report, records):
        pdf, kind = (  # as /report/pdf/ renders it for the user
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        return " ".join(pdf_text(pdf).split())

    def test_memorandum(self):
        assessment = self._approved("dialogue")
        self._feedback(partner_objectives="<p>Youth work on our own terms</p>")
        agreement = self._agreement(
            assessment,
            objectives="<p>Monthly dialogue circles</p>",
            benefits_municipality="<p>Early understanding</p>",
            benefits_partner="<p>A meeting venue</p>",
        )
        agreement.action_activate()
        text = self._render(self.staff, AGREEMENT_REPORT, agreement)
        for expected in (
            "Memorandum of understanding",
            "Test Youth Club",
            "Monthly dialogue circles",
            "Youth work on our own terms",
            "Early understanding",
            "A meeting venue",
            "Signature",
        ):
            self.assertIn(expected, text)
        self.assertNotIn(assessment.name, text)

    def test_outcome_letter_in_the_partners_language(self):
        self.partner.lang = "nl_NL"
        assessment = self._assessment()
        assessment.action_submit()
        assessment.with_user(self.approver).action_decline(rationale=RATIONALE)
        text = self._render(self.assessor, LETTER_REPORT, assessment)
        self.assertIn("onze deur blijft open voor dialoog", text)
        self.assertNotIn("worry the police", text)
        self.assertNotIn("door remains open", text)

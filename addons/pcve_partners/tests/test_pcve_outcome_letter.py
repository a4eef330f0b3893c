import io
import shutil
import subprocess

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from .common import ASSESSMENT, PcvePartnersRpcCommon

REPORT = "pcve_partners.outcome_letter_report"


def pdf_text(pdf):
    """The text of a PDF: pdftotext where installed, else PyPDF2."""
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout.decode()
    return " ".join(page.extractText() for page in PdfFileReader(io.BytesIO(pdf)).pages)


@tagged("post_install", "-at_install")
class TestOutcomeLetter(PcvePartnersRpcCommon):
    """A partner without an e-mail address gets the printed outcome letter;
    the informing is recorded either way (who, when, how)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.no_email = cls.env["res.partner"].create(
            {
                "name": "Buurthuis Zonder Mail",
                "street": "Dorpsstraat 1",
                "city": "Lakeside",
                "pcve_is_partner": True,
            }
        )

    def _declined(self, partner):
        assessment = self._assessment(partner_id=partner.id)
        assessment.action_submit()
        assessment.with_user(self.approver).action_decline(
            rationale="Not now; our door stays open."
        )
        return assessment

    def test_print_letter_records_the_informing(self):
        assessment = self._declined(self.no_email)
        with self.assertRaisesRule(UserError, "Print letter"):
            assessment.with_user(self.assessor).action_inform_partner()
        action = assessment.with_user(self.assessor).action_print_letter()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "pcve_partners.report_outcome_letter")
        self.assertEqual(assessment.partner_informed_method, "letter")
        self.assertEqual(assessment.partner_informed_by_id, self.assessor)
        self.assertEqual(
            assessment.partner_informed_date, fields.Date.context_today(assessment)
        )
        self.assertFalse(assessment.activity_ids, "the reminder is done")
        note = assessment.message_ids.filtered(
            lambda m: "Outcome letter printed" in (m.body or "")
        )
        self.assertEqual(note.author_id, self.assessor.partner_id)
        self.env.cr.precommit.run()  # tracking values are written at commit
        tracked = assessment.message_ids.sudo().tracking_value_ids.filtered(
            lambda v: v.field_id.name == "partner_informed_method"
        )
        self.assertEqual(tracked.new_value_char, "Printed letter")
        # a reprint does not record it again
        assessment.with_user(self.approver).action_print_letter()
        self.assertEqual(assessment.partner_informed_by_id, self.assessor)

    def test_print_letter_over_rpc(self):
        assessment = self._declined(self.no_email)
        for user in (self.staff, self.employee):
            with self.assertRpcRefused(""):
                self.rpc(user, ASSESSMENT, "action_print_letter", assessment.ids)
        self.assertFalse(assessment.partner_informed_date)
        action = self.rpc(
            self.assessor, ASSESSMENT, "action_print_letter", assessment.ids
        )
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(assessment.partner_informed_method, "letter")
        undecided = self._assessment(partner_id=self.no_email.id)
        with self.assertRpcRefused("once the assessment is decided"):
            self.rpc(self.assessor, ASSESSMENT, "action_print_letter", undecided.ids)
        with self.assertRaises(AccessError):
            assessment.with_user(self.staff).action_print_letter()

    def test_email_informing_is_recorded(self):
        assessment = self._declined(self.partner)
        self.assertTrue(
            self.rpc(self.approver, ASSESSMENT, "action_inform_partner", assessment.ids)
        )
        self.assertEqual(assessment.partner_informed_method, "email")
        self.assertEqual(assessment.partner_informed_by_id, self.approver)
        self.assertTrue(
            assessment.message_ids.filtered(lambda m: self.partner in m.partner_ids)
        )

    def test_the_letter_renders_as_pdf(self):
        """wkhtmltopdf really renders it: a PDF with the partner's name and the
        text of the e-mail."""
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())
        assessment = self._declined(self.no_email)
        assessment.with_user(self.assessor).action_print_letter()
        pdf, kind = (  # as /report/pdf/ renders it for the assessor
            self.env["ir.actions.report"]
            .with_user(self.assessor)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, assessment.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = " ".join(pdf_text(pdf).split())
        self.assertIn("Buurthuis Zonder Mail", text)
        self.assertIn("Dorpsstraat 1", text)
        self.assertIn("our door remains open for dialogue", text)
        self.assertIn(assessment.company_id.name, text)
        # never the internal rationale
        self.assertNotIn("our door stays open", text)

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PcvePartnersCommon


@tagged("post_install", "-at_install")
class TestSettings(PcvePartnersCommon):
    def test_settings_drive_validity_and_charter(self):
        newer = self.env["pcve.charter"].create(
            {"name": "Newer charter", "version": "10"}
        )
        settings = self.env["res.config.settings"].create(
            {
                "pcve_assessment_validity_years": 4,
                "pcve_reassessment_notice_days": 30,
                "pcve_active_charter_id": self.charter.id,
            }
        )
        settings.execute()
        company = self.env.company
        self.assertEqual(company.pcve_assessment_validity_years, 4)
        self.assertEqual(company.pcve_reassessment_notice_days, 30)
        # The configured charter wins over the newest one.
        self.assertEqual(self.env["pcve.charter"]._get_current(), self.charter)
        self._sign_charter()
        assessment = self._assessment(funding_involved=True)
        self._complete(assessment)
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        today = fields.Date.context_today(assessment)
        self.assertEqual(assessment.valid_until.year, today.year + 4)
        self.assertNotEqual(newer, self.charter)

    def test_settings_are_the_companys(self):
        """Another company keeps its own values and, without a configured
        charter, its own newest charter: never this company's."""
        self.env["res.config.settings"].create(
            {
                "pcve_assessment_validity_years": 4,
                "pcve_active_charter_id": self.charter.id,
            }
        ).execute()
        other = self.env["res.company"].create({"name": "Other town"})
        self.assertEqual(other.pcve_assessment_validity_years, 2)
        self.assertFalse(other.pcve_active_charter_id)
        Charter = self.env["pcve.charter"]
        self.assertFalse(Charter._get_current(other))
        own = Charter.create({"name": "Other charter", "company_id": other.id})
        self.assertEqual(Charter._get_current(other), own)
        self.assertEqual(Charter._get_current(), self.charter)
        with self.assertRaises(ValidationError) as cm:
            other.pcve_active_charter_id = self.charter
        self.assertIn("Active charter rule", str(cm.exception))

    def test_settings_reject_bad_periods(self):
        with self.assertRaises(ValidationError) as cm:
            self.env["res.config.settings"].create(
                {"pcve_assessment_validity_years": 0}
            )
        self.assertIn("at least one year", str(cm.exception))
        for days in (0, -1):
            with self.subTest(days=days):
                with self.assertRaises(ValidationError) as cm:
                    self.env["res.config.settings"].create(
                        {"pcve_reassessment_notice_days": days}
                    )
                self.assertIn("at least one day", str(cm.exception))

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CaseworkCommon


@tagged("post_install", "-at_install")
class TestCaseworkSettings(CaseworkCommon):
    def _close(self, case, user, reason="Stable for a year."):
        case.write({"closure_reason_code": "goals_met", "closure_reason": reason})
        case.with_user(user).action_close()
        return case

    def test_retention_setting_drives_closure(self):
        settings = self.env["res.config.settings"].create(
            {"pcve_case_retention_years": 3}
        )
        settings.execute()
        self.assertEqual(self.env.company.pcve_case_retention_years, 3)
        self.assertEqual(
            self.env["res.config.settings"].create({}).pcve_case_retention_years, 3
        )
        case = self._close(self.case, self.worker)
        today = fields.Date.context_today(case)
        self.assertEqual(case.closed_on, today)
        self.assertEqual(case.retention_until.year, today.year + 3)
        # A new period applies to cases closed from then on; the date fixed
        # at an earlier closure stays.
        self.env["res.config.settings"].create(
            {"pcve_case_retention_years": 1}
        ).execute()
        other = self._close(self.other_case, self.outsider_worker, "Moved away.")
        self.assertEqual(other.retention_until.year, today.year + 1)
        self.assertEqual(case.retention_until.year, today.year + 3)

    def test_retention_setting_rejects_less_than_a_year(self):
        for years in (0, -2):
            with self.subTest(years=years):
                with self.assertRaises(ValidationError) as cm:
                    self.env["res.config.settings"].create(
                        {"pcve_case_retention_years": years}
                    )
                self.assertIn("at least one year", str(cm.exception))
        self.assertEqual(self.env.company.pcve_case_retention_years, 5)

import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EvaluationCommon

STAT_MODELS = (
    "pcve.evaluation.partner.stat",
    "pcve.evaluation.case.stat",
    "pcve.evaluation.session.stat",
    "pcve.evaluation.concern.stat",
)


@tagged("post_install", "-at_install")
class TestEvaluationStat(EvaluationCommon):
    def test_only_managers_read_statistics(self):
        for model in STAT_MODELS:
            self.env[model].with_user(self.manager).search_count([])
            for user in (self.staff, self.case_manager):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])

    def test_case_statistics_hold_counts_only(self):
        fields = set(self.env["pcve.evaluation.case.stat"]._fields)
        for identifying in (
            "name",
            "subject_pseudonym",
            "subject_partner_id",
            "signal_description",
            "closure_reason",
            "member_ids",
        ):
            self.assertNotIn(identifying, fields)
        self.env["pcve.case"].create(
            [
                {
                    "subject_pseudonym": f"Stat {index}",
                    "signal_date": datetime.date(2031, 2, 1),
                    "concern_type": "left_wing",
                    "company_id": self.company.id,
                }
                for index in range(3)
            ]
        )
        groups = (
            self.env["pcve.evaluation.case.stat"]
            .with_user(self.manager)
            ._read_group(
                [("signal_date", ">=", datetime.date(2031, 1, 1))],
                ["concern_type"],
                ["case_count:sum"],
            )
        )
        self.assertEqual(groups, [("left_wing", 3)])

    def test_menus_for_managers(self):
        menu = self.env.ref("pcve_evaluation.pcve_evaluation_case_stat_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.manager)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.staff)._visible_menu_ids())

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEvaluationGroups(TransactionCase):
    def test_report_xlsx_is_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "report_xlsx")])
        self.assertEqual(module.state, "installed")

    def test_evaluation_menu_only_for_managers(self):
        menu = self.env.ref("pcve_evaluation.menu_pcve_evaluation")
        staff = new_test_user(
            self.env, login="pcve_ev_staff", groups="pcve_partners.group_pcve_user"
        )
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(staff)._visible_menu_ids()
        )

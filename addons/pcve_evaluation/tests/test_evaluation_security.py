from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEvaluationGroups(TransactionCase):
    def test_report_xlsx_is_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "report_xlsx")])
        self.assertEqual(module.state, "installed")

    def test_evaluation_menu_for_staff_reviews_for_managers(self):
        """Municipal staff read the action plans (Evaluation menu), the
        reviews and statistics stay the evaluation managers'."""
        menus = {
            xmlid: self.env.ref(f"pcve_evaluation.{xmlid}").id
            for xmlid in (
                "menu_pcve_evaluation",
                "pcve_action_plan_menu",
                "pcve_evaluation_review_menu",
                "menu_pcve_evaluation_statistics",
            )
        }
        staff = new_test_user(
            self.env, login="pcve_ev_staff", groups="pcve_partners.group_pcve_user"
        )
        worker = new_test_user(
            self.env, login="pcve_ev_worker", groups="pcve_casework.group_case_worker"
        )
        manager = new_test_user(
            self.env,
            login="pcve_ev_mgr",
            groups="pcve_evaluation.group_evaluation_manager",
        )
        Menu = self.env["ir.ui.menu"]
        visible = Menu.with_user(staff)._visible_menu_ids()
        self.assertIn(menus["pcve_action_plan_menu"], visible)
        self.assertNotIn(menus["pcve_evaluation_review_menu"], visible)
        self.assertNotIn(menus["menu_pcve_evaluation_statistics"], visible)
        self.assertNotIn(
            menus["menu_pcve_evaluation"], Menu.with_user(worker)._visible_menu_ids()
        )
        self.assertLessEqual(
            set(menus.values()), set(Menu.with_user(manager)._visible_menu_ids())
        )

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCaseworkGroups(TransactionCase):
    def test_volunteer_reaches_the_app_menu(self):
        volunteer = new_test_user(
            self.env, login="pcve_vol_g", groups="pcve_casework.group_case_volunteer"
        )
        root = self.env.ref("pcve_partners.menu_pcve_root")
        visible = self.env["ir.ui.menu"].with_user(volunteer)._visible_menu_ids()
        self.assertIn(root.id, visible)
        manager = self.env.ref("pcve_casework.group_case_manager")
        self.assertIn(
            self.env.ref("pcve_casework.group_case_volunteer"), manager.all_implied_ids
        )

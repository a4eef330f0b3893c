from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSafespacesGroups(TransactionCase):
    def test_user_reaches_the_app_menu(self):
        user = new_test_user(
            self.env, login="pcve_ss_g", groups="pcve_safespaces.group_safespace_user"
        )
        root = self.env.ref("pcve_partners.menu_pcve_root")
        self.assertIn(
            root.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        )
        manager = self.env.ref("pcve_safespaces.group_safespace_manager")
        self.assertIn(
            self.env.ref("pcve_safespaces.group_safespace_organiser"),
            manager.all_implied_ids,
        )

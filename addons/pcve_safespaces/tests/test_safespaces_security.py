from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSafespacesGroups(TransactionCase):
    def test_user_reaches_the_app_menu(self):
        root = self.env.ref("pcve_partners.menu_pcve_root")
        self.assertIn(
            self.env.ref("pcve_safespaces.group_safespace_user"), root.group_ids
        )
        manager = self.env.ref("pcve_safespaces.group_safespace_manager")
        self.assertIn(
            self.env.ref("pcve_safespaces.group_safespace_organiser"),
            manager.all_implied_ids,
        )

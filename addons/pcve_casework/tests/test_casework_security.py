from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCaseworkGroups(TransactionCase):
    def test_volunteer_reaches_the_app_menu(self):
        root = self.env.ref("pcve_base.menu_pcve_root")
        self.assertIn(
            self.env.ref("pcve_casework.group_case_volunteer"), root.group_ids
        )
        manager = self.env.ref("pcve_casework.group_case_manager")
        self.assertIn(
            self.env.ref("pcve_casework.group_case_volunteer"), manager.all_implied_ids
        )

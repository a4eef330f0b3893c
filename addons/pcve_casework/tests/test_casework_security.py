from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCaseworkGroups(TransactionCase):
    def test_volunteer_reaches_the_app_menu(self):
        """Through the base group it implies, without editing the root menu;
        its managers open the audit trail."""
        root = self.env.ref("pcve_base.menu_pcve_root")
        lowest = self.env.ref("pcve_casework.group_case_volunteer")
        self.assertTrue(root.group_ids)
        self.assertLessEqual(root.group_ids, lowest.all_implied_ids)
        audit = self.env.ref("pcve_audit.auditlog_log_menu_pcve")
        self.assertLessEqual(
            audit.group_ids,
            self.env.ref("pcve_casework.group_case_manager").all_implied_ids,
        )
        manager = self.env.ref("pcve_casework.group_case_manager")
        self.assertIn(
            self.env.ref("pcve_casework.group_case_volunteer"), manager.all_implied_ids
        )

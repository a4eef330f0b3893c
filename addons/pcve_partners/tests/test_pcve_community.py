from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestPcveCommunity(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env, login="pcve_staff_c", groups="pcve_partners.group_pcve_user"
        )
        cls.employee = new_test_user(
            cls.env, login="pcve_employee_c", groups="base.group_user"
        )

    def test_group_hierarchy(self):
        manager = self.env.ref("pcve_partners.group_pcve_manager")
        implied = manager.all_implied_ids
        for xmlid in ("group_pcve_approver", "group_pcve_assessor", "group_pcve_user"):
            self.assertIn(self.env.ref(f"pcve_partners.{xmlid}"), implied)
        liaison = self.env.ref("pcve_partners.group_pcve_security_liaison")
        self.assertNotIn(liaison, implied, "managers do not see intelligence checks")

    def test_staff_maps_communities(self):
        community = (
            self.env["pcve.community"]
            .with_user(self.staff)
            .create({"name": "Riverside residents", "basis": "location"})
        )
        self.assertEqual(community.company_id, self.env.company)
        with self.assertRaises(AccessError):
            community.unlink()

    def test_employee_without_pcve_group_sees_nothing(self):
        self.env["pcve.community"].create({"name": "Majority", "is_majority": True})
        with self.assertRaises(AccessError):
            self.env["pcve.community"].with_user(self.employee).search([])

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PcvePartnersRpcCommon

MEMBER = "pcve.network.member"
NETWORK = "pcve.network"


@tagged("post_install", "-at_install")
class TestNetwork(PcvePartnersRpcCommon):
    """The network's figures, with their edge cases, and who reads members."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Community = cls.env["pcve.community"]
        cls.majority = Community.create({"name": "Old Lakeside", "is_majority": True})
        cls.newcomers = Community.create({"name": "Newly arrived Eritreans"})
        cls.quarter = Community.create({"name": "Harbour quarter"})
        cls.network = (
            cls.env[NETWORK]
            .with_user(cls.manager)
            .create({"name": "Key figures", "coordinator_user_ids": [cls.staff.id]})
        )
        cls.today = fields.Date.context_today(cls.network)

    def _member(self, **vals):
        values = {
            "network_id": self.network.id,
            "partner_id": self.partner.id,
            "community_id": self.quarter.id,
            "role": "individual",
        }
        values.update(vals)
        return self.env[MEMBER].with_user(self.manager).create(values)

    def test_a_member_moves_only_to_a_network_one_coordinates(self):
        member = self._member()
        others = (
            self.env[NETWORK]
            .with_user(self.manager)
            .create(
                [
                    {"name": "Crisis circle", "coordinator_user_ids": [self.staff.id]},
                    {"name": "Youth panel", "coordinator_user_ids": [self.manager.id]},
                ]
            )
        )
        moved = "can only be moved to a .* you may change"
        with self.assertRaisesRule(AccessError, moved):
            member.with_user(self.staff).network_id = others[1]
        with self.assertRpcRefused(moved):
            self.rpc(
                self.staff, MEMBER, "write", member.ids, {"network_id": others[1].id}
            )
        self.assertEqual(member.network_id, self.network)
        self.assertIs(
            self.rpc(
                self.staff, MEMBER, "write", member.ids, {"network_id": others[0].id}
            ),
            True,
        )
        member.invalidate_recordset()
        self.assertEqual(member.network_id, others[0])

    def test_no_members(self):
        network = self.network.with_user(self.assessor)
        self.assertEqual(network.active_member_count, 0)
        self.assertEqual((network.women_share, network.youth_share), (0, 0))
        self.assertFalse(network.representative_only)
        self.assertLessEqual(
            self.majority | self.newcomers | self.quarter,
            network.coverage_gap_community_ids,
        )

    def test_shares_and_gaps_count_active_members_only(self):
        self._member(gender="female", age_band="under_25")
        self._member(gender="male", age_band="45_64", role="faith_leader")
        self._member(gender="female", age_band="25_44", role="youth")
        self._member(gender="male", age_band="under_25", community_id=self.newcomers.id)
        # left, and not yet joined: they do not count
        self._member(
            gender="female",
            community_id=self.majority.id,
            until=self.today - timedelta(days=1),
            since=self.today - timedelta(days=30),
        )
        self._member(
            gender="female",
            community_id=self.majority.id,
            since=self.today + timedelta(days=1),
        )
        network = self.network.with_user(self.approver)
        self.assertEqual(network.active_member_count, 4)
        self.assertEqual(network.women_share, 50)
        self.assertEqual(network.youth_share, 50)
        self.assertFalse(network.representative_only)
        gaps = network.coverage_gap_community_ids
        self.assertIn(self.majority, gaps, "the majority community is a gap too")
        self.assertNotIn(self.newcomers, gaps)
        self.assertNotIn(self.quarter, gaps)

    def test_representatives_only(self):
        self._member(role="faith_leader")
        self._member(role="sports", community_id=self.majority.id)
        self.assertTrue(self.network.representative_only)
        self.assertNotIn(self.majority, self.network.coverage_gap_community_ids)
        self.assertIn(self.newcomers, self.network.coverage_gap_community_ids)
        self._member(role="individual")
        self.assertFalse(self.network.representative_only)

    def test_members_for_coordinators_and_managers(self):
        member = self._member(gender="female", crisis_contact_consent=True)
        mine = [("id", "=", member.id)]
        # the coordinator and the manager read the member and its details
        for user in (self.staff, self.manager):
            self.assertEqual(
                self.env[MEMBER].with_user(user).search(mine).gender, "female"
            )
            record = self.rpc(user, MEMBER, "read", member.ids, ["gender", "age_band"])
            self.assertEqual(record[0]["gender"], "female")
        self.assertIs(
            self.rpc(self.staff, MEMBER, "write", member.ids, {"age_band": "65_plus"}),
            True,
        )
        # nobody else: not in search, read or grouping; the figures, yes
        for user in (self.assessor, self.approver, self.liaison):
            self.assertFalse(self.env[MEMBER].with_user(user).search(mine))
            with self.assertRaises(AccessError):
                member.with_user(user).read(["gender"])
            self.assertEqual(self.rpc(user, MEMBER, "search", mine), [])
            with self.assertRpcRefused(""):
                self.rpc(user, MEMBER, "read", member.ids, ["gender"])
            self.assertEqual(
                self.rpc(user, NETWORK, "read", self.network.ids, ["women_share"])[0][
                    "women_share"
                ],
                100,
            )
            with self.assertRpcRefused(""):
                self.rpc(
                    user,
                    MEMBER,
                    "create",
                    {"network_id": self.network.id, "partner_id": self.partner.id},
                )
        for user in (self.staff, self.assessor):
            with self.assertRpcRefused(""):
                self.rpc(user, NETWORK, "create", {"name": "Mine"})
        with self.assertRpcRefused(""):
            self.rpc(self.employee, NETWORK, "search", [])

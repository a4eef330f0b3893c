from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CaseworkCommon

RULE = "a faith volunteer is always paired with a social worker or psychologist"


@tagged("post_install", "-at_install")
class TestCasePairing(CaseworkCommon):
    def test_pairing_holds_on_demo_like_case(self):
        roles = set(self.case.member_ids.mapped("role"))
        self.assertEqual(roles, {"social_worker", "faith_volunteer"})
        self.assertTrue(self._member(self.case, self.worker).is_professional)
        self.assertFalse(self._member(self.case, self.imam).is_professional)

    def test_volunteer_added_to_case_without_professional(self):
        with self.assertRaisesRule(ValidationError, RULE):
            self.env["pcve.case.member"].with_user(self.manager).create(
                {
                    "case_id": self.other_case.id,
                    "user_id": self.imam.id,
                    "role": "faith_volunteer",
                    "acting_on_behalf_of_id": self.initiative.id,
                }
            )
        self.assertFalse(self._member(self.other_case, self.imam))

    def test_new_case_with_only_a_volunteer(self):
        with self.assertRaisesRule(ValidationError, RULE):
            self.Case.with_user(self.manager).create(
                {
                    "subject_pseudonym": "Nobody-alone",
                    "lead_user_id": self.manager.id,
                    "member_ids": [
                        (
                            0,
                            0,
                            {
                                "user_id": self.imam.id,
                                "role": "faith_volunteer",
                                "acting_on_behalf_of_id": self.initiative.id,
                            },
                        )
                    ],
                }
            )
        self.assertFalse(self.Case.search([("subject_pseudonym", "=", "Nobody-alone")]))

    def test_ending_last_professional(self):
        member = self._member(self.case, self.worker).with_user(self.manager)
        with self.assertRaisesRule(ValidationError, RULE):
            member.action_end()
        self.assertTrue(member.active)

    def test_removing_last_professional(self):
        member = self._member(self.case, self.worker).with_user(self.manager)
        with self.assertRaisesRule(ValidationError, RULE):
            member.unlink()
        self.assertTrue(member.exists())

    def test_removing_through_the_case(self):
        member = self._member(self.case, self.worker)
        with self.assertRaisesRule(ValidationError, RULE):
            self.case.with_user(self.manager).write({"member_ids": [(2, member.id)]})
        self.assertTrue(member.exists())

    def test_changing_role_of_last_professional(self):
        member = self._member(self.case, self.worker).with_user(self.manager)
        with self.assertRaisesRule(ValidationError, RULE):
            member.role = "youth_worker"

    def test_psychologist_also_pairs(self):
        Member = self.env["pcve.case.member"].with_user(self.manager)
        Member.create(
            {
                "case_id": self.case.id,
                "user_id": self.psychologist.id,
                "role": "psychologist",
            }
        )
        self._member(self.case, self.worker).with_user(self.manager).action_end()
        self.assertEqual(
            self.case.member_ids.filtered("is_professional").user_id, self.psychologist
        )

    def test_ending_the_volunteer_first_is_fine(self):
        self._member(self.case, self.imam).with_user(self.manager).action_end()
        self._member(self.case, self.worker).with_user(self.manager).action_end()
        self.assertFalse(self.case.member_ids)

    def test_faith_volunteer_acts_on_behalf_of_initiative(self):
        with self.assertRaisesRule(ValidationError, "local initiative"):
            self.env["pcve.case.member"].with_user(self.manager).create(
                {
                    "case_id": self.case.id,
                    "user_id": self.other_volunteer.id,
                    "role": "faith_volunteer",
                }
            )

    def test_volunteer_cannot_be_lead(self):
        with self.assertRaisesRule(
            ValidationError, "volunteer cannot be the case lead"
        ):
            self.case.with_user(self.manager).lead_user_id = self.imam
        self.assertEqual(self.case.lead_user_id, self.worker)

    def test_worker_on_the_team_as_faith_volunteer_cannot_lead(self):
        self.env["pcve.case.member"].create(
            {
                "case_id": self.case.id,
                "user_id": self.psychologist.id,
                "role": "faith_volunteer",
                "acting_on_behalf_of_id": self.initiative.id,
            }
        )
        with self.assertRaisesRule(
            ValidationError, "volunteer cannot be the case lead"
        ):
            self.case.with_user(self.manager).lead_user_id = self.psychologist
        self.assertEqual(self.case.lead_user_id, self.worker)

    def test_volunteer_cannot_take_professional_role(self):
        with self.assertRaisesRule(ValidationError, "not a case worker"):
            self.env["pcve.case.member"].with_user(self.manager).create(
                {
                    "case_id": self.case.id,
                    "user_id": self.other_volunteer.id,
                    "role": "social_worker",
                }
            )

    def test_only_managers_assign_teams(self):
        with self.assertRaises(AccessError):
            self.env["pcve.case.member"].with_user(self.worker).create(
                {
                    "case_id": self.case.id,
                    "user_id": self.psychologist.id,
                    "role": "psychologist",
                }
            )

    def test_members_follow_and_leavers_unfollow(self):
        partner = self.imam.partner_id
        self.assertIn(partner, self.case.message_partner_ids)
        self._member(self.case, self.imam).with_user(self.manager).action_end()
        self.assertNotIn(partner, self.case.message_partner_ids)

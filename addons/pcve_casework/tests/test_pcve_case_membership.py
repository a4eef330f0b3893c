"""A membership ends by its button or by its end date, and either way the
former member loses the case, its notes, its messages and its chatter at once
(the record rules compare with today's date when the query runs, not when
their domain was cached). The pairing rule uses the same definition. Adding a
volunteer works at first, and a refused case uses up no reference."""

from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CaseworkCommon, CaseworkRpcCommon

PAIRING = "always paired with a social worker or psychologist"
MODELS = ("pcve.case.note", "pcve.case.plan.item", "pcve.case.meeting")


class MembershipSetup:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.psychologist.group_ids |= cls.env.ref("base.group_allow_export")
        cls.membership = cls.env["pcve.case.member"].create(
            {
                "case_id": cls.case.id,
                "user_id": cls.psychologist.id,
                "role": "psychologist",
                "date_start": cls.today - timedelta(days=30),
            }
        )
        cls.note = cls.env["pcve.case.note"].create(
            {"case_id": cls.case.id, "body": "Sleeps better."}
        )
        cls.env["pcve.case.plan.item"].create(
            {"case_id": cls.case.id, "description": "Find an internship"}
        )
        cls.env["pcve.case.meeting"].create({"case_id": cls.case.id})
        cls.log_note = cls.case.message_post(body="Internal log")


@tagged("post_install", "-at_install")
class TestMembershipEnd(MembershipSetup, CaseworkCommon):
    def _assert_sees(self, user, case):
        Case = self.Case.with_user(user)
        self.assertIn(case, Case.search([]))
        case.with_user(user).read(["subject_pseudonym"])

    def _assert_sees_nothing(self, user, case):
        Case = self.Case.with_user(user)
        self.assertNotIn(case, Case.search([]))
        self.assertEqual(Case.search_count([("id", "=", case.id)]), 0)
        groups = Case.formatted_read_group([("id", "=", case.id)], [], ["__count"])
        self.assertEqual(sum(g["__count"] for g in groups), 0)
        with self.assertRaises(AccessError):
            case.with_user(user).read(["subject_pseudonym"])
        with self.assertRaises(AccessError):
            case.with_user(user).export_data(["subject_pseudonym"])
        for model in MODELS:
            records = self.env[model].with_user(user)
            self.assertFalse(records.search([("case_id", "=", case.id)]), model)
        with self.assertRaises(AccessError):
            self.note.with_user(user).read(["body"])
        Message = self.env["mail.message"].with_user(user)
        domain = [("model", "=", "pcve.case"), ("res_id", "=", case.id)]
        self.assertFalse(Message.search(domain))
        with self.assertRaises(AccessError):
            self.log_note.with_user(user).read(["body"])

    def test_member_past_his_end_date_sees_nothing(self):
        """End date today: he still works on the case today; tomorrow he sees
        nothing, although the rule domains were cached today."""
        self.membership.with_user(self.manager).date_end = self.today
        self._assert_sees(self.psychologist, self.case)
        with freeze_time(self.today + timedelta(days=1)):
            self.env.invalidate_all()  # a request of the next day
            self.assertFalse(self.membership.is_current)
            self._assert_sees_nothing(self.psychologist, self.case)
            self.assertEqual(
                self.env["pcve.case.member"].search(
                    [("case_id", "=", self.case.id), ("is_current", "=", False)]
                ),
                self.membership,
            )
        # the team still sees the case
        self._assert_sees(self.worker, self.case)

    def test_ended_by_the_button(self):
        self.assertTrue(self.membership.with_user(self.manager).action_end())
        self._assert_sees_nothing(self.psychologist, self.case)

    def test_former_member_leaves_the_chatter(self):
        """No message, mention or activity reaches him after his end date;
        the nightly job then takes him off the followers and gives his open
        activities to the case lead."""
        partner = self.psychologist.partner_id
        activity = self.case.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.psychologist.id
        )
        self.membership.with_user(self.manager).date_end = self.today
        self.assertIn(partner, self.case.message_partner_ids)
        with freeze_time(self.today + timedelta(days=1)):
            self.env.invalidate_all()  # a request of the next day
            case = self.case.with_user(self.worker)
            message = case.message_post(
                body="For the team",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.assertNotIn(partner, message.notification_ids.res_partner_id)
            with self.assertRaisesRule(UserError, "active team members"):
                case.message_post(body="x", partner_ids=partner.ids)
            with self.assertRaisesRule(UserError, "active team members"):
                case.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=self.psychologist.id
                )
            Member = self.env["pcve.case.member"]
            Cron = self.env.registry["ir.cron"]
            with patch.object(Cron, "_commit_progress", return_value=60.0) as commit:
                self.assertEqual(Member._cron_end_past_memberships(), 1)
                self.assertFalse(self.membership.active)
                self.assertNotIn(partner, self.case.message_partner_ids)
                self.assertEqual(activity.user_id, self.worker)
                self.assertEqual(Member._cron_end_past_memberships(), 0)
            # one commit for the one batch, nothing left after it
            self.assertEqual(
                [call.kwargs["remaining"] for call in commit.call_args_list], [0]
            )

    def test_ending_job_works_in_batches_and_selects_only_the_due(self):
        Member = self.env["pcve.case.member"]
        team = Member.create(
            [
                {
                    "case_id": self.case.id,
                    "user_id": user.id,
                    "role": "youth_worker",
                    "date_end": self.today,
                }
                for user in (self.outsider_worker, self.manager)
            ]
        )
        Cron = self.env.registry["ir.cron"]
        with (
            freeze_time(self.today + timedelta(days=1)),
            patch.object(Cron, "_commit_progress", return_value=60.0) as commit,
        ):
            self.env.invalidate_all()
            # the psychologist's membership has no end: it is not selected
            self.assertEqual(Member._cron_end_past_memberships(batch_size=1), 2)
        self.assertEqual(
            [call.kwargs["remaining"] for call in commit.call_args_list], [1, 0]
        )
        self.assertFalse(team.filtered("active"))
        self.assertTrue(self.membership.active)

    def test_member_who_starts_later_sees_the_case_from_his_start(self):
        start = self.today + timedelta(days=2)
        self.env["pcve.case.member"].with_user(self.manager).create(
            {
                "case_id": self.case.id,
                "user_id": self.outsider_worker.id,
                "role": "youth_worker",
                "date_start": start,
            }
        )
        partner = self.outsider_worker.partner_id
        Case = self.Case.with_user(self.outsider_worker)
        self.assertNotIn(self.case, Case.search([]))
        self.assertNotIn(partner, self.case.message_partner_ids)
        with freeze_time(start):
            self.env.invalidate_all()  # a request of that day
            self.assertIn(self.case, Case.search([]))
            self.env["pcve.case.member"]._cron_follow_started_memberships()
            self.assertIn(partner, self.case.message_partner_ids)

    def test_end_dates_are_never_in_the_past(self):
        member = self.membership.with_user(self.manager)
        with self.assertRaisesRule(AccessError, "cannot be ended in the past"):
            member.date_end = self.today - timedelta(days=1)
        with self.assertRaisesRule(ValidationError, "cannot end before it starts"):
            member.write(
                {
                    "date_start": self.today + timedelta(days=5),
                    "date_end": self.today + timedelta(days=2),
                }
            )
        self.assertFalse(member.date_end)

    def test_pairing_uses_end_dates(self):
        """The imam is on the team without end date: the last social worker
        may not leave by a date either, unless someone takes over."""
        worker = self._member(self.case, self.worker).with_user(self.manager)
        self.membership.with_user(self.manager).action_end()
        with self.assertRaisesRule(ValidationError, PAIRING):
            worker.date_end = self.today + timedelta(days=10)
        self.assertFalse(worker.date_end)
        Member = self.env["pcve.case.member"].with_user(self.manager)
        # a psychologist who starts only after the social worker left: a gap
        late = Member.create(
            {
                "case_id": self.case.id,
                "user_id": self.outsider_worker.id,
                "role": "psychologist",
                "date_start": self.today + timedelta(days=12),
            }
        )
        with self.assertRaisesRule(ValidationError, PAIRING):
            worker.date_end = self.today + timedelta(days=10)
        late.date_start = self.today + timedelta(days=11)
        worker.date_end = self.today + timedelta(days=10)
        self.assertEqual(worker.date_end, self.today + timedelta(days=10))

    def test_pairing_ignores_memberships_past_their_date(self):
        """A social worker whose end date has passed pairs nobody."""
        self.other_case.member_ids.sudo().write(
            {
                "role": "social_worker",
                "date_start": self.today - timedelta(days=20),
                "date_end": self.today - timedelta(days=1),
            }
        )
        with self.assertRaisesRule(ValidationError, PAIRING):
            self.env["pcve.case.member"].with_user(self.manager).create(
                {
                    "case_id": self.other_case.id,
                    "user_id": self.imam.id,
                    "role": "faith_volunteer",
                    "acting_on_behalf_of_id": self.initiative.id,
                }
            )


@tagged("post_install", "-at_install")
class TestAddingMembers(CaseworkCommon):
    def test_role_follows_the_chosen_user(self):
        form = Form(self.Case.with_user(self.manager))
        form.subject_pseudonym = "Finch"
        with form.member_ids.new() as line:
            line.user_id = self.worker
            self.assertEqual(line.role, "social_worker")
        with form.member_ids.new() as line:
            line.user_id = self.imam
            self.assertEqual(line.role, "faith_volunteer")
            line.acting_on_behalf_of_id = self.initiative
        case = form.save()
        self.assertEqual(
            {(m.user_id, m.role) for m in case.member_ids},
            {(self.worker, "social_worker"), (self.imam, "faith_volunteer")},
        )
        # without a role over the API too
        member = (
            self.env["pcve.case.member"]
            .with_user(self.manager)
            .create(
                {
                    "case_id": case.id,
                    "user_id": self.other_volunteer.id,
                    "acting_on_behalf_of_id": self.initiative.id,
                }
            )
        )
        self.assertEqual(member.role, "faith_volunteer")

    def test_refused_case_uses_up_no_reference(self):
        sequence = self.env.ref("pcve_casework.seq_pcve_case")
        before = sequence.number_next_actual
        with self.assertRaisesRule(ValidationError, PAIRING) as cm:
            self.Case.with_user(self.manager).create(
                {
                    "subject_pseudonym": "Lonely",
                    "member_ids": [
                        (
                            0,
                            0,
                            {
                                "user_id": self.imam.id,
                                "acting_on_behalf_of_id": self.initiative.id,
                            },
                        )
                    ],
                }
            )
        self.assertIn("Case Lonely:", str(cm.exception))
        self.assertNotIn("CASE/", str(cm.exception))
        sequence.invalidate_recordset()
        self.assertEqual(sequence.number_next_actual, before)
        case = self.Case.with_user(self.manager).create({"subject_pseudonym": "Next"})
        self.assertTrue(case.name.endswith(f"/{before:04d}"), case.name)


@tagged("post_install", "-at_install")
class TestMembershipEndRpc(MembershipSetup, CaseworkRpcCommon):
    def test_member_past_his_end_date_over_rpc(self):
        # as the membership is found the day after its end date
        self.membership.sudo().date_end = self.today - timedelta(days=1)
        user = self.psychologist
        self.assertEqual(self.rpc(user, "pcve.case", "search", []), [])
        groups = self.rpc(
            user, "pcve.case", "formatted_read_group", [], [], ["__count"]
        )
        self.assertEqual(sum(group["__count"] for group in groups), 0)
        with self.assertRpcRefused("not allowed|access"):
            self.rpc(user, "pcve.case", "read", [self.case.id], ["subject_pseudonym"])
        with self.assertRpcRefused("not allowed|access"):
            self.rpc(user, "pcve.case", "export_data", [self.case.id], ["name"])
        for model in MODELS:
            self.assertEqual(self.rpc(user, model, "search", []), [], model)
        self.assertEqual(
            self.rpc(
                user,
                "mail.message",
                "search",
                [("model", "=", "pcve.case"), ("res_id", "=", self.case.id)],
            ),
            [],
        )
        with self.assertRpcRefused("not allowed|access|restrictions"):
            self.rpc(user, "mail.message", "read", self.log_note.ids, ["body"])
        # the rest of the team is not affected
        self.assertEqual(
            self.rpc(self.worker, "pcve.case", "search", []), self.case.ids
        )

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaseworkCommon
from .test_pcve_case_access_log import case_reads


@tagged("post_install", "-at_install")
class TestCaseRecordRules(CaseworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_note = cls.env["pcve.case.note"].create(
            {"case_id": cls.case.id, "body": "Meets the imam on Fridays."}
        )
        cls.pro_note = cls.env["pcve.case.note"].create(
            {
                "case_id": cls.case.id,
                "body": "Psychological assessment: anxiety.",
                "visibility": "professionals",
            }
        )
        cls.plan_item = cls.env["pcve.case.plan.item"].create(
            {"case_id": cls.case.id, "description": "Find an internship"}
        )
        cls.meeting = cls.env["pcve.case.meeting"].create(
            {"case_id": cls.case.id, "minutes": "<p>Family is cooperative.</p>"}
        )
        cls.message = cls.case.message_post(body="Team update", message_type="comment")
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "school-report.txt",
                "raw": b"report",
                "res_model": "pcve.case",
                "res_id": cls.case.id,
            }
        )

    def _cases(self, user):
        return self.Case.with_user(user).search([])

    def test_members_see_their_cases_only(self):
        self.assertEqual(self._cases(self.imam), self.case)
        self.assertEqual(self._cases(self.worker), self.case)
        self.assertEqual(self._cases(self.outsider_worker), self.other_case)
        self.assertFalse(self._cases(self.other_volunteer))
        company_cases = self.Case.search(
            [("company_id", "=", self.manager.company_id.id)]
        )
        self.assertEqual(self._cases(self.manager), company_cases)
        self.assertLessEqual(self.case | self.other_case, company_cases)

    def test_non_member_cannot_read_case(self):
        for user in (self.other_volunteer, self.outsider_worker):
            with self.assertRaises(AccessError):
                self.case.with_user(user).read(["subject_pseudonym"])

    def test_read_group_counts_only_own_cases(self):
        Case = self.Case.with_user(self.outsider_worker)
        groups = Case._read_group([], ["stage"], ["__count"])
        self.assertEqual(sum(count for __, count in groups), 1)
        formatted = Case.formatted_read_group([], ["concern_type"], ["__count"])
        self.assertEqual(sum(g["__count"] for g in formatted), 1)

    def test_export_of_other_cases_is_empty(self):
        self.outsider_worker.group_ids |= self.env.ref("base.group_allow_export")
        Case = self.Case.with_user(self.outsider_worker)
        rows = Case.search([]).export_data(["subject_pseudonym"])["datas"]
        self.assertEqual(rows, [["Heron"]])
        log = case_reads(self.env, self.Case.search([]), self.outsider_worker)
        self.assertEqual((log.res_id, log.method), (self.other_case.id, "read"))

    def test_ended_member_loses_access(self):
        self.env["pcve.case.member"].create(
            {
                "case_id": self.case.id,
                "user_id": self.psychologist.id,
                "role": "psychologist",
            }
        )
        self.assertIn(self.case, self._cases(self.psychologist))
        self._member(self.case, self.psychologist).with_user(self.manager).action_end()
        self.assertNotIn(self.case, self._cases(self.psychologist))
        with self.assertRaises(AccessError):
            self.case.with_user(self.psychologist).read(["name"])
        for model in ("pcve.case.note", "pcve.case.plan.item", "pcve.case.meeting"):
            self.assertFalse(
                self.env[model].with_user(self.psychologist).search([]), model
            )

    def test_manager_limited_to_company(self):
        other_company = self.env["res.company"].create({"name": "Gemeente Mechelen"})
        foreign = self.Case.create(
            {"subject_pseudonym": "Kestrel", "company_id": other_company.id}
        )
        self.assertNotIn(foreign, self._cases(self.manager))

    def test_child_records_follow_the_case(self):
        for model in ("pcve.case.plan.item", "pcve.case.meeting", "pcve.case.member"):
            Model = self.env[model]
            self.assertTrue(
                Model.with_user(self.imam).search([("case_id", "=", self.case.id)])
            )
            self.assertFalse(
                Model.with_user(self.other_volunteer).search(
                    [("case_id", "=", self.case.id)]
                )
            )
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.outsider_worker).read(["minutes"])
        with self.assertRaises(AccessError):
            self.plan_item.with_user(self.other_volunteer).read(["description"])

    def test_notes_by_visibility(self):
        Note = self.env["pcve.case.note"]
        self.assertEqual(Note.with_user(self.imam).search([]), self.team_note)
        self.assertEqual(
            Note.with_user(self.worker).search([]), self.team_note | self.pro_note
        )
        self.assertFalse(Note.with_user(self.outsider_worker).search([]))
        with self.assertRaises(AccessError):
            self.pro_note.with_user(self.imam).read(["body"])
        groups = Note.with_user(self.imam).formatted_read_group(
            [], ["visibility"], ["__count"]
        )
        self.assertEqual(
            [(g["visibility"], g["__count"]) for g in groups], [("team", 1)]
        )
        self.assertEqual(
            Note.with_user(self.imam).search_count([("body", "ilike", "anxiety")]), 0
        )
        # the case form reads notes through the one2many: still filtered
        self.assertEqual(self.case.with_user(self.imam).note_ids, self.team_note)

    def test_volunteer_adds_team_note_but_not_professional_note(self):
        Note = self.env["pcve.case.note"].with_user(self.imam)
        note = Note.create(
            {"case_id": self.case.id, "body": "Went to the mosque together."}
        )
        self.assertEqual(note.author_id, self.imam)
        with self.assertRaises(AccessError):
            Note.create(
                {"case_id": self.case.id, "body": "x", "visibility": "professionals"}
            )
        with self.assertRaises(AccessError):
            Note.create({"case_id": self.other_case.id, "body": "x"})

    def test_professional_fields_hidden_from_volunteers(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.imam).read(["subject_partner_id"])
        with self.assertRaises(AccessError):
            self.case.with_user(self.imam).read(["signal_description"])
        values = self.case.with_user(self.worker).read(["signal_description"])
        self.assertIn("recruiter", values[0]["signal_description"])

    def test_volunteer_cannot_write_case(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.imam).write({"subject_pseudonym": "Other"})

    def test_messages_follow_the_case(self):
        Message = self.env["mail.message"]
        domain = [("model", "=", "pcve.case"), ("res_id", "=", self.case.id)]
        self.assertIn(self.message, Message.with_user(self.imam).search(domain))
        self.assertFalse(Message.with_user(self.outsider_worker).search(domain))
        with self.assertRaises(AccessError):
            self.message.with_user(self.outsider_worker).read(["body"])
        # team members, volunteers too, may post in the chatter
        self.case.with_user(self.imam).message_post(
            body="Thanks", message_type="comment"
        )
        with self.assertRaises(AccessError):
            self.case.with_user(self.other_volunteer).message_post(body="x")

    def test_attachments_follow_the_case(self):
        Attachment = self.env["ir.attachment"]
        domain = [("res_model", "=", "pcve.case"), ("res_id", "=", self.case.id)]
        self.assertEqual(
            Attachment.with_user(self.worker).search(domain), self.attachment
        )
        self.assertFalse(Attachment.with_user(self.outsider_worker).search(domain))
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.outsider_worker).read(["datas"])
        self.assertEqual(
            base64.b64decode(self.attachment.with_user(self.imam).datas), b"report"
        )

    def test_only_team_members_follow_or_get_messages(self):
        outsider = self.outsider_worker.partner_id
        with self.assertRaisesRule(UserError, "Only active team members"):
            self.case.with_user(self.manager).message_subscribe(
                partner_ids=outsider.ids
            )
        with self.assertRaisesRule(UserError, "only be addressed to its active team"):
            self.case.with_user(self.worker).message_post(
                body="Look at this", partner_ids=outsider.ids
            )
        self.assertNotIn(outsider, self.case.message_partner_ids)
        # automatic subscription (e.g. a former member posting earlier) is filtered
        self.case._message_subscribe(partner_ids=outsider.ids)
        self.assertNotIn(outsider, self.case.message_partner_ids)
        # a team member can be addressed
        self.case.with_user(self.worker).message_post(
            body="For you", partner_ids=self.imam.partner_id.ids
        )

    def test_activities_only_for_the_team(self):
        with self.assertRaisesRule(UserError, "Only active team members"):
            self.case.with_user(self.worker).activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.outsider_worker.id
            )
        activity = self.case.with_user(self.worker).activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.imam.id, summary="Call him"
        )
        self.assertEqual(self.case.with_user(self.imam).activity_ids, activity)

import json
from datetime import timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaseworkCommon
from .test_pcve_case_access_log import case_reads


@tagged("post_install", "-at_install")
class TestCaseRetention(CaseworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subject = cls.env["res.partner"].create({"name": "Youssef Testperson"})
        cls.case.write(
            {"subject_partner_id": cls.subject.id, "team_summary": "Likes football."}
        )
        cls.env["pcve.case.note"].create(
            {"case_id": cls.case.id, "body": "Private detail"}
        )
        cls.env["pcve.case.plan.item"].create(
            {"case_id": cls.case.id, "description": "Talk with Youssef's mother"}
        )
        cls.meeting = cls.env["pcve.case.meeting"].create(
            {
                "case_id": cls.case.id,
                "minutes": "<p>Youssef attended.</p>",
                "decisions": "Go on",
            }
        )
        cls.case.message_post(body="Youssef called", message_type="comment")
        cls.env["ir.attachment"].create(
            {
                "name": "letter.txt",
                "raw": b"x",
                "res_model": "pcve.case",
                "res_id": cls.case.id,
            }
        )
        service = cls.env["res.partner"].create(
            {"name": "Youth centre", "is_company": True, "email": "in@yc.example.org"}
        )
        cls.referral = cls.env["pcve.case.referral"].create(
            {
                "case_id": cls.case.id,
                "service_partner_id": service.id,
                "service_type": "youth_work",
                "reason": "Youssef wants a place to go in the evenings.",
                "consent_given_by": "subject",
                "consent_date": fields.Date.today(),
            }
        )
        cls.referral.action_request()
        cls.referral.message_post(
            body="Youssef's mother called", message_type="comment"
        )
        cls.case.write(
            {"closure_reason_code": "goals_met", "closure_reason": "Stable."}
        )
        cls.case.action_close()

    def _expire(self, case):
        """As the system would find the case years later (closed six years
        ago, kept five)."""
        today = fields.Date.context_today(case)
        case.sudo().write(
            {
                "closed_on": today - relativedelta(years=6),
                "retention_until": today - relativedelta(years=1),
            }
        )

    def _assert_anonymised(self, case):
        self.assertTrue(case.is_anonymised)
        self.assertEqual(case.subject_pseudonym, "Anonymised")
        self.assertFalse(case.subject_partner_id)
        self.assertFalse(case.signal_description)
        self.assertFalse(case.team_summary)
        self.assertFalse(case.note_ids)
        self.assertFalse(self.meeting.minutes)
        self.assertFalse(self.meeting.decisions)
        self.assertEqual(case.plan_item_ids.description, "Anonymised")
        messages = self.env["mail.message"].search(
            [("model", "=", "pcve.case"), ("res_id", "=", case.id)]
        )
        self.assertFalse(messages.filtered(lambda m: "Youssef" in (m.body or "")))
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "pcve.case"), ("res_id", "=", case.id)]
            )
        )
        # the referral keeps its figures, not its texts, chatter or link
        referral = self.referral
        self.assertEqual(referral.reason, "Anonymised")
        self.assertEqual(
            (referral.service_type, referral.state), ("youth_work", "requested")
        )
        self.assertFalse(referral.access_token_hash)
        self.assertFalse(
            self.env["mail.message"]
            .search([("model", "=", referral._name), ("res_id", "=", referral.id)])
            .filtered(lambda m: "Youssef" in (m.body or ""))
        )
        self.assertFalse(referral.message_follower_ids)

    def test_cron_waits_for_retention_date(self):
        self.env["pcve.case"]._cron_anonymise_expired()
        self.assertFalse(self.case.is_anonymised)
        self.assertEqual(self.case.subject_partner_id, self.subject)

    def test_cron_anonymises_and_keeps_statistics(self):
        self._expire(self.case)
        stats = self.case.read(
            ["signal_source", "concern_type", "signal_date", "closed_on", "stage"]
        )[0]
        roles = self.case.member_ids.mapped("role")
        cron = self.env.ref("pcve_casework.ir_cron_pcve_case_retention")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertTrue(cron.active)
        cron.ir_actions_server_id.run()
        self._assert_anonymised(self.case)
        self.assertEqual(self.case.read([k for k in stats if k != "id"])[0], stats)
        self.assertEqual(self.case.member_ids.mapped("role"), roles)
        self.assertTrue(
            self.subject.exists(), "the contact itself is not the case's to delete"
        )

    def _closed_cases(self, count, due):
        """``count`` closed cases, past their retention date if ``due``."""
        cases = self.Case.create(
            [{"subject_pseudonym": f"Closed {i}"} for i in range(count)]
        )
        today = fields.Date.context_today(self.case)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE pcve_case SET stage = 'closed', closed_on = %s,"
            " retention_until = %s WHERE id = ANY(%s)",
            (
                today - relativedelta(years=6),
                today + relativedelta(years=-1 if due else 1),
                cases.ids,
            ),
        )
        cases.invalidate_recordset()
        return cases

    def test_cron_works_through_a_backlog_in_batches(self):
        cases = self._closed_cases(5, due=True)
        Cron = self.env.registry["ir.cron"]
        with patch.object(Cron, "_commit_progress", return_value=60.0) as commit:
            self.assertEqual(self.Case._cron_anonymise_expired(batch_size=2), 5)
        # a commit after each batch, what is left counted down
        self.assertEqual(
            [call.kwargs["remaining"] for call in commit.call_args_list], [3, 1, 0]
        )
        self.assertEqual(set(cases.mapped("is_anonymised")), {True})

    def test_cron_stops_when_its_time_is_up(self):
        cases = self._closed_cases(5, due=True)
        Cron = self.env.registry["ir.cron"]
        with patch.object(Cron, "_commit_progress", return_value=0.0):
            self.assertEqual(self.Case._cron_anonymise_expired(batch_size=2), 2)
        # the rest waits for the next run
        self.assertEqual(len(cases.filtered("is_anonymised")), 2)

    def test_cron_cost_does_not_grow_with_the_cases_not_due(self):
        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.assertEqual(self.Case._cron_anonymise_expired(), 0)
            return self.env.cr.sql_log_count - before

        queries()  # warm-up: the registry's caches, as a running server has them
        small = queries()
        self._closed_cases(40, due=False)
        self.Case.create([{"subject_pseudonym": f"Open {i}"} for i in range(40)])
        self.assertEqual(queries(), small)

    def test_cron_twice_is_safe(self):
        self._expire(self.case)
        Case = self.env["pcve.case"]
        self.assertEqual(Case._cron_anonymise_expired(), 1)
        self.assertEqual(Case._cron_anonymise_expired(), 0)
        self._assert_anonymised(self.case)
        with self.assertRaisesRule(UserError, "anonymised and cannot be reopened"):
            self.case.action_reopen()

    def test_open_cases_are_never_anonymised(self):
        self.other_case.sudo().retention_until = fields.Date.context_today(
            self.other_case
        ) - timedelta(days=1)
        self.env["pcve.case"]._cron_anonymise_expired()
        self.assertFalse(self.other_case.is_anonymised)

    def test_cron_is_not_steered_by_a_retention_date_alone(self):
        """A retention date in the past on a case closed today (as a direct
        write could once leave it) does not make the job erase the case; nor
        does a case marked closed without a closure date."""
        self.case.sudo().retention_until = fields.Date.context_today(
            self.case
        ) - timedelta(days=1)
        self.other_case.sudo().write(
            {
                "stage": "closed",
                "closure_reason_code": "goals_met",
                "closed_on": False,
                "retention_until": "2000-01-01",
            }
        )
        self.assertEqual(self.env["pcve.case"]._cron_anonymise_expired(), 0)
        self.assertFalse((self.case | self.other_case).filtered("is_anonymised"))
        self._expire(self.case)
        self.assertEqual(self.env["pcve.case"]._cron_anonymise_expired(), 1)
        self.assertTrue(self.case.is_anonymised)

    def test_subject_access_export(self):
        second = self.Case.create(
            {"subject_pseudonym": "Sparrow-2", "subject_partner_id": self.subject.id}
        )
        action = self.case.with_user(self.manager).action_export_subject()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        data = json.loads(attachment.raw)
        self.assertEqual(data["subject"], "Youssef Testperson")
        self.assertEqual(
            {c["pseudonym"] for c in data["cases"]}, {"Sparrow", "Sparrow-2"}
        )
        sparrow = next(c for c in data["cases"] if c["pseudonym"] == "Sparrow")
        self.assertEqual(sparrow["notes"][0]["body"], "Private detail")
        self.assertIn("letter.txt", sparrow["attachments"])
        log = case_reads(self.env, self.Case.search([])).filtered(
            lambda log: log.method == "subject_export"
        )
        # one row for the cases read together, naming both
        self.assertEqual(log.res_ids, str(sorted((self.case | second).ids)))
        self.assertEqual(log.user_id, self.manager)
        self.assertIn("Subject-access export", self.case.message_ids[0].body)

    def test_only_managers_export_or_erase(self):
        for method in ("action_export_subject", "action_erase_subject"):
            with self.assertRaisesRule(AccessError, "Only case managers"):
                getattr(self.case.with_user(self.worker), method)()
        self.assertFalse(self.case.is_anonymised)

    def test_erasure_of_one_subject(self):
        second = self.Case.create(
            {"subject_pseudonym": "Sparrow-2", "subject_partner_id": self.subject.id}
        )
        self.case.with_user(self.manager).action_erase_subject()
        self._assert_anonymised(self.case)
        self.assertTrue(second.is_anonymised)
        self.assertFalse(self.other_case.is_anonymised)
        log = case_reads(self.env, self.Case.search([])).filtered(
            lambda log: log.method == "erasure"
        )
        # one row for the cases read together, naming both
        self.assertEqual(log.res_ids, str(sorted((self.case | second).ids)))
        self.assertEqual(log.user_id, self.manager)
        self.assertIn("Subject erased", self.case.message_ids[0].body)

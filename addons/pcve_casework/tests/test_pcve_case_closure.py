"""Closure: a reason code, the team's access ends with the case, reopening
restores the professionals, retention by outcome (issue #16)."""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CaseworkCommon, CaseworkRpcCommon

CASE = "pcve.case"
NEEDS_REASON = "a closure needs a reason"
FIXED = "reason for closure of a closed case is fixed"


@tagged("post_install", "-at_install")
class TestCaseClosure(CaseworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.note = cls.env["pcve.case.note"].create(
            {"case_id": cls.case.id, "body": "Meets the imam on Fridays."}
        )

    def _close(self, case, code="goals_met", user=None, **vals):
        case = case.with_user(user or self.worker)
        case.write(dict(vals, closure_reason_code=code))
        return case.action_close()

    def test_closure_needs_a_code(self):
        case = self.case.with_user(self.worker)
        case.closure_reason = "Stable."
        with self.assertRaisesRule(UserError, NEEDS_REASON):
            case.action_close()
        case.closure_reason_code = "other"
        case.closure_reason = False
        with self.assertRaisesRule(UserError, NEEDS_REASON):
            case.action_close()
        self.assertEqual(self.case.stage, "signal")
        case.closure_reason = "Family moved the case to a private therapist."
        case.action_close()
        self.assertEqual(self.case.stage, "closed")

    def test_closure_ends_the_team(self):
        today = fields.Date.context_today(self.case)
        action = self._close(self.case)
        # the worker no longer sees the case: he goes back to his cases
        self.assertEqual(action["res_model"], CASE)
        self.assertEqual(action["path"], "my-cases")
        members = self.case.with_context(active_test=False).member_ids
        self.assertEqual(members.user_id, self.worker | self.imam)
        self.assertFalse(members.filtered("active"))
        self.assertEqual(set(members.mapped("date_end")), {today})
        for user in (self.worker, self.imam, self.outsider_worker):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.Case.with_user(user).search([("id", "=", self.case.id)])
                )
                with self.assertRaises(AccessError):
                    self.case.with_user(user).read(["subject_pseudonym"])
                with self.assertRaises(AccessError):
                    self.note.with_user(user).read(["body"])
                self.assertFalse(
                    self.env["mail.message"]
                    .with_user(user)
                    .search([("model", "=", CASE), ("res_id", "=", self.case.id)])
                )
        # only case managers, who read the closure in the chatter
        case = self.case.with_user(self.manager)
        self.assertEqual(case.note_ids, self.note)
        self.assertIn("Case closed by", case.message_ids[0].body)
        self.assertIn("Goals met", case.message_ids[0].body)
        self.assertNotIn(self.worker.partner_id, case.message_partner_ids)
        # a manager stays on the closed case
        self.assertIs(self._close(self.other_case, user=self.manager), True)

    def test_code_fixed_once_closed(self):
        self._close(self.case, "no_further_action")
        for user in (self.manager, self.worker, self.imam):
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
            ):
                self.case.with_user(user).write({"closure_reason_code": "goals_met"})
        with self.assertRaisesRule(AccessError, FIXED):
            self.case.with_user(self.manager).write({"closure_reason_code": "other"})
        self.assertEqual(self.case.closure_reason_code, "no_further_action")

    def test_volunteers_and_outsiders_never_set_the_code(self):
        for user in (self.imam, self.outsider_worker, self.other_volunteer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.case.with_user(user).write({"closure_reason_code": "goals_met"})
        self.assertFalse(self.case.closure_reason_code)

    def test_reopen_restores_the_professionals(self):
        self._close(self.case)
        self.case.with_user(self.manager).action_reopen()
        self.assertEqual(self.case.stage, "assessment")
        self.assertFalse(self.case.closure_reason_code)
        self.assertEqual(self.Case.with_user(self.worker).search([]), self.case)
        self.assertEqual(self.note.with_user(self.worker).body, self.note.body)
        # the volunteer is added again on purpose, under the pairing rule
        self.assertFalse(self.Case.with_user(self.imam).search([]))
        self.assertEqual(self.case.member_ids.user_id, self.worker)
        last = self.case.message_ids[0]
        self.assertIn("reopened by", last.body)
        self.assertIn(self.worker.name, last.body)
        self.assertNotIn(self.imam.name, last.body)
        self.assertIn(self.worker.partner_id, self.case.message_partner_ids)

    def test_reopen_leaves_ended_memberships_ended(self):
        """A professional whose membership ended before the closure stays out."""
        psy = self.env["pcve.case.member"].create(
            {
                "case_id": self.case.id,
                "user_id": self.psychologist.id,
                "role": "psychologist",
            }
        )
        psy.action_end()
        with freeze_time(fields.Date.today() + relativedelta(days=1)):
            self._close(self.case)
            self.case.with_user(self.manager).action_reopen()
        self.assertFalse(psy.active)
        self.assertTrue(self._member(self.case, self.worker).active)


@tagged("post_install", "-at_install")
class TestRetentionByOutcome(CaseworkCommon):
    def _today(self):
        return fields.Date.context_today(self.case)

    def test_nfa_at_signal_or_assessment_is_kept_months(self):
        self.case.with_user(self.worker).closure_reason_code = "no_further_action"
        self.case.with_user(self.worker).action_close()
        self.assertEqual(
            self.case.retention_until, self._today() + relativedelta(months=12)
        )
        self.env.company.pcve_nfa_retention_months = 6
        self.other_case.with_user(self.outsider_worker).action_start_assessment()
        self.other_case.with_user(
            self.outsider_worker
        ).closure_reason_code = "no_further_action"
        self.other_case.with_user(self.outsider_worker).action_close()
        self.assertEqual(
            self.other_case.retention_until, self._today() + relativedelta(months=6)
        )

    def test_other_outcomes_keep_years(self):
        case = self.case.with_user(self.worker)
        case.action_start_assessment()
        case.action_start_intervention()
        case.closure_reason_code = "no_further_action"
        case.action_close()
        self.assertEqual(
            self.case.retention_until, self._today() + relativedelta(years=5)
        )
        self.other_case.with_user(
            self.outsider_worker
        ).closure_reason_code = "declined_support"
        self.other_case.with_user(self.outsider_worker).action_close()
        self.assertEqual(
            self.other_case.retention_until, self._today() + relativedelta(years=5)
        )

    def test_nfa_retention_extends_within_twice_its_period(self):
        self.case.with_user(self.worker).closure_reason_code = "no_further_action"
        self.case.with_user(self.worker).action_close()
        case = self.case.with_user(self.manager)
        with self.assertRaisesRule(ValidationError, "retention rule"):
            case.retention_until = self._today() + relativedelta(months=25)
        case.retention_until = self._today() + relativedelta(months=20)
        self.assertEqual(case.retention_until, self._today() + relativedelta(months=20))

    def test_cron_treats_both_alike(self):
        self.case.with_user(self.worker).closure_reason_code = "no_further_action"
        self.case.with_user(self.worker).action_close()
        self.other_case.with_user(
            self.outsider_worker
        ).closure_reason_code = "goals_met"
        self.other_case.with_user(self.outsider_worker).action_close()
        Case = self.env[CASE]
        with freeze_time(self._today() + relativedelta(months=12, days=-1)):
            Case._cron_anonymise_expired()
        self.assertFalse(self.case.is_anonymised)
        with freeze_time(self._today() + relativedelta(months=12, days=1)):
            Case._cron_anonymise_expired()
        self.assertTrue(self.case.is_anonymised)
        self.assertEqual(self.case.closure_reason_code, "no_further_action")
        self.assertFalse(self.other_case.is_anonymised)
        with freeze_time(self._today() + relativedelta(years=5, days=1)):
            Case._cron_anonymise_expired()
        self.assertTrue(self.other_case.is_anonymised)

    def test_setting_per_company(self):
        settings = self.env["res.config.settings"].create(
            {"pcve_nfa_retention_months": 3, "pcve_referral_link_days": 7}
        )
        settings.execute()
        self.assertEqual(self.env.company.pcve_nfa_retention_months, 3)
        self.assertEqual(self.env.company.pcve_referral_link_days, 7)
        for vals in ({"pcve_nfa_retention_months": 0}, {"pcve_referral_link_days": 0}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.env["res.config.settings"].create(vals)
        for user in (self.manager, self.worker):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env.company.with_user(user).write({"pcve_nfa_retention_months": 1})
        self.assertEqual(self.env.company.pcve_nfa_retention_months, 3)


@tagged("post_install", "-at_install")
class TestCaseClosureRpc(CaseworkRpcCommon):
    def test_closure_rules_over_rpc(self):
        with self.assertRpcRefused(NEEDS_REASON):
            self.rpc(self.worker, CASE, "action_close", [self.case.id])
        with self.assertRpcRefused("Access|not allowed"):
            self.rpc(
                self.imam,
                CASE,
                "write",
                [self.case.id],
                {"closure_reason_code": "goals_met"},
            )
        self.rpc(
            self.worker,
            CASE,
            "write",
            [self.case.id],
            {"closure_reason_code": "no_further_action"},
        )
        action = self.rpc(self.worker, CASE, "action_close", [self.case.id])
        self.assertEqual(action["res_model"], CASE)
        for user in (self.worker, self.imam, self.outsider_worker):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.rpc(user, CASE, "search_count", [("id", "=", self.case.id)]),
                    0,
                )
                with self.assertRpcRefused("read' access"):
                    self.rpc(user, CASE, "read", [self.case.id], ["subject_pseudonym"])
        with self.assertRpcRefused(FIXED):
            self.rpc(
                self.manager,
                CASE,
                "write",
                [self.case.id],
                {"closure_reason_code": "goals_met"},
            )
        [read] = self.rpc(
            self.manager, CASE, "read", [self.case.id], ["closure_reason_code"]
        )
        self.assertEqual(read["closure_reason_code"], "no_further_action")
        # the closure ended his membership: he no longer reads the case
        with self.assertRpcRefused("read' access"):
            self.rpc(self.worker, CASE, "action_reopen", [self.case.id])
        self.assertIs(
            self.rpc(self.manager, CASE, "action_reopen", [self.case.id]), True
        )
        self.assertEqual(
            self.rpc(self.worker, CASE, "search_count", [("id", "=", self.case.id)]), 1
        )
        self.assertEqual(
            self.rpc(self.imam, CASE, "search_count", [("id", "=", self.case.id)]), 0
        )

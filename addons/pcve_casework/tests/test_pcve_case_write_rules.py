"""Who may set the reference, the stage, its dates, the retention date and the
lead of a case: through the ORM and again over XML-RPC, as the users who may
and as those who may not."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CaseworkCommon, CaseworkRpcCommon

WORKFLOW = "moves only with its buttons"
REFERENCE = "comes from its sequence"
MANAGER_ONLY = "Only a case manager"
RETENTION = "retention rule"
ADDON = "odoo.addons.pcve_casework."


def _frozen(case):
    return case.sudo().read(
        [
            "name",
            "stage",
            "assessment_on",
            "closed_on",
            "retention_until",
            "lead_user_id",
            "is_anonymised",
        ]
    )


@tagged("post_install", "-at_install")
class TestCaseWriteRules(CaseworkCommon):
    def _today(self):
        return fields.Date.context_today(self.case)

    def _close(self, case=None):
        case = (case or self.case).with_user(self.worker)
        case.write({"closure_reason_code": "goals_met", "closure_reason": "Stable."})
        case.action_close()
        return case

    def test_team_cannot_write_workflow_fields(self):
        """The holes of the issue: a worker on the team wrote retention into
        the past, closed by a direct write, changed the reference, the closure
        date and the lead. None of it, for workers or volunteers."""
        today = self._today()
        before = _frozen(self.case)
        refused = [
            ({"retention_until": today - timedelta(days=1)}, MANAGER_ONLY),
            ({"stage": "closed", "closure_reason": "x"}, WORKFLOW),
            ({"stage": "assessment"}, WORKFLOW),
            ({"closed_on": today}, WORKFLOW),
            ({"assessment_on": today - timedelta(days=9)}, WORKFLOW),
            ({"name": "CASE/1999/0001"}, REFERENCE),
            ({"lead_user_id": self.psychologist.id}, MANAGER_ONLY),
            ({"is_anonymised": True}, "retention job or an erasure"),
        ]
        for user in (self.worker, self.imam):
            for vals, rule in refused:
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaisesRule(AccessError, rule),
                ):
                    self.case.with_user(user).write(vals)
        self.assertEqual(_frozen(self.case), before)

    def test_managers_move_stages_only_with_the_buttons(self):
        manager_case = self.case.with_user(self.manager)
        with self.assertRaisesRule(AccessError, WORKFLOW):
            manager_case.write({"stage": "closed", "closure_reason": "x"})
        with self.assertRaisesRule(AccessError, REFERENCE):
            manager_case.write({"name": "CASE/1999/0001"})
        with self.assertRaisesRule(AccessError, WORKFLOW):
            manager_case.write({"closed_on": self._today()})
        self.assertEqual(self.case.stage, "signal")
        self.assertFalse(self.case.retention_until)

    def test_a_new_case_starts_as_a_signal(self):
        Case = self.Case.with_user(self.manager)
        base = {"subject_pseudonym": "Wren-write-rules"}
        for vals, rule in [
            ({"stage": "closed", "closure_reason": "x"}, WORKFLOW),
            ({"retention_until": "2000-01-01"}, WORKFLOW),
            ({"closed_on": "2000-01-01"}, WORKFLOW),
            ({"monitoring_on": "2000-01-01"}, WORKFLOW),
            ({"name": "CASE/1999/0001"}, REFERENCE),
            ({"is_anonymised": True}, "retention job or an erasure"),
        ]:
            with self.subTest(vals=vals), self.assertRaisesRule(AccessError, rule):
                Case.create(dict(base, **vals))
        self.assertFalse(
            self.Case.search([("subject_pseudonym", "=", "Wren-write-rules")])
        )
        case = Case.create(dict(base, stage="signal", name="New"))
        self.assertTrue(case.name.startswith("CASE/"))
        self.assertEqual(case.stage, "signal")

    def test_closure_sets_the_retention_whatever_was_there(self):
        self.case.sudo().retention_until = "2000-01-01"
        self._close()
        self.assertEqual(self.case.closed_on, self._today())
        self.assertEqual(
            self.case.retention_until, self._today() + relativedelta(years=5)
        )

    def test_manager_extends_retention_within_the_rule(self):
        """Rule: only a case manager, only on a closed case, only to a date
        from the retention period to twice that period after closure, and
        never today or earlier."""
        case = self._close()
        closed = self.case.closed_on
        with self.assertRaisesRule(AccessError, MANAGER_ONLY):
            case.write({"retention_until": closed + relativedelta(years=6)})
        managed = case.with_user(self.manager)
        for date in (
            closed + relativedelta(years=4),  # shortened
            closed + relativedelta(years=10, days=1),  # past twice the period
            self._today(),
            self._today() - timedelta(days=1),
            False,
        ):
            with (
                self.subTest(date=date),
                self.assertRaisesRule(ValidationError, RETENTION),
            ):
                managed.write({"retention_until": date})
        self.assertEqual(managed.retention_until, closed + relativedelta(years=5))
        managed.write({"retention_until": closed + relativedelta(years=7)})
        self.assertEqual(managed.retention_until, closed + relativedelta(years=7))
        managed.write({"retention_until": closed + relativedelta(years=10)})
        with self.assertRaisesRule(ValidationError, "is not closed"):
            self.other_case.with_user(self.manager).write(
                {"retention_until": self._today() + relativedelta(years=5)}
            )

    def test_only_managers_assign_the_lead(self):
        with self.assertRaisesRule(AccessError, MANAGER_ONLY):
            self.case.with_user(self.worker).write({"lead_user_id": self.worker.id})
        self.case.with_user(self.manager).write({"lead_user_id": self.manager.id})
        self.assertEqual(self.case.lead_user_id, self.manager)

    def test_workers_still_write_what_is_theirs(self):
        case = self.case.with_user(self.worker)
        case.write({"team_summary": "Goes to school again.", "closure_reason": "x"})
        self.assertEqual(case.team_summary, "Goes to school again.")

    def test_outsiders_write_nothing(self):
        for user in (self.outsider_worker, self.other_volunteer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.case.with_user(user).write({"team_summary": "x"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.case.with_user(user).action_start_assessment()


@tagged("post_install", "-at_install")
class TestCaseWriteRulesRpc(CaseworkRpcCommon):
    def test_write_rules_over_rpc(self):
        today = fields.Date.context_today(self.case)
        before = _frozen(self.case)
        for user in (self.worker, self.imam):
            for vals, rule in [
                ({"retention_until": str(today - timedelta(days=1))}, MANAGER_ONLY),
                ({"stage": "closed", "closure_reason": "x"}, WORKFLOW),
                ({"closed_on": str(today)}, WORKFLOW),
                ({"name": "CASE/1999/0001"}, REFERENCE),
                ({"lead_user_id": self.psychologist.id}, MANAGER_ONLY),
            ]:
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRpcRefused(rule),
                ):
                    self.rpc(user, "pcve.case", "write", [self.case.id], vals)
        with self.assertRpcRefused(WORKFLOW):
            self.rpc(
                self.manager,
                "pcve.case",
                "write",
                [self.case.id],
                {"stage": "closed", "closure_reason": "x"},
            )
        with self.assertRpcRefused(WORKFLOW):
            self.rpc(
                self.manager,
                "pcve.case",
                "create",
                {
                    "subject_pseudonym": "Wren-write-rules",
                    "retention_until": "2000-01-01",
                },
            )
        self.case.invalidate_recordset()
        self.assertEqual(_frozen(self.case), before)
        self.assertFalse(
            self.Case.search([("subject_pseudonym", "=", "Wren-write-rules")])
        )

    def test_retention_rule_over_rpc(self):
        self.case.with_user(self.worker).write(
            {"closure_reason_code": "goals_met", "closure_reason": "Stable."}
        )
        self.rpc(self.worker, "pcve.case", "action_close", [self.case.id])
        self.case.invalidate_recordset()
        closed = self.case.closed_on
        with self.assertRpcRefused(RETENTION):
            self.rpc(
                self.manager,
                "pcve.case",
                "write",
                [self.case.id],
                {"retention_until": str(closed + relativedelta(years=1))},
            )
        self.rpc(
            self.manager,
            "pcve.case",
            "write",
            [self.case.id],
            {"retention_until": str(closed + relativedelta(years=8))},
        )
        self.case.invalidate_recordset()
        self.assertEqual(self.case.retention_until, closed + relativedelta(years=8))


@tagged("post_install", "-at_install")
class TestPublicMethodsRpc(CaseworkRpcCommon):
    """Every public method of the addon answers something XML-RPC can carry
    (never None), once called over XML-RPC by a user who may call it."""

    CALLED = {
        ("pcve.case", "action_start_assessment"),
        ("pcve.case", "action_start_intervention"),
        ("pcve.case", "action_start_monitoring"),
        ("pcve.case", "action_close"),
        ("pcve.case", "action_reopen"),
        ("pcve.case", "action_add_note"),
        ("pcve.case", "action_open_access_log"),
        ("pcve.case", "action_export_subject"),
        ("pcve.case", "action_erase_subject"),
        ("pcve.case.member", "action_end"),
        ("pcve.case.referral", "action_request"),
        ("pcve.case.referral", "action_accept"),
        ("pcve.case.referral", "action_decline"),
        ("pcve.case.referral", "action_complete"),
        ("pcve.case.referral", "action_cancel"),
        ("pcve.case.referral.answer", "action_confirm"),
    }

    def _addon_public_methods(self):
        """(model, method) of the public methods this addon defines itself
        (not its overrides of Odoo's own API)."""
        found = set()
        for name in self.env.registry:
            if self.env[name]._abstract:
                continue  # a mixin's methods are counted on the models using it
            classes = type(self.env[name]).mro()
            own = [c for c in classes if c.__module__.startswith(ADDON)]
            others = [c for c in classes if c not in own]
            for cls in own:
                for attr, value in vars(cls).items():
                    if (
                        not attr.startswith("_")
                        and callable(value)
                        and not any(attr in vars(other) for other in others)
                    ):
                        found.add((name, attr))
        return found

    def test_every_public_method_is_called(self):
        self.assertEqual(self._addon_public_methods(), self.CALLED)

    def test_public_methods_answer_over_rpc(self):
        case = [self.case.id]
        answers = {}

        def call(user, model, method, ids, *args):
            answers[(model, method)] = self.rpc(user, model, method, ids, *args)

        for method in (
            "action_start_assessment",
            "action_start_intervention",
            "action_start_monitoring",
        ):
            call(self.worker, "pcve.case", method, case)
        self.case.with_user(self.worker).write(
            {"closure_reason_code": "goals_met", "closure_reason": "Stable."}
        )
        call(self.worker, "pcve.case", "action_close", case)
        call(self.manager, "pcve.case", "action_reopen", case)
        # the volunteer is not back after the reopening: a worker adds the note
        call(self.worker, "pcve.case", "action_add_note", case)
        call(self.manager, "pcve.case", "action_open_access_log", case)
        call(self.manager, "pcve.case", "action_export_subject", case)
        service = self.env["res.partner"].create(
            {"name": "Youth centre", "email": "youth@example.org"}
        )
        Referral = self.env["pcve.case.referral"].with_user(self.worker)
        values = {
            "case_id": self.case.id,
            "service_partner_id": service.id,
            "service_type": "youth_work",
            "reason": "Evenings.",
            "consent_given_by": "subject",
            "consent_date": fields.Date.today(),
        }
        accepted, declined = Referral.create([values, values]).ids
        call(self.worker, "pcve.case.referral", "action_request", [accepted, declined])
        call(self.worker, "pcve.case.referral", "action_accept", [accepted])
        call(self.worker, "pcve.case.referral", "action_complete", [accepted], "Joined")
        call(self.worker, "pcve.case.referral", "action_decline", [declined], "Full")
        call(self.worker, "pcve.case.referral", "action_cancel", [declined])
        third = Referral.create(values)
        third.action_request()
        answer = (
            self.env["pcve.case.referral.answer"]
            .with_user(self.worker)
            .create({"referral_id": third.id, "kind": "decline", "text": "Full"})
        )
        call(self.worker, "pcve.case.referral.answer", "action_confirm", answer.ids)
        psychologist = self.env["pcve.case.member"].create(
            {
                "case_id": self.other_case.id,
                "user_id": self.psychologist.id,
                "role": "psychologist",
            }
        )
        call(self.manager, "pcve.case.member", "action_end", psychologist.ids)
        call(self.manager, "pcve.case", "action_erase_subject", case)
        self.assertEqual(set(answers), self.CALLED)
        for key, answer in answers.items():
            with self.subTest(method=key):
                self.assertTrue(answer is True or isinstance(answer, dict), answer)
        self.case.invalidate_recordset()
        self.assertTrue(self.case.is_anonymised)
        self.assertFalse(psychologist.with_context(active_test=False).active)


@tagged("post_install", "-at_install")
class TestCasePartsCompany(CaseworkCommon):
    """The team, plan, conferences and notes of a case stay in its company:
    their company is a stored related field the ORM would let anyone write."""

    def test_parts_stay_in_the_company_of_their_case(self):
        elsewhere = self.env["res.company"].create({"name": "Gemeente Elders"})
        plan_item = self.env["pcve.case.plan.item"].create(
            {"case_id": self.case.id, "description": "Find an internship"}
        )
        meeting = self.env["pcve.case.meeting"].create({"case_id": self.case.id})
        note = (
            self.env["pcve.case.note"]
            .with_user(self.worker)
            .create({"case_id": self.case.id, "body": "Met the mother."})
        )
        member = self._member(self.case, self.worker)
        for user, record in (
            (self.worker, plan_item),
            (self.worker, meeting),
            (self.worker, note),
            (self.manager, member),
            (self.manager, plan_item),
        ):
            with (
                self.subTest(user=user.login, model=record._name),
                self.assertRaisesRule(AccessError, "company of a case|author"),
            ):
                record.with_user(user).write({"company_id": elsewhere.id})
        with self.assertRaisesRule(AccessError, "company of a case"):
            self.env["pcve.case.plan.item"].with_user(self.worker).create(
                {
                    "case_id": self.case.id,
                    "description": "x",
                    "company_id": elsewhere.id,
                }
            )
        for record in (plan_item, meeting, note, member):
            self.assertEqual(record.company_id, self.case.company_id, record._name)


@tagged("post_install", "-at_install")
class TestCasePartsCompanyRpc(CaseworkRpcCommon):
    def test_parts_stay_in_the_company_of_their_case_over_rpc(self):
        elsewhere = self.env["res.company"].create({"name": "Gemeente Elders"})
        meeting = self.env["pcve.case.meeting"].create({"case_id": self.case.id})
        with self.assertRpcRefused("company of a case"):
            self.rpc(
                self.worker,
                "pcve.case.meeting",
                "write",
                meeting.ids,
                {"company_id": elsewhere.id},
            )
        meeting.invalidate_recordset()
        self.assertEqual(meeting.company_id, self.case.company_id)

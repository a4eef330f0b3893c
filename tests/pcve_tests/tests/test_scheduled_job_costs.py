"""Query-count guards of every scheduled action of the suite (issue #21, "jobs
that grow with what is due, not with the table"), at two data sizes.

Each ``ir.cron`` of a ``pcve_*`` module has a guard here (a new job without
one fails ``test_every_job_has_a_guard``), which makes records of the job's
table that are not due, and records that are due, through the ORM (one create
call per model; dates the ORM refuses to set in the past written with SQL, as
time would). The job runs as its cron calls it (its method, as its user),
on a fresh cache, with ``_commit_progress`` neutralised so that the
test keeps its transaction:

- with nothing due it costs the same queries with N and with 10 N records
  that are not due;
- with K, 2 K and 3 K due records (after a warm-up of the due path) it does
  the work for all of them, each K more cost the same queries (within
  SLACK) and 3 K at most three times K: the cost grows linearly with what is
  due, never with the pairs of records or the table.
"""

import logging
import re
from contextlib import closing
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged

_logger = logging.getLogger(__name__)

N = 3  # records not due at the small size; 10 * N at the large one
K = 2  # due records at the small size; 3 * K at the large one
# queries by which the cost of the last K due records may differ from that of
# the K before (a cache entry fetched once more); a query per pair of records
# would be 2 K * K more
SLACK = 1

# {cron XML id: guard name}: the methods _not_due_<name>(count) and
# _due_<name>(count) -> checker, which asserts the work was done, and, where
# the demo data has records due every run, _nothing_due_<name>(). A job
# without due records (it recomputes everything) has no _due_<name>.
GUARDS = {
    "pcve_audit.ir_cron_pcve_audit_retention": "audit_retention",
    "pcve_casework.ir_cron_pcve_case_retention": "case_retention",
    "pcve_casework.ir_cron_pcve_case_member_end": "member_end",
    "pcve_casework.ir_cron_pcve_case_member_start": "member_start",
    "pcve_partners.ir_cron_assessment_validity": "assessment_validity",
    "pcve_safespaces.ir_cron_plan_series_sessions": "series_planning",
    "pcve_evaluation.ir_cron_initiative_follow_up": "initiative_follow_up",
    "pcve_evaluation.ir_cron_schedule_reviews": "review_schedule",
    "pcve_evaluation.ir_cron_refresh_statistics": "statistics_refresh",
}


@tagged("post_install", "-at_install")
class TestScheduledJobCosts(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the jobs commit their progress: a test keeps its transaction
        cls.classPatch(
            cls.registry["ir.cron"], "_commit_progress", lambda *a, **kw: 60.0
        )
        cls.today = fields.Date.context_today(cls.env["pcve.case"])
        worker = cls.env.ref("pcve_casework.group_case_worker")
        staff = cls.env.ref("pcve_partners.group_pcve_user")
        # as many workers as the most due memberships: each of another member
        users = cls.env["res.users"].create(
            [
                {
                    "name": f"Jobguard {index}",
                    "login": f"jobguard_{index}",
                    "group_ids": [Command.set((staff if index == 0 else worker).ids)],
                }
                for index in range(1 + 3 * K)
            ]
        )
        cls.owner, cls.workers = users[0], users[1:]
        cls.plan = cls.env["pcve.action.plan"].create({"name": "Jobguard plan"})
        cls.structure = cls.env["res.partner"].create(
            {"name": "Jobguard youth centre", "is_company": True}
        )
        cls.case_model = cls.env["ir.model"]._get("pcve.case")

    # the runs

    def setUp(self):
        super().setUp()
        self.jobs = {}

    def _run(self, xmlid):
        """Queries of one run of the job, as its cron calls it (as its user),
        on a fresh cache."""
        if xmlid not in self.jobs:
            cron = self.env.ref(xmlid)
            method = re.fullmatch(r"model\.(_cron_\w+)\(\)", cron.code.strip())
            self.assertTrue(method, f"{xmlid}: a job is one call of a _cron_ method")
            # kept: a new environment would compute its lazy properties
            # (env.company) again, or not, as the garbage collector went
            model = self.env[cron.model_id.model].with_user(cron.user_id)
            self.jobs[xmlid] = getattr(model, method[1])
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.jobs[xmlid]()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _sql(self, query, records, *params):
        """Write what time would (a date now past) on ``records``."""
        self.env.flush_all()
        self.env.cr.execute(query, (*params, records.ids))
        records.invalidate_recordset()

    # the guards: records not due, and due ones with the check of the work

    def _nothing_due(self, name):
        """What the demo data has due is made not due here, or done by the
        warm-up run: the idle run finds nothing."""
        nothing_due = getattr(self, f"_nothing_due_{name}", None)
        if nothing_due:
            nothing_due()

    def _cases(self, count):
        return self.env["pcve.case"].create(
            [{"subject_pseudonym": f"Jobguard {index}"} for index in range(count)]
        )

    def _close_cases(self, cases, retention_until):
        self._sql(
            "UPDATE pcve_case SET stage = 'closed', closure_reason_code = 'goals_met',"
            " closed_on = %s, retention_until = %s WHERE id = ANY(%s)",
            cases,
            self.today - relativedelta(years=6),
            retention_until,
        )

    def _not_due_case_retention(self, count):
        cases = self._cases(count)
        # half open, half closed and kept for another year
        self._close_cases(cases[::2], self.today + relativedelta(years=1))

    def _due_case_retention(self, count):
        cases = self._cases(count)
        self._close_cases(cases, self.today - timedelta(days=1))
        return lambda: self.assertEqual(set(cases.mapped("is_anonymised")), {True})

    def _members(self, count, date_start):
        """``count`` memberships (a case each) of the workers, from ``date_start``."""
        cases = self._cases(count)
        return self.env["pcve.case.member"].create(
            [
                {
                    "case_id": case.id,
                    "user_id": self.workers[index % len(self.workers)].id,
                    "role": "youth_worker",
                    "date_start": date_start,
                }
                for index, case in enumerate(cases)
            ]
        )

    def _not_due_memberships(self, count):
        # started a month ago, no end: neither ends nor starts now
        members = self._members(count, self.today)
        self._sql(
            "UPDATE pcve_case_member SET date_start = %s WHERE id = ANY(%s)",
            members,
            self.today - timedelta(days=30),
        )

    _not_due_member_end = _not_due_member_start = _not_due_memberships

    def _nothing_due_member_start(self):
        # a membership that started this week is due every day of that week
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE pcve_case_member SET date_start = %s WHERE date_start > %s",
            (self.today - timedelta(days=30), self.today - timedelta(days=7)),
        )
        self.env.invalidate_all()

    def _due_member_end(self, count):
        members = self._members(count, self.today - timedelta(days=10))
        self._sql(
            "UPDATE pcve_case_member SET date_start = %s, date_end = %s"
            " WHERE id = ANY(%s)",
            members,
            self.today - timedelta(days=30),
            self.today - timedelta(days=1),
        )
        return lambda: self.assertFalse(members.filtered("active"))

    def _due_member_start(self, count):
        # added ahead of their start, which came yesterday
        members = self._members(count, self.today + timedelta(days=2))
        self._sql(
            "UPDATE pcve_case_member SET date_start = %s WHERE id = ANY(%s)",
            members,
            self.today - timedelta(days=1),
        )

        def check():
            for member in members:
                self.assertIn(
                    member.user_id.partner_id, member.case_id.message_partner_ids
                )

        return check

    def _assessments(self, count, valid_until):
        """``count`` approved assessments valid until ``valid_until``."""
        assessments = self.env["pcve.partner.assessment"].create(
            [
                {"partner_id": self.structure.id, "assessor_id": self.owner.id}
                for _index in range(count)
            ]
        )
        self._sql(
            "UPDATE pcve_partner_assessment SET state = 'decided',"
            " outcome = 'approved', valid_until = %s WHERE id = ANY(%s)",
            assessments,
            valid_until,
        )
        return assessments

    def _not_due_assessment_validity(self, count):
        self._assessments(count, self.today + relativedelta(years=3))

    def _due_assessment_validity(self, count):
        # within the notice (14 days by default)
        assessments = self._assessments(count, self.today + timedelta(days=5))
        reassessment = self.env.ref("pcve_partners.mail_activity_type_reassessment")

        def check():
            for assessment in assessments:
                self.assertIn(reassessment, assessment.activity_ids.activity_type_id)

        return check

    def _series(self, number, **values):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
        return self.env["pcve.safespace.series"].create(
            [
                {"name": f"Jobguard series {index}", "first_start": start, **values}
                for index in range(number)
            ]
        )

    def _not_due_series_planning(self, count):
        # all planned (one session), or planned ten years ahead
        series = self._series(count, count=1)
        self._sql(
            "UPDATE pcve_safespace_series SET sessions_planned_until = %s"
            " WHERE id = ANY(%s)",
            series[::2],
            fields.Datetime.now() + relativedelta(years=10),
        )

    def _due_series_planning(self, count):
        # long series planned to the horizon sixteen weeks ago (two sessions
        # later, in UTC: no daylight saving time to shift)
        series = self._series(count, count=200, interval=8, event_tz="UTC")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE pcve_safespace_series SET first_start = first_start - %(shift)s,"
            " sessions_planned_until = sessions_planned_until - %(shift)s"
            " WHERE id = ANY(%(ids)s);"
            " UPDATE pcve_safespace_session SET start = start - %(shift)s,"
            " stop = stop - %(shift)s WHERE series_id = ANY(%(ids)s)",
            {"shift": timedelta(weeks=16), "ids": series.ids},
        )
        self.env.invalidate_all()
        planned = len(series.session_ids)

        def check():
            horizon = fields.Datetime.now() + relativedelta(months=12)
            self.assertEqual(len(series.session_ids), planned + 2 * count)
            for until in series.mapped("sessions_planned_until"):
                self.assertGreaterEqual(until, horizon)

        return check

    def _initiatives(self, count, **values):
        return self.env["pcve.action.plan.initiative"].create(
            [
                {
                    "plan_id": self.plan.id,
                    "name": f"Jobguard initiative {index}",
                    "structure_partner_id": self.structure.id,
                    "owner_user_id": self.owner.id,
                    **values,
                }
                for index in range(count)
            ]
        )

    def _not_due_initiative_follow_up(self, count):
        # no follow-up date, or one ahead
        self._initiatives(count)
        self._initiatives(count // 2, follow_up_date=self.today + timedelta(days=30))

    def _due_initiative_follow_up(self, count):
        yesterday = self.today - timedelta(days=1)
        initiatives = self._initiatives(count, follow_up_date=yesterday)
        return lambda: self.assertEqual(
            set(initiatives.mapped("follow_up_activity_date")), {yesterday}
        )

    def _companies_reviewed(self, count, done_to):
        """``count`` municipalities whose last done review ended on ``done_to``."""
        first = self.env["res.company"].search_count([])
        companies = self.env["res.company"].create(
            [{"name": f"Jobguard town {first + index}"} for index in range(count)]
        )
        reviews = self.env["pcve.evaluation.review"].create(
            [
                {
                    "name": f"Review {company.name}",
                    "date_from": done_to - relativedelta(years=1),
                    "date_to": done_to,
                    "company_id": company.id,
                }
                for company in companies
            ]
        )
        self._sql(
            "UPDATE pcve_evaluation_review SET state = 'done' WHERE id = ANY(%s)",
            reviews,
        )
        return companies

    def _not_due_review_schedule(self, count):
        self._companies_reviewed(count, self.today - timedelta(days=10))

    def _due_review_schedule(self, count):
        companies = self._companies_reviewed(count, self.today - timedelta(days=400))

        def check():
            drafts = self.env["pcve.evaluation.review"].search(
                [("company_id", "in", companies.ids), ("state", "=", "draft")]
            )
            self.assertEqual(drafts.company_id, companies)

        return check

    def _not_due_statistics_refresh(self, count):
        # the records counted: cases, closed ones too
        cases = self._cases(count)
        self._close_cases(cases[::2], self.today + relativedelta(years=5))

    def _log_reads(self, count):
        cases = self._cases(count)
        return (
            self.env["auditlog.log"]
            .sudo()
            .create(
                [
                    {
                        "name": "Case",
                        "model_id": self.case_model.id,
                        "res_id": case.id,
                        "method": "read",
                        "user_id": self.owner.id,
                    }
                    for case in cases
                ]
            )
        )

    def _not_due_audit_retention(self, count):
        self._log_reads(count)

    def _due_audit_retention(self, count):
        logs = self._log_reads(count)
        self._sql(
            "UPDATE auditlog_log SET create_date = %s WHERE id = ANY(%s)",
            logs,
            fields.Datetime.now() - relativedelta(years=10),
        )
        return lambda: self.assertFalse(logs.exists())

    # the tests

    def _jobs(self):
        """{xml id: guard name} of every scheduled action of the suite."""
        crons = self.env["ir.model.data"].search(
            [("model", "=", "ir.cron"), ("module", "=like", "pcve\\_%")]
        )
        return {data.complete_name: GUARDS.get(data.complete_name) for data in crons}

    def test_every_job_has_a_guard(self):
        jobs = self._jobs()
        self.assertEqual(set(jobs), set(GUARDS), "a scheduled action without a guard")
        for name in GUARDS.values():
            self.assertTrue(hasattr(self, f"_not_due_{name}"), name)

    def test_idle_cost_does_not_grow_with_the_records_not_due(self):
        for xmlid, name in GUARDS.items():
            with self.subTest(job=xmlid), closing(self.env.cr.savepoint()):
                self._nothing_due(name)
                self._run(xmlid)  # warm-up
                make = getattr(self, f"_not_due_{name}")
                make(N)
                small = self._run(xmlid)
                make(9 * N)
                large = self._run(xmlid)
                _logger.info(
                    "%s: idle at %s / %s not due: %s / %s",
                    name,
                    N,
                    10 * N,
                    small,
                    large,
                )
                self.assertEqual(large, small, f"{N} and {10 * N} not due")

    def test_due_cost_grows_linearly_with_the_due(self):
        for xmlid, name in GUARDS.items():
            make_due = getattr(self, f"_due_{name}", None)
            if not make_due:
                continue
            with self.subTest(job=xmlid), closing(self.env.cr.savepoint()):
                self._nothing_due(name)
                getattr(self, f"_not_due_{name}")(N)
                self._run(xmlid)  # warm-up
                idle = self._run(xmlid)
                cost = {}
                # the first run warms the due path's caches (rules, subtypes)
                for due in (K, K, 2 * K, 3 * K):
                    with closing(self.env.cr.savepoint()):
                        check = make_due(due)
                        cost[due] = self._run(xmlid) - idle
                        check()
                    self.env.invalidate_all()
                _logger.info(
                    "%s: idle %s, above it per due count: %s", name, idle, cost
                )
                message = f"queries above idle ({idle}) per due count: {cost}"
                # each K more due records cost the same (within SLACK) ...
                step = cost[2 * K] - cost[K]
                self.assertLessEqual(
                    abs(cost[3 * K] - cost[2 * K] - step), SLACK, message
                )
                # ... and 3 K at most three times K
                self.assertLessEqual(cost[3 * K], 3 * cost[K] + SLACK, message)

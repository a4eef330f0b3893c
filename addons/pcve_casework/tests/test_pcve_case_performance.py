from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import suite_user

from .common import CaseworkCommon, web_client_spec

# What the web client asks for a list page (count_limit is its 10000 + 1).
PAGE = {"offset": 0, "limit": 80, "order": "", "count_limit": 10001}


@tagged("post_install", "-at_install")
class TestCaseListQueries(CaseworkCommon):
    """Case lists cost the same number of queries whatever their size: no
    query per case, team member, plan item, conference or activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.elsewhere = cls.env["res.company"].create({"name": "Gemeente Lijstdam"})
        cls.list_manager = suite_user(
            cls.env,
            "pcve_t_list_manager",
            "pcve_casework.group_case_manager",
            cls.elsewhere,
        )
        cls.list_worker = suite_user(
            cls.env,
            "pcve_t_list_worker",
            "pcve_casework.group_case_worker",
            cls.elsewhere,
        )

    def _add_cases(self, count, user, company):
        """Cases ``user`` leads or is on, each with a plan item, a coming case
        conference and, for every other one, an activity."""
        cases = self.Case.create(
            [
                {
                    "subject_pseudonym": f"Bird {index}",
                    "company_id": company.id,
                    "lead_user_id": user.id if index % 2 else False,
                    "member_ids": [
                        (0, 0, {"user_id": user.id, "role": "social_worker"}),
                        (
                            0,
                            0,
                            {"user_id": self.psychologist.id, "role": "psychologist"},
                        ),
                    ],
                    "plan_item_ids": [(0, 0, {"description": "Weekly talk"})],
                    "meeting_ids": [
                        (0, 0, {"date": fields.Datetime.now() + timedelta(days=3)})
                    ],
                }
                for index in range(count)
            ]
        )
        for case in cases[::2]:
            case.activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id, summary="Call"
            )
        return cases

    def _page(self, user, domain, limit=80):
        Case = self.Case.with_user(user).with_context(
            allowed_company_ids=user.company_id.ids
        )
        spec = web_client_spec(Case, "kanban", "list")
        return lambda: Case.web_search_read(domain, spec, **dict(PAGE, limit=limit))

    def _warm_up(self, page):
        """Fill the caches of rules, groups and views, as a running server
        has them (also those only a call on an empty record cache fills)."""
        page()
        self.env.invalidate_all()
        page()

    def _queries(self, page):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = page()
        return self.cr.sql_log_count - before, result

    def test_my_cases(self):
        """A worker's "My cases": the first page, kanban and list fields."""
        worker = self.list_worker
        domain = [
            "|",
            ("lead_user_id", "=", worker.id),
            ("member_ids.user_id", "=", worker.id),
        ]
        page = self._page(worker, domain)
        self._add_cases(3, worker, self.elsewhere)
        self._warm_up(page)
        few, result = self._queries(page)
        self.assertEqual(result["length"], 3)
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            page()
        self._add_cases(15, worker, self.elsewhere)
        many, result = self._queries(page)
        self.assertEqual(result["length"], 18)
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            page()
        self.assertEqual(few, many)

    def test_managers_first_page(self):
        """A manager's first page of all open cases (a short page here, so
        that both sizes fill it and the total is counted)."""
        manager = self.list_manager
        page = self._page(manager, [("stage", "!=", "closed")], limit=4)
        self._add_cases(6, self.list_worker, self.elsewhere)
        self._warm_up(page)
        few, result = self._queries(page)
        self.assertEqual(result["length"], 6)
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            page()
        self._add_cases(18, self.list_worker, self.elsewhere)
        many, result = self._queries(page)
        self.assertEqual(result["length"], 24)
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            page()
        self.assertEqual(few, many)

    def test_my_cases_grouped_by_stage(self):
        """The "My cases" kanban as it opens: grouped by stage, unfolded."""
        worker = self.list_worker
        Case = self.Case.with_user(worker).with_context(
            allowed_company_ids=worker.company_id.ids
        )
        spec = web_client_spec(Case, "kanban")
        domain = [
            "|",
            ("lead_user_id", "=", worker.id),
            ("member_ids.user_id", "=", worker.id),
        ]

        def grouped():
            return Case.web_read_group(
                domain, ["stage"], auto_unfold=True, unfold_read_specification=spec
            )

        self._add_cases(3, worker, self.elsewhere)
        self._warm_up(grouped)
        few, _result = self._queries(grouped)
        self._add_cases(15, worker, self.elsewhere)
        many, result = self._queries(grouped)
        self.assertEqual(sum(group["__count"] for group in result["groups"]), 18)
        self.assertEqual(few, many)

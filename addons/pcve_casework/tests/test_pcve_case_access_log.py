"""Openings and reads of cases in the suite's audit trail (pcve_audit): who
opened, read, exported or erased which case, with the same guarantees as
creates, writes and deletes (case managers only, never changed, no value,
no client context switches it off)."""

from types import SimpleNamespace
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import password

from .common import CaseworkCommon, CaseworkRpcCommon

KANBAN_SPEC = {
    "name": {},
    "subject_pseudonym": {},
    "concern_type": {},
    "stage": {},
    "color": {},
    "next_meeting_date": {},
    "open_plan_item_count": {},
    "activity_ids": {"fields": {}},
    "lead_user_id": {"fields": {"display_name": {}}},
}
READS = ("open", "read", "subject_export", "erasure")


def web_client_call(method, model="pcve.case"):
    """Pretend the current request is the web client calling ``method``."""
    request = SimpleNamespace(params={"model": model, "method": method})
    return patch("odoo.addons.pcve_casework.models.pcve_case_privacy.request", request)


def case_reads(env, cases, user=None):
    """The openings and reads of ``cases`` in the audit trail (as the system)."""
    domain = [
        ("model_model", "=", "pcve.case"),
        ("pcve_covered_id", "in", cases.ids),
        ("method", "in", READS),
    ]
    if user:
        domain.append(("user_id", "=", user.id))
    return env["auditlog.log"].sudo().search(domain)


@tagged("post_install", "-at_install")
class TestCaseAccessLog(CaseworkCommon):
    def _log(self, case=None, user=None):
        return case_reads(self.env, case or self.case, user)

    def test_opening_a_case_logs_one_row(self):
        with web_client_call("web_read"):
            self.case.with_user(self.imam).web_read({"subject_pseudonym": {}})
        log = self._log(user=self.imam)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.method, "open")

    def test_json2_call_is_logged(self):
        request = SimpleNamespace(
            params={"__model__": "pcve.case", "__method__": "web_read"}
        )
        with patch(
            "odoo.addons.pcve_casework.models.pcve_case_privacy.request", request
        ):
            self.case.with_user(self.worker).web_read({"name": {}})
        self.assertEqual(self._log(user=self.worker).method, "open")

    def test_groups_and_saves_are_not_openings(self):
        Case = self.Case.with_user(self.outsider_worker)
        with web_client_call("web_read_group"):
            Case.web_read_group(
                [], ["stage"], auto_unfold=True, unfold_read_specification={"name": {}}
            )
        with web_client_call("web_save"):
            self.other_case.with_user(self.outsider_worker).web_save(
                {"team_summary": "x"}, {"name": {}}
            )
        self.assertFalse(self._log(self.other_case, self.outsider_worker))

    def test_rpc_read_is_logged(self):
        self.case.with_user(self.worker).read(["subject_pseudonym"])
        self.assertEqual(self._log(user=self.worker).mapped("method"), ["read"])

    def test_client_context_cannot_switch_logging_off(self):
        spoofed = {"pcve_case_logged": True}
        self.case.with_user(self.imam).with_context(**spoofed).read(["name"])
        self.env["pcve.case"].with_user(self.imam).with_context(**spoofed).search_read(
            [("id", "=", self.case.id)], ["name"]
        )
        self.assertEqual(len(self._log(user=self.imam)), 2)

    def test_lists_and_kanbans_are_not_openings(self):
        with web_client_call("web_search_read"):
            self.Case.with_user(self.worker).web_search_read([], KANBAN_SPEC)
        self.assertFalse(self._log(user=self.worker))

    def test_web_read_needs_a_read_write_cursor(self):
        # the web client would otherwise call it on a read-only cursor
        def readonly(method):
            # as /web/dataset/call_kw decides which cursor to use
            for cls in type(self.Case).mro():
                func = getattr(cls, method, None)
                if func is not None and hasattr(func, "_readonly"):
                    return func._readonly
            return False

        for method in ("web_read", "read", "search_read"):
            self.assertFalse(readonly(method), method)
        self.assertTrue(readonly("web_search_read"))

    def test_search_read_is_logged(self):
        self.Case.with_user(self.imam).search_read([], ["subject_pseudonym"])
        self.assertEqual(self._log(user=self.imam).mapped("method"), ["read"])

    def test_denied_read_is_not_logged_as_access(self):
        with self.assertRaises(AccessError), web_client_call("web_read"):
            self.case.with_user(self.other_volunteer).web_read({"name": {}})
        self.assertFalse(self._log(user=self.other_volunteer))

    def test_only_managers_read_the_log(self):
        self.case.with_user(self.worker).read(["name"])
        log = self._log(user=self.worker)
        Log = self.env["auditlog.log"]
        self.assertEqual(Log.with_user(self.manager).search([("id", "=", log.id)]), log)
        self.assertEqual(
            log.pcve_reader_group_id, self.env.ref("pcve_casework.group_case_manager")
        )
        self.assertEqual(log.pcve_company_id, self.case.company_id)
        for user in (self.worker, self.imam):
            with self.assertRaises(AccessError):
                Log.with_user(user).search([])
        # no value is kept: who read which case, when
        self.assertFalse(log.line_ids)
        self.assertEqual(log.name, "Case")

    def test_log_is_never_editable(self):
        self.case.with_user(self.worker).read(["name"])
        log = self._log(user=self.worker)
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(AccessError):
            log.with_user(self.manager).write({"method": "open"})
        with self.assertRaises(AccessError):
            log.with_user(self.manager).unlink()
        for user in (self.manager, admin):
            with self.assertRaisesRule(UserError, "written by the system only"):
                self.env["auditlog.log"].with_user(user).create(
                    {
                        "model_id": log.model_id.id,
                        "res_id": self.case.id,
                        "user_id": self.manager.id,
                        "method": "open",
                    }
                )
        with self.assertRaisesRule(UserError, "cannot be changed"):
            log.with_user(admin).write({"method": "open"})
        with self.assertRaisesRule(UserError, "cannot be deleted"):
            log.with_user(admin).unlink()
        self.assertEqual(log.method, "read")

    def test_opened_case_cannot_be_deleted(self):
        self.other_case.with_user(self.outsider_worker).read(["name"])
        with self.assertRaisesRule(UserError, "Erase the subject instead"):
            self.other_case.with_user(self.manager).unlink()
        self.assertTrue(self._log(self.other_case, self.outsider_worker))

    def test_a_read_of_many_cases_costs_one_row_at_any_size(self):
        """The read log writes one row per call and company, naming the cases
        read: its queries do not grow with the number of cases."""

        def read(count):
            cases = self.Case.create(
                [{"subject_pseudonym": f"Batch {count}-{i}"} for i in range(count)]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Case.with_user(self.manager).browse(cases.ids).read(["name"])
            self.env.flush_all()
            queries = self.env.cr.sql_log_count - before
            logs = case_reads(self.env, cases, self.manager)
            self.assertEqual(len(logs), 1)
            self.assertEqual(logs.res_ids, str(sorted(cases.ids)))
            return queries

        read(3)  # warm-up: the registry's caches, as a running server has them
        # the best of two reads at each size; one query of slack: after some
        # earlier tests of the suite a cache entry is fetched again at one
        # size only (seen in the casework-alone run). A row or a query per
        # case would cost 27 more at 30 cases, and 87 more at 90.
        small = min(read(3), read(3))
        self.assertLessEqual(min(read(30), read(30)), small + 1)
        self.assertLessEqual(min(read(90), read(90)), small + 1)


@tagged("post_install", "-at_install")
class TestCaseAccessLogRpc(CaseworkRpcCommon):
    """The same guarantees over XML-RPC, as an integration calls them."""

    def test_rpc_reads_are_logged_whatever_the_context(self):
        off = {"pcve_case_logged": True, "auditlog_disabled_read": True}
        self.rpc(self.worker, "pcve.case", "read", self.case.ids, ["name"])
        self.rpc(
            self.imam,
            "pcve.case",
            "search_read",
            [("id", "=", self.case.id)],
            ["name"],
            context=off,
        )
        self.assertEqual(case_reads(self.env, self.case, self.worker).method, "read")
        self.assertEqual(case_reads(self.env, self.case, self.imam).method, "read")
        with self.assertRpcRefused("not allowed|cannot|access"):
            self.rpc(self.other_volunteer, "pcve.case", "read", self.case.ids)
        self.assertFalse(case_reads(self.env, self.case, self.other_volunteer))

    def test_only_managers_read_the_entries(self):
        self.rpc(self.worker, "pcve.case", "read", self.case.ids, ["name"])
        log = case_reads(self.env, self.case, self.worker)
        rows = self.rpc(
            self.manager, "auditlog.log", "search_read", [("id", "=", log.id)]
        )
        self.assertEqual([row["method"] for row in rows], ["read"])
        for user in (self.worker, self.imam):
            with self.assertRpcRefused("not allowed|access"):
                self.rpc(user, "auditlog.log", "search_read", [], ["method"])

    def test_nobody_changes_an_entry(self):
        self.rpc(self.worker, "pcve.case", "read", self.case.ids, ["name"])
        log = case_reads(self.env, self.case, self.worker)
        admin = self.env.ref("base.user_admin")
        admin.password = password(admin)
        for user in (self.manager, admin):
            for method, args in (
                ("write", [log.ids, {"method": "open"}]),
                ("unlink", [log.ids]),
                ("create", [{"model_id": log.model_id.id, "method": "open"}]),
            ):
                with self.assertRpcRefused():
                    self.rpc(user, "auditlog.log", method, *args)
        self.assertEqual(log.method, "read")

    def test_access_log_action_for_managers_only(self):
        self.rpc(self.worker, "pcve.case", "read", self.case.ids, ["name"])
        action = self.rpc(
            self.manager, "pcve.case", "action_open_access_log", self.case.ids
        )
        self.assertEqual(action["res_model"], "auditlog.log")
        logs = self.env["auditlog.log"].with_user(self.manager).search(action["domain"])
        self.assertIn(case_reads(self.env, self.case, self.worker), logs)
        self.assertEqual(set(logs.mapped("res_id")), set(self.case.ids))
        with self.assertRpcRefused("not allowed|access"):
            self.rpc(self.worker, "pcve.case", "action_open_access_log", self.case.ids)

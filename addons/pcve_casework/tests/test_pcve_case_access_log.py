from types import SimpleNamespace
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaseworkCommon

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


def web_client_call(method, model="pcve.case"):
    """Pretend the current request is the web client calling ``method``."""
    request = SimpleNamespace(params={"model": model, "method": method})
    return patch("odoo.addons.pcve_casework.models.pcve_case_privacy.request", request)


@tagged("post_install", "-at_install")
class TestCaseAccessLog(CaseworkCommon):
    def _log(self, case=None, user=None):
        return self.env["pcve.case.access.log"].search(
            [("case_id", "=", (case or self.case).id), ("user_id", "=", user.id)]
        )

    def test_opening_a_case_logs_one_row(self):
        with web_client_call("web_read"):
            self.case.with_user(self.imam).web_read({"subject_pseudonym": {}})
        log = self._log(user=self.imam)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.kind, "open")

    def test_json2_call_is_logged(self):
        request = SimpleNamespace(
            params={"__model__": "pcve.case", "__method__": "web_read"}
        )
        with patch(
            "odoo.addons.pcve_casework.models.pcve_case_privacy.request", request
        ):
            self.case.with_user(self.worker).web_read({"name": {}})
        self.assertEqual(self._log(user=self.worker).kind, "open")

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
        self.assertEqual(self._log(user=self.worker).mapped("kind"), ["read"])

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
        self.assertEqual(self._log(user=self.imam).mapped("kind"), ["read"])

    def test_denied_read_is_not_logged_as_access(self):
        with self.assertRaises(AccessError), web_client_call("web_read"):
            self.case.with_user(self.other_volunteer).web_read({"name": {}})
        self.assertFalse(self._log(user=self.other_volunteer))

    def test_only_managers_read_the_log(self):
        self.case.with_user(self.worker).read(["name"])
        Log = self.env["pcve.case.access.log"]
        self.assertTrue(Log.with_user(self.manager).search([]))
        for user in (self.worker, self.imam):
            with self.assertRaises(AccessError):
                Log.with_user(user).search([])

    def test_log_is_never_editable(self):
        self.case.with_user(self.worker).read(["name"])
        log = self._log(user=self.worker)
        with self.assertRaises(UserError):
            log.with_user(self.manager).write({"kind": "read"})
        with self.assertRaises(AccessError):
            log.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            log.with_user(self.manager).create(
                {"case_id": self.case.id, "user_id": self.manager.id, "kind": "open"}
            )
        with self.assertRaisesRule(UserError, "cannot be changed"):
            log.sudo().write({"kind": "read"})
        with self.assertRaisesRule(UserError, "cannot be deleted"):
            log.sudo().unlink()

    def test_opened_case_cannot_be_deleted(self):
        self.other_case.with_user(self.outsider_worker).read(["name"])
        with self.assertRaisesRule(UserError, "Erase the subject instead"):
            self.other_case.with_user(self.manager).unlink()
        self.assertTrue(self._log(self.other_case, self.outsider_worker))

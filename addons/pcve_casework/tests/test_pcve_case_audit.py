"""The audit trail of cases and notes (Community Engagement > Audit trail)
holds no text of a note or a case, as the case manager reads it on its list,
its form and its lines, and shows no raw record id."""

from lxml import etree

from odoo.tests import tagged

from .common import CaseworkCommon, CaseworkRpcCommon

NOTE = "Psychologist: sleeps badly since the arrest"
CORRECTED = "Psychologist: sleeps badly since his arrest"
SUMMARY = "Lives with an uncle in Brussels now"
REASON = "Moved to Brussels with his uncle"
TEXTS = (NOTE, CORRECTED, SUMMARY, REASON)
# What the web client asks for on the audit trail's list and form.
LIST_SPEC = {
    "create_date": {},
    "user_id": {"fields": {"display_name": {}}},
    "method": {},
    "name": {},
    "pcve_record_ref": {"fields": {"display_name": {}}},
    "display_name": {},
}
FORM_SPEC = dict(
    LIST_SPEC,
    line_ids={
        "fields": {
            "field_description": {},
            "old_value_text": {},
            "new_value_text": {},
            "old_value": {},
            "new_value": {},
        }
    },
)


class AuditSetup:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.note = (
            cls.env["pcve.case.note"]
            .with_user(cls.worker)
            .create(
                {"case_id": cls.case.id, "body": NOTE, "visibility": "professionals"}
            )
        )
        cls.note.with_user(cls.worker).body = CORRECTED
        case = cls.case.with_user(cls.worker)
        case.write(
            {
                "team_summary": SUMMARY,
                "closure_reason_code": "goals_met",
                "closure_reason": REASON,
            }
        )
        case.action_close()
        cls.domain = [
            ("pcve_reader_group_id", "!=", False),
            ("model_model", "in", ("pcve.case", "pcve.case.note")),
            ("res_id", "in", cls.case.ids + cls.note.ids),
        ]

    def _assert_no_text(self, data):
        for text in TEXTS:
            self.assertNotIn(text, str(data))


@tagged("post_install", "-at_install")
class TestCaseAuditTrail(AuditSetup, CaseworkCommon):
    def test_manager_reads_no_text_in_the_audit_trail(self):
        Log = self.env["auditlog.log"].with_user(self.manager)
        logs = Log.search(self.domain)
        self.assertEqual(
            set(logs.mapped("method")), {"create", "write"}, "the trail is there"
        )
        note_logs = logs.filtered(lambda log: log.model_model == "pcve.case.note")
        self.assertEqual(len(note_logs), 2)
        self.assertTrue(note_logs.line_ids.filtered(lambda l: l.field_name == "body"))
        self._assert_no_text(Log.web_search_read(self.domain, LIST_SPEC))
        self._assert_no_text(logs.web_read(FORM_SPEC))
        lines = self.env["auditlog.log.line"].with_user(self.manager)
        self._assert_no_text(lines.search_read([("log_id", "in", logs.ids)]))
        self.assertEqual(
            {log.pcve_record_ref.display_name for log in note_logs},
            {f"Note on {self.case.name}"},
        )

    def test_no_raw_id_column(self):
        action = self.env.ref("pcve_audit.auditlog_log_action_pcve")
        Log = self.env["auditlog.log"].with_user(self.manager)
        views = Log.get_views(
            [(view.view_id.id, view.view_mode) for view in action.view_ids]
        )
        for view_type in ("list", "form"):
            arch = etree.fromstring(views["views"][view_type]["arch"])
            shown = {node.get("name") for node in arch.iter("field")}
            self.assertFalse({"res_id", "res_ids"} & shown, view_type)
            self.assertIn("pcve_record_ref", shown)


@tagged("post_install", "-at_install")
class TestCaseAuditTrailRpc(AuditSetup, CaseworkRpcCommon):
    def test_manager_reads_no_text_over_rpc(self):
        logs = self.rpc(
            self.manager, "auditlog.log", "web_search_read", self.domain, FORM_SPEC
        )
        self.assertGreaterEqual(logs["length"], 4)
        self._assert_no_text(logs)
        lines = self.rpc(
            self.manager,
            "auditlog.log.line",
            "search_read",
            [("log_id", "in", [log["id"] for log in logs["records"]])],
        )
        self.assertTrue(lines)
        self._assert_no_text(lines)

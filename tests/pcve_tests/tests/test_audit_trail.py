"""The audit trail (OCA auditlog) of cases, assessments and safe-space
attendance: who read, created, changed, exported or deleted them is logged
with the user; only the managers of a model read its logs; nobody, not even
the administrator, changes or deletes them; no restricted value is stored;
no context key sent by a client switches logging off or widens access."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.pcve_base.tests.common import RPC_ACCESS_ERROR, RpcCase, password

SECRETS = {
    "intelligence": "Flagged by the service in 2024",
    "signal": "Brother saw a recruiter at the station",
    "subject": "Yusuf Testsubject",
    "invitee": "Amira Testinvitee",
    "note": "Psychologist: sleeps badly since the arrest",
}
MUTED = ("odoo.addons.rpc.controllers.xmlrpc", "odoo.http", "odoo.models")


@tagged("post_install", "-at_install", "pcve_security")
class TestAuditTrail(RpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Other town"})

        def user(login, groups, **kw):
            return new_test_user(
                cls.env,
                login=f"audit_{login}",
                groups=groups,
                **kw,
            )

        export = "base.group_allow_export,"
        cls.staff = user("staff", export + "pcve_partners.group_pcve_user")
        cls.assessor = user("assessor", export + "pcve_partners.group_pcve_assessor")
        cls.approver = user("approver", export + "pcve_partners.group_pcve_approver")
        cls.liaison = user("liaison", "pcve_partners.group_pcve_security_liaison")
        cls.pcvemanager = user("pcvemanager", "pcve_partners.group_pcve_manager")
        cls.caseworker = user("caseworker", export + "pcve_casework.group_case_worker")
        cls.casemanager = user(
            "casemanager", export + "pcve_casework.group_case_manager"
        )
        cls.other_casemanager = user(
            "othercasemanager",
            "pcve_casework.group_case_manager",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.organiser = user(
            "organiser", export + "pcve_safespaces.group_safespace_organiser"
        )
        cls.ssmanager = user("ssmanager", "pcve_safespaces.group_safespace_manager")
        cls.employee = user("employee", "base.group_user")
        cls.access_admin = user("accessadmin", "base.group_erp_manager")
        cls.auditor = user("auditor", "auditlog.group_auditlog_user")
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.password = password(cls.admin)
        cls.non_managers = (
            cls.staff
            | cls.assessor
            | cls.approver
            | cls.liaison
            | cls.caseworker
            | cls.organiser
            | cls.employee
        )

        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Audit Youth Club",
                "pcve_is_partner": True,
                "email": "c@example.org",
            }
        )
        cls.assessment = (
            cls.env["pcve.partner.assessment"]
            .with_user(cls.assessor)
            .create({"partner_id": cls.partner.id, "requested_level": "dialogue"})
        )
        cls.subject = cls.env["res.partner"].create({"name": SECRETS["subject"]})
        cls.case = (
            cls.env["pcve.case"]
            .with_user(cls.casemanager)
            .create(
                {
                    "subject_pseudonym": "Kestrel",
                    "subject_partner_id": cls.subject.id,
                    "signal_description": SECRETS["signal"],
                    "lead_user_id": cls.caseworker.id,
                    "member_ids": [
                        (0, 0, {"user_id": cls.caseworker.id, "role": "social_worker"})
                    ],
                }
            )
        )
        venue = cls.env["pcve.venue"].create(
            {
                "name": "Buurthuis Audit",
                "venue_type": "community_centre",
                "capacity": 10,
            }
        )
        moderator = cls.env["res.partner"].create({"name": "Audit Moderator"})
        cls.ss_session = (
            cls.env["pcve.safespace.session"]
            .with_user(cls.organiser)
            .create(
                {
                    "name": "Audit dialogue circle",
                    "start": datetime(2030, 4, 1, 18, 0),
                    "stop": datetime(2030, 4, 1, 20, 0),
                    "venue_id": venue.id,
                    "moderator_partner_id": moderator.id,
                    "confidential": True,
                }
            )
        )
        cls.invitee = cls.env["res.partner"].create({"name": SECRETS["invitee"]})
        cls.invitation = (
            cls.env["pcve.safespace.invitation"]
            .with_user(cls.organiser)
            .create({"session_id": cls.ss_session.id, "partner_id": cls.invitee.id})
        )

    # ------------------------------------------------------------ helpers
    def _logs(self, records, method=None):
        domain = [
            ("model_model", "=", records._name),
            ("pcve_covered_id", "in", records.ids),
        ]
        if method:
            domain.append(("method", "=", method))
        return self.env["auditlog.log"].sudo().search(domain)

    def _line(self, log, field):
        return log.line_ids.filtered(lambda line: line.field_name == field)

    # ------------------------------------------------------------ logged
    def test_incidents_in_the_trail_for_safe_space_managers(self):
        """Who recorded and changed an incident against a site (its reporter
        included) is in the trail, read by safe-space managers only."""
        site = self.env["pcve.site"].create({"name": "Audit mosque", "faith": "muslim"})
        incident = (
            self.env["pcve.site.incident"]
            .with_user(self.organiser)
            .create(
                {
                    "site_id": site.id,
                    "kind": "graffiti",
                    "occurred_on": datetime(2030, 1, 5).date(),
                    "description": "Youssef saw two men at the wall",
                    "reporter_partner_id": self.env["res.partner"]
                    .create({"name": "Youssef Reporter"})
                    .id,
                }
            )
        )
        incident.with_user(self.organiser).severity = "high"
        created, written = self._logs(incident, "create"), self._logs(incident, "write")
        self.assertEqual(created.user_id, self.organiser)
        self.assertEqual(written.user_id, self.organiser)
        self.assertEqual(self._line(written, "severity").new_value_text, "high")
        # no text, no person: only that they were set
        values = created.line_ids.mapped("new_value_text") + created.line_ids.mapped(
            "new_value"
        )
        self.assertFalse([v for v in values if v and "Youssef" in str(v)])
        domain = [("model_model", "=", incident._name), ("res_id", "=", incident.id)]
        Log = self.env["auditlog.log"]
        self.assertEqual(
            Log.with_user(self.ssmanager).search(domain), created | written
        )
        with self.assertRaises(AccessError):
            Log.with_user(self.organiser).search(domain)
        with self.assertRpcRefused(codes=(RPC_ACCESS_ERROR,)):
            self.rpc(self.organiser, "auditlog.log", "search_read", domain)

    def test_actions_logged_with_user(self):
        """Create, change, read, export and delete, each with its user."""
        self.assertEqual(self._logs(self.assessment, "create").user_id, self.assessor)
        self.assertEqual(self._logs(self.case, "create").user_id, self.casemanager)
        self.assertEqual(self._logs(self.ss_session, "create").user_id, self.organiser)
        self.assertEqual(self._logs(self.invitation, "create").user_id, self.organiser)

        self.assessment.with_user(self.assessor).action_submit()
        self.assessment.with_user(self.approver).action_approve()
        writes = self._logs(self.assessment, "write")
        self.assertEqual(writes.user_id, self.assessor | self.approver)
        decision = writes.filtered(lambda log: log.user_id == self.approver)
        self.assertEqual(self._line(decision, "state").new_value, "decided")
        self.assertEqual(
            self._line(decision, "decided_by_id").new_value_text,
            str((self.approver.id, self.approver.name)),
        )

        # reads: read, search_read and the web client's web_search_read
        self.assessment.with_user(self.assessor).read(["state"])
        self.env["pcve.partner.assessment"].with_user(self.approver).search_read(
            [("id", "=", self.assessment.id)], ["state"]
        )
        self.invitation.session_id.with_user(self.organiser).web_read(
            {"invitation_ids": {"fields": {"state": {}}}}
        )
        reads = self._logs(self.assessment, "read")
        self.assertEqual(reads.user_id, self.assessor | self.approver)
        self.assertEqual(self._logs(self.invitation, "read").user_id, self.organiser)
        # a refused read reads nothing and logs nothing
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.staff).read(["state"])
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.employee).read(["state"])
        self.assertFalse(
            self._logs(self.assessment).filtered(
                lambda log: log.user_id in self.staff | self.employee
            )
        )

        self.case.with_user(self.caseworker).write({"team_summary": "Stable."})
        self.assertEqual(self._logs(self.case, "write").user_id, self.caseworker)
        note = (
            self.env["pcve.case.note"]
            .with_user(self.caseworker)
            .create(
                {
                    "case_id": self.case.id,
                    "body": SECRETS["note"],
                    "visibility": "professionals",
                }
            )
        )
        self.assertEqual(self._logs(note, "create").user_id, self.caseworker)
        self.invitation.with_user(self.organiser).action_attended()
        attended = self._logs(self.invitation, "write")
        self.assertEqual(attended.user_id, self.organiser)
        self.assertEqual(self._line(attended, "state").new_value, "attended")

        self.assessment.with_user(self.assessor).export_data(["name", "state"])
        self.case.with_user(self.caseworker).export_data(["name"])
        exports = (
            self.env["auditlog.log"].sudo().search([("method", "=", "export_data")])
        )
        self.assertIn(
            self.assessor,
            exports.filtered(
                lambda log: log.model_model == "pcve.partner.assessment"
            ).user_id,
        )
        self.assertIn(
            self.caseworker,
            exports.filtered(lambda log: log.model_model == "pcve.case").user_id,
        )

        note.with_user(self.caseworker).unlink()
        self.assertEqual(self._logs(note, "unlink").user_id, self.caseworker)
        self.invitation.with_user(self.organiser).unlink()
        self.assertEqual(self._logs(self.invitation, "unlink").user_id, self.organiser)

    def test_restricted_values_never_stored(self):
        """No restricted value (intelligence check, subject identity, signal,
        professionals' notes, named attendance) is in any log, whoever reads."""
        self.assessment.with_user(self.liaison).write(
            {
                "intelligence_check_requested": True,
                "intelligence_check_result": SECRETS["intelligence"],
            }
        )
        self.case.with_user(self.caseworker).write(
            {"signal_description": SECRETS["signal"] + " (updated)"}
        )
        note = (
            self.env["pcve.case.note"]
            .with_user(self.caseworker)
            .create(
                {
                    "case_id": self.case.id,
                    "body": SECRETS["note"],
                    "visibility": "professionals",
                }
            )
        )
        note.with_user(self.caseworker).write({"body": SECRETS["note"] + "!"})
        self.invitation.with_user(self.organiser).action_attended()
        self.case.with_user(self.casemanager).action_erase_subject()
        self.env.flush_all()
        for name, secret in SECRETS.items():
            self.env.cr.execute(
                """SELECT count(*) FROM auditlog_log_line
                    WHERE concat(old_value, new_value, old_value_text, new_value_text)
                          ILIKE %s""",
                [f"%{secret}%"],
            )
            self.assertEqual(
                self.env.cr.fetchone()[0], 0, f"{name} stored in a log line"
            )
            self.env.cr.execute(
                "SELECT count(*) FROM auditlog_log WHERE name ILIKE %s", [f"%{secret}%"]
            )
            self.assertEqual(self.env.cr.fetchone()[0], 0, f"{name} in a log name")
        # that the intelligence check changed is for the liaison's eyes only
        log = self._logs(self.assessment, "write").filtered(
            lambda log: log.user_id == self.liaison
        )
        self.assertEqual(
            set(log.line_ids.mapped("field_name")),
            {"intelligence_check_requested", "intelligence_check_result"},
        )
        liaison_group = self.env.ref("pcve_partners.group_pcve_security_liaison")
        self.assertEqual(log.line_ids.pcve_field_group_id, liaison_group)
        as_manager = self.env["auditlog.log.line"].with_user(self.pcvemanager)
        self.assertFalse(as_manager.search([("log_id", "=", log.id)]))
        log.invalidate_recordset()
        self.assertEqual(
            log.with_user(self.pcvemanager).read(["line_ids"])[0]["line_ids"], []
        )
        self.pcvemanager.group_ids = [(4, liaison_group.id)]
        self.assertEqual(len(as_manager.search([("log_id", "=", log.id)])), 2)
        # the text is withheld even then; a flag is shown to its readers
        result = self._line(log, "intelligence_check_result")
        self.assertEqual(result.new_value, "(not kept in the audit trail)")
        # the attendee is not named: the invitation keeps its id only
        partner_lines = self._logs(self.invitation).line_ids.filtered(
            lambda line: line.field_name == "partner_id"
        )
        self.assertTrue(partner_lines)
        self.assertNotIn(str(self.invitee.id), partner_lines.mapped("new_value"))

    # ------------------------------------------------------------ readers
    @mute_logger(*MUTED)
    def test_logs_readable_by_their_managers_only(self):
        Log, Line = self.env["auditlog.log"], self.env["auditlog.log.line"]
        for user in self.non_managers:
            for model in (Log, Line):
                with (
                    self.subTest(user=user.login, model=model._name),
                    self.assertRaises(AccessError),
                ):
                    model.with_user(user).search([])
        for user in self.employee | self.caseworker | self.organiser:
            with self.assertRpcRefused(codes=(RPC_ACCESS_ERROR,)):
                self.rpc(user, "auditlog.log", "search_read", [], fields=["name"])
        # auditlog's own users and the access-rights administrators see none
        self.assertFalse(
            Log.with_user(self.auditor).search([("pcve_reader_group_id", "!=", False)])
        )
        self.assertFalse(
            Log.with_user(self.auditor).search([("model_model", "like", "pcve.")])
        )
        self.assertFalse(
            self.env["auditlog.log.line.view"]
            .with_user(self.access_admin)
            .search([("model_model", "like", "pcve.")])
        )
        # each manager reads the logs of the models he manages (demo data
        # may add case notes)
        managed = {
            self.pcvemanager: {"pcve.partner.assessment"},
            self.casemanager: {
                "pcve.case",
                "pcve.case.member",
                "pcve.case.note",
                "pcve.case.referral",
            },
            self.ssmanager: {
                "pcve.safespace.session",
                "pcve.safespace.invitation",
                "pcve.site.incident",
            },
        }
        for user, models_ in managed.items():
            seen = set(Log.with_user(user).search([]).mapped("model_model"))
            self.assertLessEqual(seen, models_, user.login)
            self.assertGreaterEqual(len(seen), min(len(models_), 2), user.login)
            rpc = self.rpc(
                user, "auditlog.log", "search_read", [], fields=["model_model"]
            )
            self.assertEqual({r["model_model"] for r in rpc}, seen)
            self.assertTrue(Line.with_user(user).search_count([]))
        # the administrator is every manager
        self.assertLessEqual(
            {"pcve.partner.assessment", "pcve.case", "pcve.safespace.invitation"},
            set(Log.with_user(self.admin).search([]).mapped("model_model")),
        )
        # another company's case manager does not see this company's case logs
        self.assertFalse(
            Log.with_user(self.other_casemanager).search(
                [("model_model", "=", "pcve.case")]
            )
        )

    @mute_logger(*MUTED)
    def test_case_openings_and_reads_in_the_one_trail(self):
        """A case's reads are in the same trail as its creation and changes,
        under the trail's one menu: its company's case managers read them,
        nobody else; a client context does not switch them off."""
        off = {"pcve_case_logged": True, "auditlog_disabled_read": True}
        self.rpc(
            self.caseworker, "pcve.case", "read", self.case.ids, ["name"], context=off
        )
        read = self._logs(self.case, "read").filtered(
            lambda log: log.user_id == self.caseworker
        )
        self.assertEqual(len(read), 1)
        menu = self.env.ref("pcve_audit.auditlog_log_menu_pcve")
        action = self.env.ref("pcve_audit.auditlog_log_action_pcve")
        self.assertEqual(menu.action, action)
        self.assertFalse(
            self.env["ir.ui.menu"].search([("name", "=", "Access log")]),
            "one menu for the whole trail",
        )
        trail = [
            ("pcve_reader_group_id", "!=", False),
            ("model_model", "=", "pcve.case"),
            ("res_id", "=", self.case.id),
        ]
        rows = self.rpc(
            self.casemanager,
            "auditlog.log",
            "search_read",
            trail,
            ["method", "pcve_operation", "user_id"],
        )
        self.assertLessEqual({"create", "read"}, {row["method"] for row in rows})
        mine = [row for row in rows if row["id"] == read.id]
        self.assertEqual(mine[0]["pcve_operation"], "read")
        for user in (self.pcvemanager, self.other_casemanager):
            self.assertFalse(
                self.rpc(user, "auditlog.log", "search_read", trail, ["method"]),
                user.login,
            )
        with self.assertRpcRefused(codes=(RPC_ACCESS_ERROR,)):
            self.rpc(self.caseworker, "auditlog.log", "search_read", trail)

    def test_refused_read_leaves_no_log(self):
        """The read log reads the company of what was read as the system: a
        user refused the case (no access rights, another municipality) learns
        nothing through it and leaves no row, through the ORM and XML-RPC."""
        before = self._logs(self.case)
        for user in (self.employee, self.other_casemanager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.case.with_user(user).read(["name"])
                with self.assertRpcRefused(codes=(RPC_ACCESS_ERROR,)):
                    self.rpc(user, "pcve.case", "read", self.case.ids, ["name"])
        self.assertEqual(self._logs(self.case), before)

    def test_view_logs_action_only_for_readers(self):
        Actions = self.env["ir.actions.actions"]

        def names(user, model):
            return [
                a["name"]
                for a in Actions.with_user(user).get_bindings(model).get("action", [])
            ]

        self.assertNotIn("View logs", names(self.caseworker, "pcve.case"))
        self.assertIn("View logs", names(self.casemanager, "pcve.case"))
        self.assertNotIn("View logs", names(self.assessor, "pcve.partner.assessment"))
        self.assertIn("View logs", names(self.pcvemanager, "pcve.partner.assessment"))
        self.assertNotIn(
            "View logs", names(self.organiser, "pcve.safespace.invitation")
        )

    # ------------------------------------------------------------ immutable
    @mute_logger(*MUTED)
    def test_session_form_logs_its_invitations_in_one_row(self):
        """Opening a session form reads its invitations (named attendance):
        one read row names them all, not one row per invitation."""
        invitees = self.env["res.partner"].create(
            [{"name": f"Audit invitee {i}"} for i in range(9)]
        )
        self.env["pcve.safespace.invitation"].with_user(self.organiser).create(
            [{"session_id": self.ss_session.id, "partner_id": p.id} for p in invitees]
        )
        invitations = self.ss_session.invitation_ids
        self.assertEqual(len(invitations), 10)
        spec = {
            "name": {},
            "invitation_ids": {
                "fields": {"state": {}, "partner_id": {"fields": {"display_name": {}}}}
            },
        }
        self.ss_session.with_user(self.organiser).web_read(spec)
        reads = self._logs(invitations, "read")
        self.assertEqual(len(reads), 1)
        self.assertEqual(reads.res_ids, str(sorted(invitations.ids)))
        self.assertEqual(reads.user_id, self.organiser)
        # the same opening over the API: one more row, not ten
        self.rpc(
            self.organiser,
            "pcve.safespace.session",
            "web_read",
            self.ss_session.ids,
            spec,
        )
        self.assertEqual(len(self._logs(invitations, "read")), 2)

    def test_nobody_changes_or_deletes_logs(self):
        log = self._logs(self.assessment, "create")
        line = log.line_ids[:1]
        with self.assertRaises(AccessError):
            log.with_user(self.pcvemanager).write({"user_id": self.pcvemanager.id})
        with self.assertRaises(AccessError):
            log.with_user(self.pcvemanager).unlink()
        for record, vals in (
            (log, {"user_id": self.assessor.id}),
            (line, {"new_value": "x"}),
        ):
            with self.assertRaises(UserError):
                record.with_user(self.admin).write(vals)
            with self.assertRaises(UserError):
                record.with_user(self.admin).unlink()
        with self.assertRaises(UserError):
            self.env["auditlog.log"].with_user(self.admin).create(
                {
                    "model_id": log.model_id.id,
                    "res_id": self.assessment.id,
                    "method": "unlink",
                    "user_id": self.approver.id,
                }
            )
        with self.assertRaises(UserError):
            self.env["auditlog.log.line"].with_user(self.admin).create(
                {"log_id": log.id, "field_id": line.field_id.id, "new_value": "forged"}
            )
        # over the API too, as the administrator
        for method, args in (
            ("write", [log.ids, {"user_id": self.assessor.id}]),
            ("unlink", [log.ids]),
        ):
            with self.assertRpcRefused("cannot be"):
                self.rpc(self.admin, "auditlog.log", method, *args)
        # auditlog's vacuum as the administrator cannot empty the trail ...
        with self.assertRaises(UserError):
            self.env["auditlog.autovacuum"].with_user(self.admin).autovacuum(0)
        self.assertTrue(log.exists())
        self.assertEqual(log.user_id, self.assessor)
        # ... its daily cron (the system, retention) can
        self.env["auditlog.autovacuum"].sudo().autovacuum(0)
        self.assertFalse(log.exists())

    @mute_logger(*MUTED)
    def test_audit_rules_locked(self):
        rule = self.env.ref("pcve_casework.auditlog_rule_pcve_case")
        AsAdmin = rule.with_user(self.admin)
        for call in (
            AsAdmin.set_to_draft,
            AsAdmin.unlink,
            lambda: AsAdmin.write({"users_to_exclude_ids": [(4, self.caseworker.id)]}),
            lambda: AsAdmin.write({"log_write": False}),
        ):
            with self.assertRaises(UserError):
                call()
        with self.assertRpcRefused():
            self.rpc(self.admin, "auditlog.rule", "set_to_draft", rule.ids)
        self.assertEqual(rule.state, "confirmed")
        with self.assertRaises(UserError):
            self.env["auditlog.rule"].with_user(self.admin).create(
                {
                    "name": "x",
                    "model_id": self.env.ref("base.model_res_partner").id,
                    "pcve_reader_group_id": self.env.ref("base.group_user").id,
                }
            )

    # ------------------------------------------------------------ context
    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")
    def test_client_context_cannot_switch_logging_off(self):
        off = {
            "auditlog_disabled_read": True,
            "auditlog_guard": [],
            "tracking_disable": True,
        }
        self.rpc(
            self.organiser,
            "pcve.safespace.invitation",
            "read",
            self.invitation.ids,
            ["state"],
            context=off,
        )
        self.rpc(
            self.organiser,
            "pcve.safespace.invitation",
            "search_read",
            [("id", "=", self.invitation.id)],
            ["state"],
            context=off,
        )
        self.assertEqual(len(self._logs(self.invitation, "read")), 2)
        for guard in (
            [],
            [["pcve.safespace.invitation", self.invitation.ids]],
            {"x": 1},
        ):
            self.rpc(
                self.organiser,
                "pcve.safespace.invitation",
                "write",
                self.invitation.ids,
                {"state": "accepted"},
                context=dict(off, auditlog_guard=guard),
            )
            self.rpc(
                self.caseworker,
                "pcve.case",
                "write",
                self.case.ids,
                {"team_summary": "x"},
                context=dict(off, auditlog_guard=guard),
            )
        self.assertEqual(len(self._logs(self.invitation, "write")), 1)  # changed once
        self.assertEqual(len(self._logs(self.case, "write")), 1)
        # the web client's own read route, with the key, on a read/write cursor
        self.authenticate(self.assessor.login, password(self.assessor))
        with self.assertNoLogs("odoo.http", "WARNING"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/pcve.partner.assessment/web_search_read",
                {
                    "model": "pcve.partner.assessment",
                    "method": "web_search_read",
                    "args": [[("id", "=", self.assessment.id)], {"state": {}}],
                    "kwargs": {"context": off},
                },
            )
        self.assertEqual(self._logs(self.assessment, "read").user_id, self.assessor)

    @mute_logger(*MUTED)
    def test_client_context_cannot_widen_access(self):
        wide = {
            "active_test": False,
            "auditlog_disabled_read": True,
            "allowed_company_ids": [self.company.id],
            "pcve_case_logged": True,
        }
        Log = self.env["auditlog.log"]
        for user in (self.caseworker, self.employee):
            with self.assertRaises(AccessError):
                Log.with_user(user).with_context(**wide).search([])
        seen = set(
            Log.with_user(self.pcvemanager)
            .with_context(**wide)
            .search([])
            .mapped("model_model")
        )
        self.assertEqual(seen, {"pcve.partner.assessment"})
        rows = self.rpc(
            self.pcvemanager,
            "auditlog.log",
            "search_read",
            [("model_model", "=", "pcve.case")],
            ["name"],
            context=wide,
        )
        self.assertEqual(rows, [])

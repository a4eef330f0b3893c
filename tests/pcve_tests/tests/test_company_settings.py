"""Settings per company: two municipalities with different values.

Municipality B's users get B's assessment validity, re-assessment notice,
active charter, case retention, disclosure threshold, invitation notice and
busy slots, the gates of the training register (briefed volunteers, trained
moderators), through the ORM and over XML-RPC, whatever municipality A chose;
a user of A neither reads nor sets B's values; only B's settings managers
change them; the nightly jobs apply each company's value.
"""

import datetime
import importlib.util
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import file_path, mute_logger

from odoo.addons.pcve_base.tests.common import RpcCase, suite_user

A_VALUES = {
    "pcve_assessment_validity_years": 2,
    "pcve_reassessment_notice_days": 60,
    "pcve_case_retention_years": 5,
    "pcve_disclosure_threshold": 4,
    "pcve_invitation_notice_days": 14,
    "pcve_show_confidential_busy": False,
    "pcve_volunteer_briefing_required": False,
    "pcve_trained_moderator_required": False,
    "pcve_audit_retention_months": 24,
}
B_VALUES = {
    "pcve_assessment_validity_years": 4,
    "pcve_reassessment_notice_days": 30,
    "pcve_case_retention_years": 3,
    "pcve_disclosure_threshold": 2,
    "pcve_invitation_notice_days": 7,
    "pcve_show_confidential_busy": True,
    "pcve_volunteer_briefing_required": True,
    "pcve_trained_moderator_required": True,
    "pcve_audit_retention_months": 12,
}
ROLES = {
    "admin": "base.group_system,pcve_partners.group_pcve_manager",
    "erp": "base.group_erp_manager",
    "pcvemanager": "pcve_partners.group_pcve_manager",
    "assessor": "pcve_partners.group_pcve_assessor",
    "approver": "pcve_partners.group_pcve_approver",
    "casemanager": "pcve_casework.group_case_manager",
    "organiser": "pcve_safespaces.group_safespace_organiser",
    "safespaceuser": "pcve_safespaces.group_safespace_user",
    "evaluator": "pcve_evaluation.group_evaluation_manager",
}
SETTINGS_RULE = "Only the settings managers of a municipality change"
# The upgrade scripts that take the global parameters into every company.
MIGRATIONS = (
    "pcve_partners/migrations/19.0.1.1.0/post-migrate.py",
    "pcve_casework/migrations/19.0.1.2.0/post-migrate.py",
    "pcve_safespaces/migrations/19.0.1.1.0/post-migrate.py",
    "pcve_evaluation/migrations/19.0.1.1.0/post-migrate.py",
)


@tagged("post_install", "-at_install", "pcve_security")
class TestCompanySettings(RpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the scheduled jobs commit their progress: a test keeps its transaction
        cls.classPatch(
            cls.registry["ir.cron"], "_commit_progress", lambda *a, **kw: 60.0
        )
        env = cls.env
        cls.company_a = env.ref("base.main_company")
        cls.company_b = env["res.company"].create({"name": "Gemeente Bstad"})
        cls.users = {}
        for key, company in (("a", cls.company_a), ("b", cls.company_b)):
            for role, groups in ROLES.items():
                login = f"cs_{role}_{key}"
                cls.users[role, key] = suite_user(
                    env,
                    login,
                    groups,
                    company,
                )
        Charter = env["pcve.charter"]
        cls.charter_a = Charter.create(
            {"name": "Charter A", "company_id": cls.company_a.id}
        )
        cls.charter_b = Charter.create(
            {"name": "Charter B", "company_id": cls.company_b.id}
        )
        # B's newest charter: the configured one must win over it.
        Charter.create(
            {
                "name": "Charter B draft",
                "company_id": cls.company_b.id,
                "date_adopted": fields.Date.today() + timedelta(days=1),
            }
        )
        # Each municipality's settings manager sets its values in Settings.
        for key, values, charter in (
            ("a", A_VALUES, cls.charter_a),
            ("b", B_VALUES, cls.charter_b),
        ):
            env["res.config.settings"].with_user(cls.users["admin", key]).create(
                dict(values, pcve_active_charter_id=charter.id)
            ).execute()
        cls.partner = env["res.partner"].create(
            {"name": "Settings Youth Club", "pcve_is_partner": True}
        )
        # The partner signed A's charter only.
        env["pcve.charter.signature"].create(
            {
                "partner_id": cls.partner.id,
                "charter_id": cls.charter_a.id,
                "signatory": "Chair",
            }
        )
        cls.today = fields.Date.today()

    # ------------------------------------------------------------ helpers
    def _values(self, company):
        return {name: company[name] for name in B_VALUES}

    def _approved(self, key, **values):
        assessment = (
            self.env["pcve.partner.assessment"]
            .with_user(self.users["assessor", key])
            .create(
                dict(
                    {"partner_id": self.partner.id, "requested_level": "dialogue"},
                    **values,
                )
            )
        )
        assessment.action_submit()
        assessment.with_user(self.users["approver", key]).action_approve()
        return assessment

    def _case_values(self, name):
        return {
            "subject_pseudonym": name,
            "signal_source": "family",
            "concern_type": "religiously_motivated",
            "closure_reason_code": "goals_met",
            "closure_reason": "Stable for a year.",
        }

    def _session(self, key, name, days, **values):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=days)
        return (
            self.env["pcve.safespace.session"]
            .with_user(self.users["organiser", key])
            .create(
                dict(
                    {
                        "name": name,
                        "start": start,
                        "stop": start + timedelta(hours=2),
                        "format": "dialogue_circle",
                        "level": "neighbourhood",
                    },
                    **values,
                )
            )
        )

    # ------------------------------------------------------- the settings
    def test_each_company_keeps_its_own_values(self):
        self.assertEqual(self._values(self.company_a), A_VALUES)
        self.assertEqual(self._values(self.company_b), B_VALUES)
        self.assertEqual(self.company_a.pcve_active_charter_id, self.charter_a)
        self.assertEqual(self.company_b.pcve_active_charter_id, self.charter_b)
        for key, values in (("a", A_VALUES), ("b", B_VALUES)):
            admin = self.users["admin", key]
            settings = self.env["res.config.settings"].with_user(admin).create({})
            self.assertEqual(self._values(settings), values)
            settings_id = self.rpc(admin, "res.config.settings", "create", {})
            [read] = self.rpc(
                admin, "res.config.settings", "read", [settings_id], list(values)
            )
            self.assertEqual({name: read[name] for name in values}, values)
        # Parameters are no longer where the settings live.
        self.assertFalse(
            self.env["ir.config_parameter"].search([("key", "=like", "pcve_%")])
        )

    def test_settings_manager_of_b_sets_bs_values_over_rpc(self):
        admin = self.users["admin", "b"]
        settings_id = self.rpc(
            admin,
            "res.config.settings",
            "create",
            {"pcve_case_retention_years": 6, "pcve_invitation_notice_days": 9},
        )
        self.rpc(admin, "res.config.settings", "execute", [settings_id])
        self.company_b.invalidate_recordset()
        self.assertEqual(self.company_b.pcve_case_retention_years, 6)
        self.assertEqual(self.company_b.pcve_invitation_notice_days, 9)
        self.assertEqual(self._values(self.company_a), A_VALUES)

    def test_user_of_a_neither_reads_nor_sets_bs_values(self):
        for role in ("casemanager", "evaluator", "admin"):
            user = self.users[role, "a"]
            with self.subTest(role=role):
                if role != "admin":
                    # Odoo's own rule lets administrators see every company.
                    with self.assertRaises(AccessError):
                        self.company_b.with_user(user).read(list(B_VALUES))
                    with self.assertRpcRefused():
                        self.rpc(
                            user,
                            "res.company",
                            "read",
                            [self.company_b.id],
                            list(B_VALUES),
                        )
                self.assertRefusedEverywhere(
                    user,
                    self.company_b,
                    {"pcve_case_retention_years": 10},
                    "",
                    AccessError,
                )
        # Nor through Settings, naming B's company.
        admin_a = self.users["admin", "a"]
        with self.assertRaisesRule(AccessError, SETTINGS_RULE):
            self.env["res.config.settings"].with_user(admin_a).create(
                {"company_id": self.company_b.id, "pcve_case_retention_years": 10}
            )
        with self.assertRpcRefused(SETTINGS_RULE):
            self.rpc(
                admin_a,
                "res.company",
                "write",
                [self.company_b.id],
                {"pcve_case_retention_years": 10},
            )
        self.company_b.invalidate_recordset()
        self.assertEqual(self._values(self.company_b), B_VALUES)

    def test_only_settings_managers_change_the_settings(self):
        """Managers of the suite's apps and the Access Rights group are
        constrained by the settings: they read them, never change them."""
        for role in ("pcvemanager", "casemanager", "evaluator", "erp", "approver"):
            user = self.users[role, "b"]
            with self.subTest(role=role):
                self.assertEqual(
                    self.company_b.with_user(user).pcve_case_retention_years, 3
                )
                for name, value in (
                    ("pcve_case_retention_years", 10),
                    ("pcve_show_confidential_busy", False),
                    ("pcve_series_max_sessions", 150),
                    ("pcve_volunteer_briefing_required", False),
                    ("pcve_trained_moderator_required", False),
                ):
                    self.assertRefusedEverywhere(
                        user, self.company_b, {name: value}, "", AccessError
                    )
        # The Access Rights group may write a company, not its settings.
        self.assertRefusedEverywhere(
            self.users["erp", "b"],
            self.company_b,
            {"pcve_disclosure_threshold": 1},
            SETTINGS_RULE,
            AccessError,
        )
        self.company_b.invalidate_recordset()
        self.assertEqual(self._values(self.company_b), B_VALUES)
        # B's settings manager may, over RPC too.
        self.rpc(
            self.users["admin", "b"],
            "res.company",
            "write",
            [self.company_b.id],
            {"pcve_disclosure_threshold": 3},
        )
        self.company_b.invalidate_recordset()
        self.assertEqual(self.company_b.pcve_disclosure_threshold, 3)

    def test_values_are_validated(self):
        admin = self.users["admin", "b"]
        Settings = self.env["res.config.settings"].with_user(admin)
        for values, text in (
            ({"pcve_assessment_validity_years": 0}, "at least one year"),
            ({"pcve_reassessment_notice_days": 0}, "at least one day"),
            ({"pcve_case_retention_years": 0}, "Retention rule"),
            ({"pcve_disclosure_threshold": 0}, "Disclosure rule"),
            ({"pcve_invitation_notice_days": 366}, "Advance-notice rule"),
            ({"pcve_active_charter_id": self.charter_a.id}, "Active charter rule"),
        ):
            with self.subTest(values=values):
                with self.assertRaisesRule(ValidationError, text):
                    Settings.create(values)
                with self.assertRpcRefused(text):
                    self.rpc(admin, "res.config.settings", "create", values)
        self.company_b.invalidate_recordset()
        self.assertEqual(self._values(self.company_b), B_VALUES)
        self.assertEqual(self.company_b.pcve_active_charter_id, self.charter_b)

    # ------------------------------------------------ the values at work
    def test_assessment_validity_and_active_charter_are_bs(self):
        Charter = self.env["pcve.charter"]
        self.assertEqual(Charter._get_current(self.company_a), self.charter_a)
        self.assertEqual(Charter._get_current(self.company_b), self.charter_b)
        # Through the ORM, as B's assessor and approver.
        assessment = self._approved("b")
        self.assertEqual(assessment.company_id, self.company_b)
        self.assertEqual(assessment.valid_until, self.today + relativedelta(years=4))
        self.assertEqual(
            self._approved("a").valid_until, self.today + relativedelta(years=2)
        )
        # Over XML-RPC.
        assessor, approver = self.users["assessor", "b"], self.users["approver", "b"]
        model = "pcve.partner.assessment"
        new_id = self.rpc(
            assessor,
            model,
            "create",
            {"partner_id": self.partner.id, "requested_level": "dialogue"},
        )
        self.rpc(assessor, model, "action_submit", [new_id])
        self.rpc(approver, model, "action_approve", [new_id])
        [read] = self.rpc(approver, model, "read", [new_id], ["valid_until"])
        self.assertEqual(
            read["valid_until"],
            str(self.today + relativedelta(years=4)),
        )
        # Funding in B needs B's active charter: A's signature is not enough.
        funded = (
            self.env[model]
            .with_user(assessor)
            .create(
                {
                    "partner_id": self.partner.id,
                    "requested_level": "dialogue",
                    "funding_involved": True,
                }
            )
        )
        funded.criterion_line_ids.write({"rating": "no_concern", "source": "Report"})
        funded.write(
            {
                "reference_ids": [
                    Command.create({"name": "Youth department", "cross_checked": True}),
                    Command.create({"name": "Police officer", "cross_checked": True}),
                ]
            }
        )
        funded.action_submit()
        with self.assertRpcRefused("signed the currently active charter"):
            self.rpc(approver, model, "action_approve", [funded.id])
        self.env["pcve.charter.signature"].create(
            {
                "partner_id": self.partner.id,
                "charter_id": self.charter_b.id,
                "signatory": "Chair",
            }
        )
        self.rpc(approver, model, "action_approve", [funded.id])
        funded.invalidate_recordset()
        self.assertEqual(funded.state, "decided")

    def test_case_retention_is_bs(self):
        Case = self.env["pcve.case"]
        for key, years in (("a", 5), ("b", 3)):
            manager = self.users["casemanager", key]
            with self.subTest(company=key):
                case = Case.with_user(manager).create(self._case_values(f"ORM {key}"))
                case.action_close()
                self.assertEqual(
                    case.retention_until, self.today + relativedelta(years=years)
                )
                case_id = self.rpc(
                    manager, "pcve.case", "create", self._case_values(f"RPC {key}")
                )
                self.rpc(manager, "pcve.case", "action_close", [case_id])
                [read] = self.rpc(
                    manager, "pcve.case", "read", [case_id], ["retention_until"]
                )
                self.assertEqual(
                    read["retention_until"],
                    str(self.today + relativedelta(years=years)),
                )
        # A case manager of B extends within B's period (up to twice 3 years).
        case = Case.with_user(self.users["casemanager", "b"]).search(
            [("subject_pseudonym", "=", "ORM b")]
        )
        with self.assertRaisesRule(ValidationError, "kept 3 years"):
            case.retention_until = self.today + relativedelta(years=7)
        case.retention_until = self.today + relativedelta(years=6)

    def test_invitation_notice_is_bs(self):
        session_a = self._session("a", "Circle A", 10)
        session_b = self._session("b", "Circle B", 10)
        self.assertEqual(session_b.company_id, self.company_b)
        # 10 days ahead: short notice under A's 14 days, not under B's 7.
        self.assertTrue(session_a.is_short_notice)
        self.assertFalse(session_b.is_short_notice)
        for key, session, short in (("a", session_a, True), ("b", session_b, False)):
            [read] = self.rpc(
                self.users["organiser", key],
                "pcve.safespace.session",
                "read",
                [session.id],
                ["is_short_notice"],
            )
            self.assertEqual(read["is_short_notice"], short)

    def test_busy_slots_are_bs(self):
        session_a = self._session("a", "Secret A", 30, confidential=True)
        session_b = self._session("b", "Secret B", 30, confidential=True)
        for key, session, shown in (("a", session_a, False), ("b", session_b, True)):
            user = self.users["safespaceuser", key]
            with self.subTest(company=key):
                slots = self.env["pcve.safespace.busy"].with_user(user).search([])
                self.assertEqual(session.id in slots.ids, shown)
                ids = self.rpc(user, "pcve.safespace.busy", "search", [])
                self.assertEqual(session.id in ids, shown)
                self.assertNotIn(session_a.id if key == "b" else session_b.id, ids)

    def test_disclosure_threshold_is_bs(self):
        """Three cases in one cell: shown under B's threshold 2, suppressed
        under A's threshold 4."""
        day = datetime.date(2019, 2, 4)
        for key in ("a", "b"):
            self.env["pcve.case"].with_user(self.users["casemanager", key]).create(
                [
                    dict(
                        self._case_values(f"Stat {key} {index}"),
                        signal_date=day,
                        concern_type="left_wing",
                        signal_source="police",
                    )
                    for index in range(3)
                ]
            )
        self.env["pcve.evaluation.case.stat"]._pcve_refresh()
        domain = [("period", "=", "2019-01-01")]
        for key, count in (("a", False), ("b", 3)):
            user = self.users["evaluator", key]
            with self.subTest(company=key):
                rows = (
                    self.env["pcve.evaluation.case.stat"]
                    .with_user(user)
                    .search_read(domain, ["case_count", "company_id"])
                )
                self.assertEqual([row["case_count"] for row in rows], [count])
                rows = self.rpc(
                    user,
                    "pcve.evaluation.case.stat",
                    "search_read",
                    domain,
                    ["case_count"],
                )
                self.assertEqual([row["case_count"] for row in rows], [count])

    # ---------------------------------------------------------- the jobs
    def test_validity_job_applies_each_companys_notice(self):
        """45 days before expiry: within A's notice of 60 days, outside B's
        30; 20 days before: within B's too."""
        a45, b45, b20 = self._approved("a"), self._approved("b"), self._approved("b")
        for assessment, days in ((a45, 45), (b45, 45), (b20, 20)):
            self.env.cr.execute(
                "UPDATE pcve_partner_assessment SET valid_until = %s WHERE id = %s",
                (self.today + timedelta(days=days), assessment.id),
            )
        self.env.invalidate_all()
        self.env["pcve.partner.assessment"]._cron_validity()
        activity_type = self.env.ref("pcve_partners.mail_activity_type_reassessment")
        scheduled = self.env["mail.activity"].search(
            [
                ("res_model", "=", "pcve.partner.assessment"),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        self.assertEqual(
            set(scheduled.mapped("res_id")) & {a45.id, b45.id, b20.id},
            {a45.id, b20.id},
        )

    def test_retention_job_applies_each_companys_period(self):
        Case = self.env["pcve.case"]
        cases = {}
        for key in ("a", "b"):
            cases[key] = Case.with_user(self.users["casemanager", key]).create(
                self._case_values(f"Job {key}")
            )
            cases[key].action_close()
        # Four years on: past B's three years, within A's five.
        with freeze_time(self.today + relativedelta(years=4, days=1)):
            Case._cron_anonymise_expired()
        cases["a"].invalidate_recordset()
        cases["b"].invalidate_recordset()
        self.assertFalse(cases["a"].is_anonymised)
        self.assertTrue(cases["b"].is_anonymised)

    # ------------------------------------------------------- the upgrade
    def test_upgrade_takes_the_parameters_into_every_company(self):
        """A database of the global settings: each company takes each value
        its rules accept (a bad one keeps the company's value), then the
        parameters go."""
        Param = self.env["ir.config_parameter"]
        for key, value in (
            ("pcve_partners.assessment_validity_years", "3"),
            ("pcve_partners.reassessment_notice_days", "junk"),
            ("pcve_partners.active_charter_id", str(self.charter_a.id)),
            ("pcve_casework.retention_years", "7"),
            ("pcve_evaluation.disclosure_threshold", "0"),
            ("pcve_safespaces.invitation_notice_days", "10"),
            ("pcve_safespaces.show_confidential_busy", "True"),
        ):
            Param.set_param(key, value)
        self.company_a.pcve_active_charter_id = False
        for index, path in enumerate(MIGRATIONS):
            spec = importlib.util.spec_from_file_location(
                f"pcve_settings_migration_{index}", file_path(path)
            )
            script = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(script)
            with mute_logger("odoo.addons.pcve_base.models.res_company"):
                script.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        self.assertFalse(Param.search([("key", "=like", "pcve_%")]))
        expected = {
            "pcve_assessment_validity_years": 3,
            "pcve_case_retention_years": 7,
            "pcve_invitation_notice_days": 10,
            "pcve_show_confidential_busy": True,
        }
        self.assertEqual(self._values(self.company_a), dict(A_VALUES, **expected))
        self.assertEqual(self._values(self.company_b), dict(B_VALUES, **expected))
        # A's charter is A's active charter, not B's.
        self.assertEqual(self.company_a.pcve_active_charter_id, self.charter_a)
        self.assertEqual(self.company_b.pcve_active_charter_id, self.charter_b)

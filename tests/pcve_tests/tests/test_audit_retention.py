"""The retention of the suite's audit trail (pcve_audit): a daily job trims
each municipality's logs past the period its settings managers set (the
DPO's decision), in batches with committed progress, at a cost that follows
what is due, not the size of the trail; nobody else deletes a log."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.pcve_base.tests.common import RpcCase, suite_user


@tagged("post_install", "-at_install")
class TestAuditRetention(RpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Retention town"})
        cls.admin = suite_user(
            cls.env, "ret_admin", "base.group_system,pcve_casework.group_case_manager"
        )
        cls.casemanager = suite_user(
            cls.env, "ret_casemanager", "pcve_casework.group_case_manager"
        )
        cls.company.pcve_audit_retention_months = 6
        cls.other_company.pcve_audit_retention_months = 24
        Case = cls.env["pcve.case"]
        cls.case = Case.create({"subject_pseudonym": "Heron"})
        cls.other_case = Case.create(
            {"subject_pseudonym": "Crane", "company_id": cls.other_company.id}
        )
        cls.Log = cls.env["auditlog.log"]
        cls.Cron = cls.env.registry["ir.cron"]

    def _log(self, case, months_ago):
        """A read of ``case`` logged ``months_ago`` months ago, as the system."""
        self.env["auditlog.rule"].sudo()._pcve_log_read(case, "read")
        log = self.Log.sudo().search([], order="id desc", limit=1)
        when = fields.Datetime.now() - timedelta(days=31 * months_ago)
        self.env.cr.execute(
            "UPDATE auditlog_log SET create_date = %s WHERE id = %s", (when, log.id)
        )
        log.invalidate_recordset(["create_date"])
        return log

    def _trim(self, **kwargs):
        with patch.object(self.Cron, "_commit_progress", return_value=60.0) as commit:
            trimmed = self.Log._cron_trim_pcve_logs(**kwargs)
        return trimmed, [call.kwargs["remaining"] for call in commit.call_args_list]

    def test_job_trims_each_company_by_its_period_in_batches(self):
        due = self._log(self.case, 8) | self._log(self.other_case, 30)
        kept = self._log(self.case, 3) | self._log(self.other_case, 8)
        trimmed, remaining = self._trim(batch_size=1)
        self.assertEqual(trimmed, 2)
        # one commit per batch, what is left counted down
        self.assertEqual(remaining, [1, 0])
        self.assertFalse(due.exists())
        self.assertEqual(kept.exists(), kept)
        self.assertEqual(self._trim(), (0, []))

    def test_job_cost_follows_what_is_due_not_the_trail(self):
        def queries():
            self._log(self.case, 8)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.assertEqual(self._trim()[0], 1)
            return self.env.cr.sql_log_count - before

        queries()  # warm-up: the registry's caches, as a running server has them
        small = queries()
        for _i in range(30):
            self._log(self.case, 1)
            self._log(self.other_case, 12)
        self.assertEqual(queries(), small)

    def test_nobody_but_the_job_trims(self):
        log = self._log(self.case, 8)
        for user, error in ((self.casemanager, AccessError), (self.admin, UserError)):
            with self.assertRaises(error):
                log.with_user(user).unlink()
            with self.assertRpcRefused():
                self.rpc(user, "auditlog.log", "unlink", log.ids)
            with self.assertRpcRefused():
                self.rpc(user, "auditlog.log", "_cron_trim_pcve_logs")
        self.assertTrue(log.exists())
        self.assertEqual(self._trim()[0], 1)

    def test_the_period_is_the_settings_managers_and_has_a_floor(self):
        with self.assertRaisesRule(AccessError, "settings managers"):
            self.company.with_user(self.casemanager).pcve_audit_retention_months = 60
        with self.assertRpcRefused("settings managers"):
            self.rpc(
                self.casemanager,
                "res.company",
                "write",
                self.company.ids,
                {"pcve_audit_retention_months": 60},
            )
        # a settings manager of this company, not of the other
        with self.assertRaisesRule(AccessError, "settings managers"):
            self.other_company.with_user(self.admin).pcve_audit_retention_months = 60
        with self.assertRaisesRule(ValidationError, "Audit retention rule"):
            self.company.with_user(self.admin).pcve_audit_retention_months = 3
        self.rpc(
            self.admin,
            "res.company",
            "write",
            self.company.ids,
            {"pcve_audit_retention_months": 36},
        )
        self.company.invalidate_recordset()
        self.assertEqual(self.company.pcve_audit_retention_months, 36)

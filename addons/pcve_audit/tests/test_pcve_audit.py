"""pcve_audit's rules on the trail itself: nobody but the system writes the
suite's trail, a user of no audit role reads no log, and the suite's audit
readers read the suite's logs only, without changing any."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPcveAudit(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, "pcve_audit_employee", "base.group_user")
        cls.reader = new_test_user(
            cls.env,
            "pcve_audit_reader",
            "base.group_user,pcve_audit.group_audit_reader",
        )
        cls.partner_model = cls.env.ref("base.model_res_partner")
        # a log of another app's model (not the suite's), written by the system
        cls.other_log = (
            cls.env["auditlog.log"]
            .sudo()
            .create(
                {
                    "name": "Other app",
                    "model_id": cls.partner_model.id,
                    "res_id": cls.env.user.partner_id.id,
                    "method": "write",
                }
            )
        )

    def test_nobody_but_the_system_labels_a_log_as_the_suites(self):
        for user in (self.reader, self.env.ref("base.user_admin")):
            with self.assertRaisesRegex(UserError, "written by the system only"):
                self.env["auditlog.log"].with_user(user).create(
                    {
                        "name": "forged",
                        "model_id": self.partner_model.id,
                        "res_id": 1,
                        "method": "write",
                        "pcve_reader_group_id": self.env.ref(
                            "pcve_audit.group_audit_reader"
                        ).id,
                    }
                )

    def test_a_user_of_no_audit_role_reads_no_log(self):
        with self.assertRaises(AccessError):
            self.env["auditlog.log"].with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            self.other_log.with_user(self.employee).read(["name"])

    def test_audit_readers_read_only_the_suites_logs_and_change_none(self):
        Log = self.env["auditlog.log"].with_user(self.reader)
        self.assertNotIn(self.other_log, Log.search([]))
        log = self.other_log.with_user(self.reader)
        with self.assertRaises(AccessError):
            log.write({"name": "changed"})
        with self.assertRaises(AccessError):
            log.unlink()
        self.assertEqual(self.other_log.name, "Other app")

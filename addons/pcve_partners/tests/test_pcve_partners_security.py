from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PcvePartnersCommon


@tagged("post_install", "-at_install")
class TestPartnersSecurity(PcvePartnersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment = cls._assessment(requested_level="consultation")
        cls.assessment.sudo().write(
            {
                "intelligence_check_requested": True,
                "intelligence_check_result": "SECRET-FINDING",
            }
        )
        cls.assessment.reference_ids = [(0, 0, {"name": "Ref", "cross_checked": True})]
        cls.assessment.message_post(body="Internal note on the partner")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_staff_sees_no_assessment(self):
        Assessment = self.Assessment.with_user(self.staff)
        self.assertFalse(Assessment.search([]))
        self.assertFalse(Assessment.search_count([]))
        self.assertFalse(Assessment.formatted_read_group([], ["state"], ["__count"]))
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.staff).read(["partner_id"])
        for model in ("pcve.assessment.criterion.line", "pcve.assessment.reference"):
            records = self.env[model].with_user(self.staff)
            self.assertFalse(records.search([]))
            with self.assertRaises(AccessError):
                self.env[model].browse(
                    self.env[model].search([], limit=1).ids
                ).with_user(self.staff).read()
        with self.assertRaises(AccessError):
            Assessment.create({"partner_id": self.partner.id})

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_staff_sees_no_assessment_messages(self):
        Message = self.env["mail.message"].with_user(self.staff)
        found = Message.search(
            [("model", "=", self.Assessment._name), ("res_id", "=", self.assessment.id)]
        )
        self.assertFalse(found)
        message = self.assessment.message_ids[:1]
        with self.assertRaises(AccessError):
            message.with_user(self.staff).read(["body"])

    def test_staff_sees_level_but_not_history(self):
        partner = self.partner.with_user(self.staff)
        self.assertEqual(partner.pcve_collaboration_level, "none")
        with self.assertRaises(AccessError):
            partner.read(["pcve_assessment_ids"])
        self.assertNotIn("pcve_assessment_ids", partner.fields_get())

    def test_employee_without_pcve_group(self):
        partner = self.partner.with_user(self.employee)
        self.assertNotIn("pcve_collaboration_level", partner.fields_get())
        with self.assertRaises(AccessError):
            partner.read(["pcve_collaboration_level"])
        with self.assertRaises(AccessError):
            self.Assessment.with_user(self.employee).search([])

    def test_intelligence_fields_only_for_liaison(self):
        fields = ["intelligence_check_requested", "intelligence_check_result"]
        for user in (self.assessor, self.approver, self.manager):
            assessment = self.assessment.with_user(user)
            self.assertTrue(assessment.partner_id)
            available = assessment.fields_get()
            for field in fields:
                self.assertNotIn(field, available)
                with self.assertRaises(AccessError):
                    assessment.read([field])
            with self.assertRaises(AccessError):
                self.Assessment.with_user(user).search(
                    [("intelligence_check_result", "ilike", "SECRET")]
                )
            with self.assertRaises(AccessError):
                self.Assessment.with_user(user).search(
                    [], order="intelligence_check_result"
                )
            with self.assertRaises(AccessError):
                self.Assessment.with_user(user).formatted_read_group(
                    [], ["intelligence_check_requested"], ["__count"]
                )
            with self.assertRaises(AccessError):
                assessment.export_data(["intelligence_check_result"])
            with self.assertRaises(AccessError):
                assessment.write({"intelligence_check_result": "overwritten"})
        liaison = self.assessment.with_user(self.liaison)
        self.assertEqual(liaison.intelligence_check_result, "SECRET-FINDING")
        self.assertIn("intelligence_check_result", liaison.fields_get())
        self.assertEqual(
            liaison.export_data(["intelligence_check_result"])["datas"],
            [["SECRET-FINDING"]],
        )

    def test_intelligence_never_in_chatter(self):
        self.assessment.with_user(self.liaison).write(
            {"intelligence_check_result": "SECOND-SECRET"}
        )
        self.env.flush_all()
        bodies = " ".join(self.assessment.message_ids.mapped("body"))
        values = self.assessment.message_ids.sudo().tracking_value_ids
        self.assertNotIn("SECRET", bodies)
        self.assertFalse(
            values.filtered(lambda v: "intelligence" in v.field_id.name),
        )

    def test_only_managers_configure(self):
        for model in (
            "pcve.assessment.criterion",
            "pcve.language.rule",
            "pcve.charter",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.approver).create(
                    {
                        "name": "X",
                        "community_terms": "a",
                        "threat_terms": "b",
                        "suggestion": "c",
                    }
                    if model == "pcve.language.rule"
                    else {"name": "X"}
                )
        self.env["pcve.assessment.criterion"].with_user(self.manager).create(
            {"name": "Local roots"}
        )

    def test_staff_cannot_delete_communities(self):
        community = self.env["pcve.community"].create({"name": "C"})
        with self.assertRaises(AccessError):
            community.with_user(self.staff).unlink()
        community.with_user(self.manager).unlink()

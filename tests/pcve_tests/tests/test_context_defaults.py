"""A client's context never decides what only the workflow sets.

Odoo fills a new record's missing values from the context's ``default_*``
keys after a model's own ``create`` looked at the values it was given. The
state machine and the case's create rules read those keys too, so a state,
a decision, a reference or a link token sent as a context default is
refused as if it were sent as a value: through the ORM and over XML-RPC.
"""

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.pcve_base.tests.common import RpcCase, suite_user


@tagged("post_install", "-at_install")
class TestContextDefaults(RpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = suite_user(
            cls.env, "pcve_ctx_manager", "pcve_casework.group_case_manager"
        )
        cls.assessor = suite_user(
            cls.env, "pcve_ctx_assessor", "pcve_partners.group_pcve_assessor"
        )
        cls.case_vals = {
            "subject_pseudonym": "Godwit",
            "signal_source": "family",
            "lead_user_id": cls.manager.id,
        }
        cls.case = cls.env["pcve.case"].with_user(cls.manager).create(cls.case_vals)
        service = cls.env["res.partner"].create(
            {"name": "Youth centre", "is_company": True, "email": "in@yc.example.org"}
        )
        cls.referral_vals = {
            "case_id": cls.case.id,
            "service_partner_id": service.id,
            "service_type": "youth_work",
            "reason": "Wants a place to go in the evenings.",
            "consent_given_by": "subject",
            "consent_date": fields.Date.to_string(fields.Date.today()),
        }
        cls.partner = cls.env["res.partner"].create(
            {"name": "Context Youth Club", "is_company": True, "pcve_is_partner": True}
        )
        cls.assessment_vals = {
            "partner_id": cls.partner.id,
            "requested_level": "dialogue",
        }

    def _assert_default_refused(self, user, model, vals, context):
        """Refused through the ORM and over XML-RPC; nothing created."""
        Model = self.env[model]
        before = Model.search_count([])
        with self.assertRaises(UserError):
            Model.with_user(user).with_context(**context).create(vals)
        with self.assertRpcRefused():
            self.rpc(user, model, "create", [vals], context=context)
        self.assertEqual(Model.search_count([]), before)

    def test_case_stage_and_reference(self):
        for context in (
            {"default_stage": "closed"},
            {"default_stage": "monitoring"},
            {"default_name": "CASE-FORGED"},
            {"default_retention_until": "2020-01-01"},
            {"default_is_anonymised": True},
        ):
            with self.subTest(context=context):
                self._assert_default_refused(
                    self.manager, "pcve.case", self.case_vals, context
                )
        # an ordinary default still works
        case = (
            self.env["pcve.case"]
            .with_user(self.manager)
            .with_context(default_concern_type="right_wing")
            .create(self.case_vals)
        )
        self.assertEqual((case.stage, case.concern_type), ("signal", "right_wing"))

    def test_referral_state_and_token(self):
        for context in (
            {"default_state": "accepted"},
            {"default_state": "requested"},
            {"default_access_token_hash": "0" * 64},
            {"default_outcome": "Forged outcome"},
        ):
            with self.subTest(context=context):
                self._assert_default_refused(
                    self.manager, "pcve.case.referral", self.referral_vals, context
                )

    def test_assessment_decision(self):
        for context in (
            {"default_state": "decided"},
            {"default_outcome": "approved"},
            {"default_granted_level": "partnership"},
        ):
            with self.subTest(context=context):
                self._assert_default_refused(
                    self.assessor,
                    "pcve.partner.assessment",
                    self.assessment_vals,
                    context,
                )

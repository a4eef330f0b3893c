from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import ASSESSMENT, PcvePartnersRpcCommon

DECISION_VALUES = {
    "valid_until": "2099-12-31",
    "decision_rationale": "Decided by the assessor.",
    "outcome": "approved",
    "granted_level": "dialogue",
    "decision_date": "2030-01-01",
}
RULE = "a decision is taken by an approver"


@tagged("post_install", "-at_install")
class TestAssessmentDecisionFields(PcvePartnersRpcCommon):
    """Outcome, level, rationale, validity, decider and date are written by
    the decision step only: not by a create or write of the assessor (or of
    the approver), in any state, through the ORM or over XML-RPC."""

    def _in_states(self):
        draft = self._assessment()
        review = self._assessment()
        review.action_submit()
        decided = self._assessment()
        decided.action_submit()
        decided.with_user(self.approver).action_approve()
        cancelled = self._assessment()
        cancelled.action_cancel()
        return draft | review | decided | cancelled

    def _snapshot(self, assessments):
        names = [*DECISION_VALUES, "decided_by_id"]
        assessments.invalidate_recordset()
        return assessments.read(names)

    def test_assessor_cannot_write_the_decision(self):
        assessments = self._in_states()
        before = self._snapshot(assessments)
        values = dict(DECISION_VALUES, decided_by_id=self.approver2.id)
        for assessment in assessments:
            for user in (self.assessor, self.approver):
                for name, value in values.items():
                    with self.subTest(state=assessment.state, user=user.login, f=name):
                        with self.assertRaisesRule(AccessError, RULE):
                            assessment.with_user(user).write({name: value})
                        with self.assertRpcRefused(RULE):
                            self.rpc(
                                user, ASSESSMENT, "write", assessment.ids, {name: value}
                            )
        self.assertEqual(self._snapshot(assessments), before)

    def test_no_decision_on_create(self):
        for user in (self.assessor, self.approver):
            for name, value in DECISION_VALUES.items():
                with self.assertRaisesRule(AccessError, RULE):
                    self._assessment(user=user, **{name: value})
                with self.assertRpcRefused(RULE):
                    self.rpc(
                        user,
                        ASSESSMENT,
                        "create",
                        {"partner_id": self.partner.id, name: value},
                    )
        self.assertFalse(self.Assessment.search([("partner_id", "=", self.partner.id)]))

    def test_the_form_does_not_offer_them(self):
        review = self._assessment()
        review.action_submit()
        for name in ("valid_until", "decision_rationale"):
            self.assertTrue(
                self.Assessment.with_user(self.assessor).fields_get([name])[name][
                    "readonly"
                ]
            )
        form = Form(review.with_user(self.assessor))
        with self.assertRaises(AssertionError):
            form.valid_until = date(2099, 12, 31)

    def test_approval_sets_the_validity_from_the_setting(self):
        self.env.company.pcve_assessment_validity_years = 3
        review = self._assessment(requested_level="dialogue")
        review.action_submit()
        # data that predates the rule: a validity written before the decision
        review.sudo().write({"valid_until": "2099-12-31"})
        self.assertTrue(
            self.rpc(
                self.approver,
                ASSESSMENT,
                "action_approve",
                review.ids,
                granted_level="consultation",
                rationale="Consultation first.",
            )
        )
        today = fields.Date.context_today(review)
        self.assertEqual(review.valid_until, today + relativedelta(years=3))
        self.assertEqual(review.decision_rationale, "Consultation first.")
        self.assertEqual(review.granted_level, "consultation")
        self.assertEqual(review.decided_by_id, self.approver)
        self.assertEqual(self.partner.pcve_level_valid_until, review.valid_until)

    def test_refusals_over_rpc_take_the_rationale(self):
        for method in ("action_dialogue_only", "action_decline"):
            review = self._assessment()
            review.action_submit()
            with self.assertRpcRefused("needs a rationale"):
                self.rpc(self.approver, ASSESSMENT, method, review.ids)
            with self.assertRpcRefused("Only approvers decide"):
                self.rpc(
                    self.assessor2, ASSESSMENT, method, review.ids, rationale="Not now."
                )
            self.assertEqual(review.state, "in_review")
            self.assertTrue(
                self.rpc(self.approver, ASSESSMENT, method, review.ids, rationale="No.")
            )
            self.assertEqual(review.decision_rationale, "No.")
            self.assertFalse(review.valid_until)

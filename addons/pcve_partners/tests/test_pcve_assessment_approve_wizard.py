from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import PcvePartnersCommon


@tagged("post_install", "-at_install")
class TestAssessmentApproveWizard(PcvePartnersCommon):
    """The approval step of the form: the approver chooses the granted level."""

    def _submitted(self, user=None, **vals):
        assessment = self._assessment(user=user, **vals)
        assessment.with_user(user or self.assessor).action_submit()
        return assessment

    def _wizard(self, assessment, user=None):
        """The wizard as the form's Approve button opens it."""
        action = self.env.ref("pcve_partners.pcve_assessment_approve_wizard_action")
        Wizard = self.env[action.res_model].with_user(user or self.approver)
        return Form(Wizard.with_context(default_assessment_id=assessment.id))

    def _assert_undecided(self, assessment, rationale=False):
        assessment.invalidate_recordset()
        self.assertEqual(assessment.state, "in_review")
        self.assertFalse(assessment.outcome)
        self.assertFalse(assessment.granted_level)
        self.assertFalse(assessment.decided_by_id)
        self.assertFalse(assessment.valid_until)
        self.assertEqual(assessment.decision_rationale, rationale)

    def test_defaults_to_requested_level(self):
        assessment = self._submitted(requested_level="consultation")
        form = self._wizard(assessment)
        self.assertEqual(form.requested_level, "consultation")
        self.assertEqual(form.granted_level, "consultation")
        self.assertFalse(form.below_requested)
        form.save().action_decide()
        self.assertEqual(assessment.outcome, "approved")
        self.assertEqual(assessment.granted_level, "consultation")
        self.assertEqual(assessment.decided_by_id, self.approver)
        self.assertFalse(assessment.decision_rationale)
        self.assertEqual(self.partner.pcve_collaboration_level, "consultation")

    def test_approver_grants_lower_level(self):
        assessment = self._submitted(requested_level="dialogue")
        form = self._wizard(assessment)
        form.granted_level = "information_sharing"
        self.assertTrue(form.below_requested)
        form.rationale = "Start with sharing information; dialogue after a year."
        action = form.save().action_decide()
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertEqual(assessment.state, "decided")
        self.assertEqual(assessment.outcome, "approved")
        self.assertEqual(assessment.granted_level, "information_sharing")
        self.assertEqual(assessment.requested_level, "dialogue")
        self.assertEqual(assessment.decided_by_id, self.approver)
        self.assertEqual(
            assessment.decision_rationale,
            "Start with sharing information; dialogue after a year.",
        )
        self.assertEqual(self.partner.pcve_collaboration_level, "information_sharing")
        self.assertTrue(assessment.valid_until)

    def test_dialogue_only_and_decline_take_the_rationale(self):
        """The form's "Dialogue only" and "Decline" open the decision step: the
        rationale is written there, with the decision, by the approver."""
        for outcome in ("dialogue_only", "declined"):
            assessment = self._submitted()
            form = self._wizard(assessment)
            form.outcome = outcome
            self.assertFalse(form.rationale)
            with self.assertRaises(AssertionError):
                form.save()  # the rationale is required on the form
            self._assert_undecided(assessment)
            step = self.env["pcve.assessment.approve.wizard"].with_user(self.approver)
            step = step.create({"assessment_id": assessment.id, "outcome": outcome})
            with self.assertRaisesRule(ValidationError, "needs a rationale"):
                step.action_decide()
            self._assert_undecided(assessment)
            form.rationale = "Known for years; dialogue first."
            form.save().action_decide()
            self.assertEqual(assessment.outcome, outcome)
            self.assertFalse(assessment.granted_level)
            self.assertFalse(assessment.valid_until)
            self.assertEqual(
                assessment.decision_rationale, "Known for years; dialogue first."
            )

    def test_lower_level_needs_rationale(self):
        assessment = self._submitted(requested_level="dialogue")
        wizard = self.env["pcve.assessment.approve.wizard"].with_user(self.approver)
        for rationale in (False, "   "):
            step = wizard.create(
                {
                    "assessment_id": assessment.id,
                    "granted_level": "consultation",
                    "rationale": rationale,
                }
            )
            with self.assertRaisesRule(ValidationError, "needs a rationale"):
                step.action_decide()
            self._assert_undecided(assessment)
        # the same rule over RPC, without the wizard
        with self.assertRaisesRule(ValidationError, "needs a rationale"):
            assessment.with_user(self.approver).action_approve(
                granted_level="consultation"
            )
        self._assert_undecided(assessment)

    def test_higher_level_than_requested_refused(self):
        assessment = self._submitted(requested_level="consultation")
        step = self._wizard(assessment)
        step.granted_level = "partnership"
        step.rationale = "They deserve more."
        step = step.save()
        with self.assertRaisesRule(ValidationError, "at most the requested level"):
            step.action_decide()
        self._assert_undecided(assessment)
        # nor over RPC: a light assessment never grants a partnership
        with self.assertRaisesRule(ValidationError, "at most the requested level"):
            assessment.with_user(self.approver).action_approve(
                granted_level="dialogue", rationale="Why not."
            )
        self._assert_undecided(assessment)
        self.assertEqual(self.partner.pcve_collaboration_level, "none")

    def test_serious_concern_forbids_partnership(self):
        assessment = self._assessment(requested_level="partnership")
        self._complete(assessment)
        assessment.criterion_line_ids[:1].rating = "serious_concern"
        assessment.action_submit()
        form = self._wizard(assessment)
        self.assertTrue(form.serious_concern)
        step = form.save()
        with self.assertRaisesRule(ValidationError, "serious concern"):
            step.action_decide()
        self._assert_undecided(assessment)
        # a lower level stays possible, with a rationale
        step.write({"granted_level": "dialogue", "rationale": "Dialogue first."})
        step.action_decide()
        self.assertEqual(assessment.granted_level, "dialogue")
        self.assertEqual(self.partner.pcve_collaboration_level, "dialogue")

    def test_four_eyes(self):
        assessment = self._submitted(user=self.approver, assessor_id=self.approver.id)
        step = self._wizard(assessment).save()
        with self.assertRaisesRule(ValidationError, "Four eyes"):
            step.action_decide()
        self._assert_undecided(assessment)
        self._wizard(assessment, user=self.approver2).save().action_decide()
        self.assertEqual(assessment.decided_by_id, self.approver2)

    def test_non_approvers_cannot_use_it(self):
        assessment = self._submitted()
        Wizard = self.env["pcve.assessment.approve.wizard"]
        for user in (self.assessor, self.liaison, self.staff, self.employee):
            with self.assertRaises(AccessError):
                Wizard.with_user(user).create({"assessment_id": assessment.id})
        step = Wizard.with_user(self.approver).create({"assessment_id": assessment.id})
        for user in (self.assessor, self.staff):
            with self.assertRaises(AccessError):
                step.with_user(user).action_decide()
            with self.assertRaises(AccessError):
                step.with_user(user).write({"granted_level": "consultation"})
        # another approver does not use someone else's approval step either
        with self.assertRaises(AccessError):
            step.with_user(self.approver2).action_decide()
        self._assert_undecided(assessment)

    def test_only_on_assessments_one_may_change(self):
        """The wizard reads its assessment as superuser (related fields): it
        never opens on one its user may not change."""
        other = self.env["res.company"].create({"name": "Other municipality"})
        assessor = self.env["res.users"].create(
            {
                "login": "t_other_assessor",
                "name": "Other assessor",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "group_ids": [
                    (6, 0, self.env.ref("pcve_partners.group_pcve_assessor").ids)
                ],
            }
        )
        partner = self.env["res.partner"].create(
            {"name": "Other club", "pcve_is_partner": True, "company_id": other.id}
        )
        hidden = self.Assessment.with_user(assessor).create(
            {"partner_id": partner.id, "company_id": other.id}
        )
        Wizard = self.env["pcve.assessment.approve.wizard"].with_user(self.approver)
        with self.assertRaises(AccessError):
            Wizard.create({"assessment_id": hidden.id})
        mine = Wizard.create({"assessment_id": self._submitted().id})
        with self.assertRaises(AccessError):
            mine.write({"assessment_id": hidden.id})

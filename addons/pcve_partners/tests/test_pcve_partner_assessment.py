from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PcvePartnersCommon


@tagged("post_install", "-at_install")
class TestPartnerAssessment(PcvePartnersCommon):
    def test_depth(self):
        self.assertEqual(self._assessment().required_depth, "light")
        self.assertEqual(
            self._assessment(requested_level="partnership").required_depth, "full"
        )
        self.assertEqual(self._assessment(funding_involved=True).required_depth, "full")

    def test_criteria_seeded_on_new_assessment(self):
        assessment = self._assessment()
        names = assessment.criterion_line_ids.criterion_id.mapped("name")
        self.assertIn("Sources of funding", names)
        self.assertIn("Subscription to democratic values", names)
        self.assertEqual(len(names), 9)
        self.assertTrue(assessment.name.startswith("PA/"))

    def test_light_assessment_submits_without_ratings(self):
        assessment = self._assessment()
        assessment.action_submit()
        self.assertEqual(assessment.state, "in_review")
        self.assertEqual(assessment.submitted_on, fields.Date.context_today(assessment))

    def test_full_assessment_needs_ratings_sources_and_references(self):
        assessment = self._assessment(requested_level="partnership")
        with self.assertRaisesRule(UserError, "rating and a source"):
            assessment.action_submit()
        assessment.criterion_line_ids.write({"rating": "no_concern"})
        with self.assertRaisesRule(UserError, "rating and a source"):
            assessment.action_submit()
        assessment.criterion_line_ids.write({"source": "Media review"})
        assessment.write(
            {"reference_ids": [(0, 0, {"name": "Ref A", "cross_checked": True})]}
        )
        assessment.write(
            {"reference_ids": [(0, 0, {"name": "Ref B", "cross_checked": False})]}
        )
        with self.assertRaisesRule(UserError, "two references"):
            assessment.action_submit()
        self.assertEqual(assessment.state, "draft")
        assessment.reference_ids.write({"cross_checked": True})
        assessment.action_submit()
        self.assertEqual(assessment.state, "in_review")

    def test_approve_grants_level_and_validity(self):
        assessment = self._assessment(requested_level="consultation")
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        self.assertEqual(assessment.state, "decided")
        self.assertEqual(assessment.outcome, "approved")
        self.assertEqual(assessment.granted_level, "consultation")
        self.assertEqual(assessment.decided_by_id, self.approver)
        today = fields.Date.context_today(assessment)
        self.assertEqual(assessment.valid_until.year, today.year + 2)
        self.assertEqual(self.partner.pcve_collaboration_level, "consultation")

    def test_validity_period_is_configurable(self):
        self.env.company.pcve_assessment_validity_years = 3
        assessment = self._assessment()
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        today = fields.Date.context_today(assessment)
        self.assertEqual(assessment.valid_until.year, today.year + 3)

    def test_four_eyes(self):
        assessment = self._assessment(user=self.approver, assessor_id=self.approver.id)
        assessment.action_submit()
        with self.assertRaisesRule(ValidationError, "Four eyes"):
            assessment.with_user(self.approver).action_approve()
        self.assertEqual(assessment.state, "in_review")
        assessment.with_user(self.approver2).action_approve()
        self.assertEqual(assessment.state, "decided")

    def test_assessor_cannot_decide(self):
        assessment = self._assessment()
        assessment.action_submit()
        with self.assertRaises(AccessError):
            assessment.with_user(self.assessor2).action_approve()
        # Nor by writing the fields directly, as an RPC client could.
        with self.assertRaises(AccessError):
            assessment.with_user(self.assessor2).write(
                {"state": "decided", "outcome": "approved"}
            )
        with self.assertRaises(AccessError):
            assessment.with_user(self.assessor).write({"granted_level": "partnership"})
        self.assertEqual(assessment.state, "in_review")

    def test_no_skipping_states(self):
        assessment = self._assessment()
        with self.assertRaises(UserError):
            assessment.with_user(self.approver).action_approve()
        with self.assertRaises(UserError):
            self._assessment(state="decided")
        with self.assertRaises(AccessError):
            self._assessment(outcome="approved")

    def test_decision_in_own_name(self):
        assessment = self._assessment()
        assessment.action_submit()
        with self.assertRaises(AccessError):
            assessment.with_user(self.approver).write(
                {
                    "state": "decided",
                    "outcome": "approved",
                    "granted_level": "dialogue",
                    "decided_by_id": self.approver2.id,
                }
            )

    def test_funding_requires_active_charter_signature(self):
        assessment = self._assessment(funding_involved=True, funding_amount=1000)
        self._complete(assessment)
        assessment.action_submit()
        with self.assertRaisesRule(ValidationError, "charter"):
            assessment.with_user(self.approver).action_approve()
        # A signature of an older, archived charter does not count.
        old = self.env["pcve.charter"].create({"name": "Old", "active": False})
        self.env["pcve.charter.signature"].create(
            {"partner_id": self.partner.id, "charter_id": old.id, "signatory": "Chair"}
        )
        with self.assertRaisesRule(ValidationError, "charter"):
            assessment.with_user(self.approver).action_approve()
        self._sign_charter()
        assessment.with_user(self.approver).action_approve()
        self.assertEqual(assessment.outcome, "approved")

    def test_serious_concern_forbids_partnership_and_funding(self):
        self._sign_charter()
        for vals in (
            {"requested_level": "partnership"},
            {"requested_level": "dialogue", "funding_involved": True},
        ):
            assessment = self._assessment(**vals)
            self._complete(assessment)
            assessment.criterion_line_ids[:1].rating = "serious_concern"
            assessment.action_submit()
            with self.assertRaisesRule(ValidationError, "serious concern"):
                assessment.with_user(self.approver).action_approve()
            assessment.with_user(self.approver).action_dialogue_only(
                rationale="Welcome in dialogue circles."
            )
            self.assertEqual(assessment.outcome, "dialogue_only")
            self.assertFalse(assessment.granted_level)

    def test_serious_concern_allows_light_approval(self):
        assessment = self._assessment(requested_level="information_sharing")
        assessment.criterion_line_ids[:1].rating = "serious_concern"
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        self.assertEqual(assessment.granted_level, "information_sharing")

    def test_negative_outcomes_need_rationale_and_inform(self):
        for action in ("action_dialogue_only", "action_decline"):
            assessment = self._assessment()
            assessment.action_submit()
            with self.assertRaisesRule(ValidationError, "rationale"):
                getattr(assessment.with_user(self.approver), action)()
            self.assertEqual(assessment.state, "in_review")
            getattr(assessment.with_user(self.approver), action)(
                rationale="Not now; dialogue stays open."
            )
            activity = assessment.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.assessor)
            self.assertEqual(self.partner.pcve_collaboration_level, "none")
            assessment.with_user(self.assessor).action_inform_partner()
            self.assertEqual(
                assessment.partner_informed_date, fields.Date.context_today(assessment)
            )
            self.assertFalse(assessment.activity_ids)
            message = assessment.message_ids.filtered(
                lambda m: self.partner in m.partner_ids
            )
            self.assertTrue(message, "the outcome letter is sent to the partner")
            self.assertIn("dialogue", message[0].body)

    def test_inform_needs_decision_and_email(self):
        assessment = self._assessment()
        with self.assertRaises(UserError):
            assessment.action_inform_partner()
        assessment.action_submit()
        assessment.with_user(self.approver).action_decline(rationale="No.")
        self.partner.email = False
        with self.assertRaisesRule(UserError, "Print letter"):
            assessment.action_inform_partner()
        self.assertFalse(assessment.partner_informed_date)

    def test_cancel(self):
        assessment = self._assessment()
        assessment.action_cancel()
        self.assertEqual(assessment.state, "cancelled")
        assessment.action_reset_to_draft()
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        with self.assertRaises(UserError):
            assessment.action_cancel()

    def test_assessor_fixed_once_submitted(self):
        assessment = self._assessment()
        assessment.action_submit()
        with self.assertRaises(UserError):
            assessment.with_user(self.approver).write(
                {"assessor_id": self.assessor2.id}
            )

    def test_newest_valid_assessment_sets_level_and_lapse(self):
        first = self._assessment(requested_level="consultation")
        first.action_submit()
        first.with_user(self.approver).action_approve()
        second = self._assessment(requested_level="dialogue")
        second.action_submit()
        second.with_user(self.approver).action_approve()
        self.assertEqual(self.partner.pcve_collaboration_level, "dialogue")
        yesterday = fields.Date.context_today(first) - timedelta(days=1)
        # Lapse both via the superuser (as time would), then run the cron.
        (first | second).sudo().write({"valid_until": yesterday})
        self.assertEqual(self.partner.pcve_collaboration_level, "none")

    def test_cron_schedules_reassessment_and_drops_lapsed_level(self):
        today = fields.Date.context_today(self.partner)
        assessment = self._assessment()
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        assessment.sudo().valid_until = today + timedelta(days=10)
        self.Assessment._cron_validity()
        reassess = self.env.ref("pcve_partners.mail_activity_type_reassessment")
        activity = assessment.activity_ids.filtered(
            lambda a: a.activity_type_id == reassess
        )
        self.assertEqual(len(activity), 1)
        self.Assessment._cron_validity()
        self.assertEqual(len(assessment.activity_ids), 1, "not scheduled twice")
        # Time passes without any write: the cron drops the lapsed level.
        self.assertEqual(self.partner.pcve_collaboration_level, "dialogue")
        with freeze_time(today + timedelta(days=11)):
            self.Assessment._cron_validity()
        self.assertEqual(self.partner.pcve_collaboration_level, "none")

    def test_validity_job_works_through_a_backlog_in_batches(self):
        today = fields.Date.context_today(self.partner)
        Cron = self.env.registry["ir.cron"]
        with patch.object(Cron, "_commit_progress", return_value=60.0):
            self.Assessment._cron_validity()  # what the demo data has due
        assessments = self.Assessment
        for _i in range(3):
            assessment = self._assessment()
            assessment.action_submit()
            assessment.with_user(self.approver).action_approve()
            assessments |= assessment
        assessments.sudo().write({"valid_until": today + timedelta(days=10)})
        with patch.object(Cron, "_commit_progress", return_value=60.0) as commit:
            self.assertEqual(self.Assessment._cron_validity(batch_size=2), 3)
        # a commit after each batch, what is left counted down
        self.assertEqual(
            [call.kwargs["remaining"] for call in commit.call_args_list], [1, 0]
        )
        self.assertEqual(len(assessments.activity_ids), 3)
        # nothing due any more: no batch, no commit
        with patch.object(Cron, "_commit_progress", return_value=60.0) as commit:
            self.assertEqual(self.Assessment._cron_validity(), 0)
        self.assertFalse(commit.called)

    def test_funding_amount_rules(self):
        with self.assertRaises(ValidationError):
            self._assessment(funding_involved=True, funding_amount=-5)
        with self.assertRaises(ValidationError):
            self._assessment(funding_involved=False, funding_amount=100)

    def test_content_frozen_once_submitted(self):
        """The approver decides on what was submitted: nothing of it changes
        afterwards, not even over RPC (the form only hides the inputs)."""
        self._sign_charter()
        assessment = self._assessment(requested_level="consultation")
        line = assessment.criterion_line_ids[:1]
        assessment.action_submit()
        for user in (self.assessor, self.approver):
            with self.assertRaisesRule(UserError, "no longer a draft"):
                assessment.with_user(user).write({"funding_involved": True})
            with self.assertRaisesRule(UserError, "no longer a draft"):
                line.with_user(user).write({"rating": "serious_concern"})
            with self.assertRaisesRule(UserError, "no longer a draft"):
                assessment.with_user(user).write(
                    {"reference_ids": [(0, 0, {"name": "Late", "cross_checked": True})]}
                )
        assessment.with_user(self.approver).action_approve()
        with self.assertRaisesRule(UserError, "no longer a draft"):
            assessment.write({"requested_level": "partnership"})
        with self.assertRaisesRule(AccessError, "a decision is taken by an approver"):
            assessment.write(
                {"valid_until": fields.Date.today() + timedelta(days=9999)}
            )
        with self.assertRaisesRule(UserError, "no longer a draft"):
            line.unlink()
        self.assertFalse(assessment.funding_involved)
        self.assertFalse(line.rating)
        # back to draft (before a decision), the assessor changes it again
        other = self._assessment()
        other.action_submit()
        other.action_reset_to_draft()
        other.write({"funding_involved": True, "funding_amount": 500})
        self.assertEqual(other.required_depth, "full")

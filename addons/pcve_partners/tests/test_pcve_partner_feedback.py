from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PcvePartnersRpcCommon

AGREEMENT = "pcve.agreement"
FEEDBACK = "pcve.partner.feedback"
RATINGS = (
    "rating_objectives_clear",
    "rating_acts_on_concerns",
    "rating_not_instrumentalising",
    "rating_transparent_assessment",
    "rating_respects_agenda",
)


@tagged("post_install", "-at_install")
class TestReciprocity(PcvePartnersRpcCommon):
    """A memorandum is signed only once the partner said "collaborate" after
    the approval it rests on; its objectives come from that feedback."""

    def _draft(self):
        assessment = self._assessment()
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        return self._agreement(assessment)

    def test_activation_needs_the_partners_collaborate(self):
        agreement = self._draft()
        rule = "Reciprocity"
        with self.assertRaisesRule(ValidationError, rule):
            agreement.action_activate()
        with self.assertRpcRefused(rule):
            self.rpc(self.assessor, AGREEMENT, "action_activate", agreement.ids)
        # a feedback from before the approval does not count
        yesterday = fields.Date.context_today(agreement) - timedelta(days=1)
        self._feedback(recorded_on=yesterday)
        with self.assertRaisesRule(ValidationError, rule):
            agreement.action_activate()
        # nor another partner's
        other = self.env["res.partner"].create(
            {"name": "Other", "pcve_is_partner": True}
        )
        self._feedback(partner_id=other.id)
        with self.assertRpcRefused(rule):
            self.rpc(self.manager, AGREEMENT, "action_activate", agreement.ids)
        for decision in ("not_now", "no"):
            self._feedback(decision=decision)
            with self.assertRaisesRule(ValidationError, rule):
                agreement.with_user(self.approver).action_activate()
        self._feedback(partner_objectives="<p>Youth work on our own terms</p>")
        self.assertIs(
            self.rpc(self.assessor, AGREEMENT, "action_activate", agreement.ids),
            True,
        )
        self.assertEqual(agreement.state, "active")
        self.assertIn("on our own terms", agreement.partner_objectives)

    def test_newest_feedback_counts(self):
        agreement = self._draft()
        self._feedback()
        self._feedback(decision="no", partner_objectives=False)
        with self.assertRaisesRule(ValidationError, "Reciprocity"):
            agreement.action_activate()

    def test_partner_objectives_are_never_written_by_us(self):
        agreement = self._draft()
        rule = "recorded by the system"
        for user in (self.assessor, self.manager):
            with self.assertRaisesRule(AccessError, rule):
                agreement.with_user(user).write({"partner_objectives": "<p>Ours</p>"})
            with self.assertRpcRefused(rule):
                self.rpc(
                    user,
                    AGREEMENT,
                    "write",
                    agreement.ids,
                    {"partner_objectives": "<p>Ours</p>"},
                )
        self._feedback()
        agreement.action_activate()
        with self.assertRpcRefused(rule):
            self.rpc(
                self.manager,
                AGREEMENT,
                "write",
                agreement.ids,
                {"partner_objectives": "<p>Ours</p>"},
            )
        self.assertIn("own terms", agreement.partner_objectives)


@tagged("post_install", "-at_install")
class TestFeedbackRules(PcvePartnersRpcCommon):
    """Who reads feedback and its ratings; what stays as recorded."""

    def test_ratings_for_approvers_and_managers(self):
        feedback = self._feedback()
        feedback.with_user(self.approver).write(dict.fromkeys(RATINGS, "4"))
        for user in (self.approver, self.manager):
            self.assertEqual(
                feedback.with_user(user).read(RATINGS)[0]["rating_acts_on_concerns"],
                "4",
            )
            record = self.rpc(user, FEEDBACK, "read", feedback.ids, list(RATINGS))
            self.assertEqual(record[0]["rating_respects_agenda"], "4")
        for user in (self.assessor, self.liaison):
            # the feedback, yes; the ratings, no
            self.assertEqual(feedback.with_user(user).decision, "collaborate")
            with self.assertRaises(AccessError):
                feedback.with_user(user).read(["rating_objectives_clear"])
            with self.assertRpcRefused(""):
                self.rpc(
                    user, FEEDBACK, "read", feedback.ids, ["rating_objectives_clear"]
                )
            with self.assertRpcRefused(""):
                self.rpc(
                    user, FEEDBACK, "search", [("rating_objectives_clear", "=", "4")]
                )
            with self.assertRpcRefused(""):
                self.rpc(
                    user,
                    FEEDBACK,
                    "write",
                    feedback.ids,
                    {"rating_objectives_clear": "1"},
                )
        for user in (self.staff, self.employee):
            with self.assertRaises(AccessError):
                feedback.with_user(user).read(["decision"])
            with self.assertRpcRefused(""):
                self.rpc(user, FEEDBACK, "read", feedback.ids, ["decision"])

    def test_what_the_partner_said_stays_as_recorded(self):
        feedback = self._feedback()
        rule = "kept as recorded"
        with self.assertRaisesRule(UserError, rule):
            feedback.with_user(self.manager).write({"decision": "no"})
        for vals in (
            {"decision": "no"},
            {"recorded_on": "2020-01-01"},
            {"partner_id": self.partner.id},
        ):
            with self.assertRpcRefused(rule):
                self.rpc(self.assessor, FEEDBACK, "write", feedback.ids, vals)
        tomorrow = fields.Date.context_today(feedback) + timedelta(days=1)
        with self.assertRaisesRule(ValidationError, "not ahead"):
            self._feedback(recorded_on=tomorrow)
        with self.assertRpcRefused("not ahead"):
            self.rpc(
                self.assessor,
                FEEDBACK,
                "create",
                {
                    "partner_id": self.partner.id,
                    "decision": "collaborate",
                    "recorded_on": str(tomorrow),
                },
            )
        self.assertIs(
            self.rpc(
                self.assessor,
                FEEDBACK,
                "write",
                feedback.ids,
                {"comment": "Asked for a venue"},
            ),
            True,
        )

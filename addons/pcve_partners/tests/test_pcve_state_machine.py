"""The state machine (pcve.state.mixin) of the partners' records: a direct
write, through the ORM or over XML-RPC, obeys the moves and guards of the
buttons."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ASSESSMENT, PcvePartnersRpcCommon

AGREEMENT = "pcve.agreement"
BUTTONS = "set by the buttons of the assessment"


@tagged("post_install", "-at_install")
class TestPartnersStateMachine(PcvePartnersRpcCommon):
    def _approved(self):
        """An approved assessment whose partner then said "collaborate"."""
        assessment = self._assessment()
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        self._feedback()
        return assessment

    def test_models_declare_their_moves(self):
        for name, fname in (("pcve.partner.assessment", "state"), (AGREEMENT, "state")):
            model = self.env[name]
            self.assertIsInstance(model, type(self.env["pcve.state.mixin"]))
            states = {value for value, _label in model._fields[fname].selection}
            moves = model._pcve_moves[fname]
            self.assertLessEqual(set(moves), states, name)
            for targets in moves.values():
                self.assertLessEqual(set(targets), states, name)

    def test_agreement_forbidden_move_refused(self):
        agreement = self._agreement(self._approved())
        self.assertRefusedEverywhere(
            self.assessor,
            agreement,
            {"state": "ended"},
            "cannot go from Draft to Ended",
        )
        agreement.action_activate()
        self.assertRefusedEverywhere(
            self.assessor,
            agreement,
            {"state": "draft"},
            "cannot go from Active to Draft",
        )
        agreement.action_end()
        with self.assertRpcRefused("cannot go from Ended to Active"):
            self.rpc(
                self.assessor, AGREEMENT, "write", agreement.ids, {"state": "active"}
            )
        self.assertEqual(agreement.state, "ended")

    def test_agreement_direct_move_obeys_the_guard(self):
        """Activating needs an approved assessment, by the button or by a
        direct write; once there is one, the direct write moves it."""
        assessment = self._assessment()
        agreement = self._agreement(assessment)
        self.assertRefusedEverywhere(
            self.assessor,
            agreement,
            {"state": "active"},
            "approved assessment",
            ValidationError,
            button="action_activate",
        )
        self.assertEqual(agreement.state, "draft")
        assessment.action_submit()
        assessment.with_user(self.approver).action_approve()
        # the partner's own decision is the second guard of the same move
        self.assertRefusedEverywhere(
            self.assessor,
            agreement,
            {"state": "active"},
            "Reciprocity",
            ValidationError,
        )
        self._feedback()
        self.assertIs(
            self.rpc(
                self.assessor, AGREEMENT, "write", agreement.ids, {"state": "active"}
            ),
            True,
        )
        self.assertEqual(agreement.state, "active")

    def test_agreement_starts_as_draft(self):
        """A new memorandum starts as a draft, or one move further (active,
        under the same rule as the button)."""
        values = {
            "name": "MoU",
            "partner_id": self.partner.id,
            "objectives": "<p>x</p>",
            "state": "ended",
        }
        rule = "cannot start as Ended"
        with self.assertRaisesRule(UserError, rule):
            self.env[AGREEMENT].with_user(self.assessor).create(values)
        with self.assertRpcRefused(rule):
            self.rpc(self.assessor, AGREEMENT, "create", values)
        values["state"] = "active"
        with self.assertRpcRefused("approved assessment"):
            self.rpc(self.assessor, AGREEMENT, "create", values)
        values["assessment_id"] = self._approved().id
        agreement_id = self.rpc(self.assessor, AGREEMENT, "create", values)
        self.assertEqual(self.env[AGREEMENT].browse(agreement_id).state, "active")

    def test_assessment_state_moves_by_its_buttons_only(self):
        """Even a declared move (draft to in review) is refused as a direct
        write: the submission records who submitted and when."""
        assessment = self._assessment()
        self._complete(assessment)
        for state in ("in_review", "cancelled", "decided"):
            self.assertRefusedEverywhere(
                self.assessor, assessment, {"state": state}, BUTTONS, AccessError
            )
        self.assertEqual(assessment.state, "draft")
        self.assertIs(
            self.rpc(self.assessor, ASSESSMENT, "action_submit", assessment.ids), True
        )
        self.assertEqual(assessment.state, "in_review")
        self.assertEqual(assessment.submitted_by_id, self.assessor)

    def test_assessment_button_forbidden_move_and_guards(self):
        full = self._assessment(requested_level="partnership")
        rule = "needs a rating and a source"
        with self.assertRaisesRule(UserError, rule):
            full.action_submit()
        with self.assertRpcRefused(rule):
            self.rpc(self.assessor, ASSESSMENT, "action_submit", full.ids)
        self.assertEqual(full.state, "draft")
        decided = self._approved()
        rule = "A decided assessment cannot be cancelled"
        with self.assertRaisesRule(UserError, rule):
            decided.action_cancel()
        with self.assertRpcRefused(rule):
            self.rpc(self.assessor, ASSESSMENT, "action_cancel", decided.ids)
        with self.assertRpcRefused("cannot go from Decided to Draft"):
            self.rpc(self.assessor, ASSESSMENT, "action_reset_to_draft", decided.ids)
        review = self._assessment()
        review.action_submit()
        rule = "Only approvers decide"
        with self.assertRaisesRule(AccessError, rule):
            review.with_user(self.assessor2).action_approve()
        with self.assertRpcRefused(rule):
            self.rpc(self.assessor2, ASSESSMENT, "action_approve", review.ids)
        self.assertEqual(review.state, "in_review")

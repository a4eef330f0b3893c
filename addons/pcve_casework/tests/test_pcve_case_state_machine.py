"""The stage of a case under the suite's state machine (pcve.state.mixin):
a direct write, through the ORM or over XML-RPC, obeys the moves and guards
of the buttons."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaseworkRpcCommon

WORKFLOW = "moves only with its buttons"
CASE = "pcve.case"


@tagged("post_install", "-at_install")
class TestCaseStateMachine(CaseworkRpcCommon):
    def test_stage_declares_its_moves(self):
        self.assertIsInstance(self.Case, type(self.env["pcve.state.mixin"]))
        self.assertIn("stage", self.Case._pcve_workflow_fields)
        stages = {value for value, _label in self.Case._fields["stage"].selection}
        moves = self.Case._pcve_moves["stage"]
        self.assertEqual(set(moves), stages)
        for targets in moves.values():
            self.assertLessEqual(set(targets), stages)

    def test_forbidden_move_refused_by_direct_write(self):
        """The worker who may press the buttons writes a stage directly:
        refused, a move the buttons never make as well as one they make."""
        case = self.case.with_user(self.worker)
        for vals in ({"stage": "intervention"}, {"stage": "assessment"}):
            self.assertRefusedEverywhere(self.worker, case, vals, WORKFLOW, AccessError)
        with self.assertRaisesRule(UserError, "cannot move from Signal to Monitoring"):
            self.case.sudo().write({"stage": "monitoring"})
        with self.assertRpcRefused("cannot move from Signal to Intervention"):
            self.rpc(self.worker, CASE, "action_start_intervention", [case.id])
        self.assertEqual(case.stage, "signal")

    def test_new_case_starts_as_signal(self):
        values = {"subject_pseudonym": "Wren-state", "stage": "monitoring"}
        with self.assertRaisesRule(AccessError, WORKFLOW):
            self.Case.with_user(self.manager).create(values)
        with self.assertRpcRefused(WORKFLOW):
            self.rpc(self.manager, CASE, "create", values)
        self.assertFalse(self.Case.search([("subject_pseudonym", "=", "Wren-state")]))

    def test_allowed_move_obeys_the_guard(self):
        """Closing needs a reason, by the button over RPC and by the system's
        direct write alike; reopening is a case manager's."""
        rule = "a closure needs a reason"
        with self.assertRpcRefused(rule):
            self.rpc(self.worker, CASE, "action_close", [self.case.id])
        with self.assertRaisesRule(UserError, rule):
            self.case.sudo().write({"stage": "closed"})
        self.assertEqual(self.case.stage, "signal")
        self.case.sudo().write({"stage": "closed", "closure_reason_code": "moved_away"})
        self.assertEqual(self.case.stage, "closed")
        with self.assertRpcRefused("read' access"):
            self.rpc(self.worker, CASE, "action_reopen", [self.case.id])
        rule = "only a case manager can reopen"
        with self.assertRaisesRule(UserError, rule):
            self.case.with_user(self.worker).sudo().write({"stage": "assessment"})
        self.assertIs(
            self.rpc(self.manager, CASE, "action_reopen", [self.case.id]), True
        )
        self.case.invalidate_recordset()
        self.assertEqual(self.case.stage, "assessment")

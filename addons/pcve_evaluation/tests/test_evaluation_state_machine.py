"""The state of a review under the suite's state machine (pcve.state.mixin):
done only through 'Mark done and freeze workbook', never undone, for a direct
write through the ORM or over XML-RPC as for the button."""

import re

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import RPC_USER_ERROR

from .common import EvaluationHttpCommon

REVIEW = "pcve.evaluation.review"
MARK_DONE = re.escape("Only 'Mark done and freeze workbook'")


@tagged("post_install", "-at_install")
class TestEvaluationStateMachine(EvaluationHttpCommon):
    def test_review_declares_its_moves(self):
        Review = self.env[REVIEW]
        self.assertIsInstance(Review, type(self.env["pcve.state.mixin"]))
        self.assertEqual(Review._pcve_moves, {"state": {"draft": {"done": None}}})
        self.assertIn("state", Review._pcve_workflow_fields)
        self.assertFalse(Review._pcve_workflow_superuser)

    def test_direct_write_of_the_state_refused(self):
        """The evaluation manager, who may press the button, writes the state
        directly: refused, the allowed move (draft to done, which would skip
        the frozen workbook) as well as the forbidden one (back to draft)."""
        review = self.review.with_user(self.manager)
        for target in (review, review.sudo()):
            with self.assertRaisesRule(UserError, MARK_DONE):
                target.write({"state": "done"})
        with self.assertRpcRefused(MARK_DONE, codes=(RPC_USER_ERROR,)):
            self.rpc(self.manager, REVIEW, "write", review.ids, {"state": "done"})
        self.assertEqual(review.state, "draft")
        self.assertIs(self.rpc(self.manager, REVIEW, "action_done", review.ids), True)
        review.invalidate_recordset()
        self.assertEqual(review.state, "done")
        self.assertTrue(review.workbook_attachment_id)
        with self.assertRaisesRule(UserError, MARK_DONE):
            review.write({"state": "draft"})
        with self.assertRpcRefused(MARK_DONE, codes=(RPC_USER_ERROR,)):
            self.rpc(self.manager, REVIEW, "write", review.ids, {"state": "draft"})
        with self.assertRpcRefused("is already done", codes=(RPC_USER_ERROR,)):
            self.rpc(self.manager, REVIEW, "action_done", review.ids)
        self.assertEqual(review.state, "done")

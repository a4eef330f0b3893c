import io

from openpyxl import load_workbook

from odoo.tests import TransactionCase, tagged

from ..report.workbook_sheets import SHEETS


@tagged("post_install", "-at_install")
class TestEvaluationDemo(TransactionCase):
    def test_demo_review_is_done_with_its_workbook(self):
        review = self.env.ref(
            "pcve_evaluation.pcve_evaluation_review_past_year_demo",
            raise_if_not_found=False,
        )
        if not review:
            self.skipTest("Demo data not loaded")
        evaluator = self.env.ref("pcve_evaluation.user_evaluator_demo")
        review = review.with_user(evaluator)
        self.assertEqual(review.state, "done")
        workbook = load_workbook(io.BytesIO(review.workbook_attachment_id.raw))
        self.assertEqual(workbook.sheetnames, list(SHEETS))

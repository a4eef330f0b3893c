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

    def test_demo_action_plan_in_implementation(self):
        plan = self.env.ref(
            "pcve_evaluation.pcve_action_plan_lakeside_demo", raise_if_not_found=False
        )
        if not plan:
            self.skipTest("Demo data not loaded")
        self.assertEqual(plan.stage, "implementation")
        self.assertEqual(
            sorted(plan.initiative_ids.mapped("structure_mode")),
            ["adapt", "new", "reuse"],
        )
        staff = self.env.ref("pcve_partners.user_staff_demo")
        self.assertEqual(plan.with_user(staff).initiative_count, 3)

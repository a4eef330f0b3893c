import io

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import EvaluationCommon


@tagged("post_install", "-at_install")
class TestEvaluationReview(EvaluationCommon):
    def test_only_managers_read_reviews(self):
        for user in (self.staff, self.case_manager):
            with self.assertRaises(AccessError):
                self.review.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.env["pcve.evaluation.review"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["pcve.evaluation.review"].with_user(user).create(
                    {
                        "name": "Sneaky",
                        "date_from": self.date_from,
                        "date_to": self.date_to,
                    }
                )
        self.assertEqual(self.review.with_user(self.manager).name, "Review 2031")

    def test_reviews_of_other_companies_are_hidden(self):
        other = self.env["pcve.evaluation.review"].create(
            {
                "name": "Other municipality",
                "date_from": self.date_from,
                "date_to": self.date_to,
                "company_id": self.env.ref("base.main_company").id,
            }
        )
        Review = self.env["pcve.evaluation.review"].with_user(self.manager)
        self.assertNotIn(other, Review.search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.manager).read(["name"])

    def test_period_must_be_ordered(self):
        with self.assertRaises(ValidationError):
            self.review.with_user(self.manager).write(
                {"date_to": self.date_from.replace(year=2030)}
            )

    def test_done_freezes_workbook(self):
        review = self.review.with_user(self.manager)
        review.action_done()
        self.assertEqual(review.state, "done")
        attachment = review.workbook_attachment_id
        self.assertTrue(attachment)
        self.assertEqual(attachment.res_model, "pcve.evaluation.review")
        self.assertEqual(attachment.res_id, review.id)
        workbook = load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(self.find(workbook["Summary"], "State")[1], "Done")
        with self.assertRaises(UserError):
            review.write({"working_rating": "5"})
        with self.assertRaises(UserError):
            review.action_done()
        with self.assertRaises(UserError):
            review.workbook_attachment_id = attachment.copy()
        self.assertEqual(review.workbook_attachment_id, attachment)
        action = review.action_download_workbook()
        self.assertIn(f"/web/content/{attachment.id}", action["url"])
        # The frozen workbook is no more readable than the review itself.
        with self.assertRaises(AccessError):
            attachment.with_user(self.staff).read(["datas"])

    def test_download_draft_generates(self):
        action = self.review.with_user(self.manager).action_download_workbook()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "pcve_evaluation.evaluation_workbook")

import io

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEvaluationTour(HttpCase):
    def test_manager_marks_review_done_and_downloads_workbook(self):
        manager = new_test_user(
            self.env,
            login="pcve_ev_tour",
            groups="pcve_evaluation.group_evaluation_manager",
        )
        today = fields.Date.today()
        review = (
            self.env["pcve.evaluation.review"]
            .with_user(manager)
            .create(
                {
                    "name": "Tour review",
                    "date_from": today - relativedelta(years=1),
                    "date_to": today,
                    "actors_rating": "3",
                    "actors_answer": "Schools are not yet at the table.",
                }
            )
        )
        self.start_tour("/odoo", "pcve_evaluation_manager_tour", login=manager.login)

        self.assertEqual(review.state, "done")
        self.assertEqual(review.credible_rating, "4")
        attachment = review.workbook_attachment_id
        self.assertEqual(attachment.name, "Tour review.xlsx")
        self.assertEqual(
            (attachment.res_model, attachment.res_id), (review._name, review.id)
        )
        self.assertEqual(attachment.create_uid, manager)
        # Downloading, draft or frozen, stores no other workbook.
        self.assertEqual(
            self.env["ir.attachment"].search(
                [("res_model", "=", review._name), ("res_id", "=", review.id)]
            ),
            attachment,
        )
        workbook = load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(workbook.sheetnames[0], "Summary")
        summary = {
            row[0]: row[1:]
            for row in workbook["Summary"].iter_rows(values_only=True)
            if row and row[0]
        }
        self.assertEqual(summary["State"][0], "Done")
        self.assertEqual(
            summary["Is it credible?"][:2],
            (4, "Partners who did not pass still take part in the dialogue."),
        )
        self.assertEqual(summary["Are all relevant actors included?"][0], 3)

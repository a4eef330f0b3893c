import datetime
import io

from openpyxl import load_workbook

from odoo.tests import HttpCase, TransactionCase, new_test_user

from odoo.addons.pcve_base.tests.common import RpcCase

REPORT = "pcve_evaluation.evaluation_workbook"


class EvaluationCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company of its own: the demo cases stay out of the figures.
        cls.company = cls.env["res.company"].create({"name": "Gemeente Testdam"})
        cls.manager = new_test_user(
            cls.env,
            login="pcve_ev_manager",
            groups="pcve_evaluation.group_evaluation_manager",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.staff = new_test_user(
            cls.env, login="pcve_ev_staff", groups="pcve_partners.group_pcve_user"
        )
        cls.case_manager = new_test_user(
            cls.env,
            login="pcve_ev_case_manager",
            groups="pcve_casework.group_case_manager",
        )
        # A period of its own, far from demo data.
        cls.date_from = datetime.date(2031, 1, 1)
        cls.date_to = datetime.date(2031, 12, 31)
        cls.review = (
            cls.env["pcve.evaluation.review"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Review 2031",
                    "date_from": cls.date_from,
                    "date_to": cls.date_to,
                    "actors_rating": "4",
                    "actors_answer": "Youth clubs joined in spring.",
                    "working_rating": "3",
                }
            )
        )

    def render(self, review=None, user=None):
        review = review or self.review
        report = self.env["ir.actions.report"].with_user(user or self.manager)
        content, report_type = report._render(REPORT, review.ids)
        self.assertEqual(report_type, "xlsx")
        return load_workbook(io.BytesIO(content))

    @staticmethod
    def find(sheet, label, column=1):
        """The row of the first cell of column A equal to label, as a list."""
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] == label:
                return list(row)
        raise AssertionError(f"{label!r} not found in sheet {sheet.title}")


class EvaluationHttpCommon(EvaluationCommon, RpcCase, HttpCase):
    """The same, with the server running: calls over XML-RPC as a user."""

from odoo import models
from odoo.exceptions import AccessError, UserError

from .workbook_figures import WorkbookFigures
from .workbook_sheets import WorkbookSheets


class ReportEvaluationWorkbook(models.AbstractModel):
    """The evaluation workbook of a review, one sheet per part of the programme.

    Only evaluation managers may run it: the check below guards every entry,
    the /report/xlsx route included. It calls two plain collaborators:
    :class:`WorkbookFigures` reads the figures from the addons that own the
    records (see ``pcve.figures.mixin``): counts, sums and medians, never
    names, pseudonyms, notes or free text of cases, each one aggregate query
    whatever the number of records; it applies disclosure control.
    :class:`WorkbookSheets` writes them, sheet by sheet.
    """

    _name = "report.pcve_evaluation.evaluation_workbook"
    _inherit = "report.report_xlsx.abstract"
    _description = "Evaluation workbook"

    def _check_evaluation_manager(self):
        if not self.env.user.has_group("pcve_evaluation.group_evaluation_manager"):
            raise AccessError(
                self.env._("Only evaluation managers can run the evaluation workbook.")
            )

    def create_xlsx_report(self, docids, data):
        """A done review gives its frozen workbook, byte for byte, on every
        route (the print menu, /report/xlsx/...): never one built again from
        today's data; only action_done renders it. The workbook is written in
        the language of the request, or else in the user's own language."""
        self._check_evaluation_manager()
        reviews = self.env["pcve.evaluation.review"].browse(docids)
        frozen = len(reviews) == 1 and reviews.state == "done"
        if frozen and not reviews._pcve_in_workflow():
            return reviews._pcve_frozen_workbook().raw, "xlsx"
        lang = self.env.context.get("lang") or self.env.user.lang
        report = self.with_context(lang=lang, active_model=reviews._name)
        return super(ReportEvaluationWorkbook, report).create_xlsx_report(docids, data)

    def get_workbook_options(self):
        """Whole sheets, not XlsxWriter's constant-memory mode: a fifth less
        time at the largest municipality (shared strings instead of escaping
        every cell inline) for 7 MB more (bench, issue #21), and charts
        that cache their values."""
        return {
            "constant_memory": False,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        }

    def generate_xlsx_report(self, workbook, data, objs):
        self._check_evaluation_manager()
        if len(objs) != 1:
            raise UserError(self.env._("The workbook is generated for one review."))
        review = objs
        review.check_access("read")
        # Figures and rows are read with SQL: pending changes go first.
        self.env.flush_all()
        figures = WorkbookFigures(self.env, review)
        return WorkbookSheets(self.env, workbook, figures).write_workbook()

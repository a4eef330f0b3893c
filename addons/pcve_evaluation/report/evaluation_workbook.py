from odoo import models
from odoo.exceptions import AccessError, UserError
from odoo.tools import LazyTranslate

from .workbook_tools import (
    NOT_AVAILABLE,
    SUPPRESSED,
    Disclosure,
    SheetWriter,
    safe_text,
    sheet_name,
)

_lt = LazyTranslate(__name__)

SHEETS = (
    "Summary",
    "Partners",
    "Network",
    "Cases",
    "Safe spaces",
    "Concerns",
    "Crisis response",
    "Method",
)
# The sheet names in the reader's language (the keys above stay English).
SHEET_TITLES = {
    "Summary": _lt("Summary"),
    "Partners": _lt("Partners"),
    "Network": _lt("Network"),
    "Cases": _lt("Cases"),
    "Safe spaces": _lt("Safe spaces"),
    "Concerns": _lt("Concerns"),
    "Crisis response": _lt("Crisis response"),
    "Method": _lt("Method"),
}

SHEET_WIDTHS = {
    "Summary": (40, 14, 90),
    "Concerns": (40, 18, 30, 12, 12, 14, 12, 80),
    "Method": (36, 120),
}


def _labels(model, fname):
    return dict(model._fields[fname]._description_selection(model.env))


class ReportEvaluationWorkbook(models.AbstractModel):
    """The evaluation workbook of a review, one sheet per part of the programme.

    Only evaluation managers may run it: the check below guards every entry,
    the /report/xlsx route included. The figures come from the addons that
    own the records (``_figures_*``, see ``pcve.figures.mixin``): counts,
    sums and medians, never names, pseudonyms, notes or free text of cases.
    Every figure is one aggregate query, whatever the number of records.
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
        return {
            "constant_memory": True,
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
        disclosure = Disclosure(
            review.company_id._pcve_setting("pcve_disclosure_threshold")
        )
        scope = self._scope(review)
        figures = {
            "partners": self._figures_partners(scope),
            "cases": self._figures_cases(scope),
            "sessions": self._figures_sessions(scope),
            "concerns": self._figures_concerns(scope),
            "crises": self._figures_crises(scope),
        }
        figures["network"] = self._figures_network(
            scope, figures["partners"], figures["sessions"]
        )
        protected = {
            "cases": self._protect_cases(figures["cases"], disclosure),
            "people": self._protect_people(figures, disclosure),
        }
        formats = self._workbook_formats(workbook)
        workbook.set_properties(
            {
                "title": safe_text(review.name),
                "subject": self.env._("P/CVE evaluation workbook"),
            }
        )
        labels = {
            True: self.env._("yes"),
            False: self.env._("no"),
            SUPPRESSED: self.env._("(suppressed)"),
            NOT_AVAILABLE: self.env._("n/a"),
        }
        writers, taken = {}, []
        for key in SHEETS:
            name = sheet_name(self.env._(SHEET_TITLES[key]), taken)
            taken.append(name)
            writers[key] = SheetWriter(
                workbook, formats, name, SHEET_WIDTHS.get(key), labels
            )
        self._write_summary(writers["Summary"], workbook, review, figures, protected)
        self._write_partners(writers["Partners"], figures["partners"])
        self._write_network(writers["Network"], figures["network"], protected)
        self._write_cases(
            writers["Cases"], figures["cases"], protected["cases"], disclosure
        )
        self._write_sessions(writers["Safe spaces"], figures["sessions"], protected)
        self._write_concerns(writers["Concerns"], figures["concerns"])
        self._write_crises(writers["Crisis response"], figures["crises"])
        self._write_method(writers["Method"], review, disclosure)
        return True

    def _workbook_formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "bottom": 1}
            ),
            "bold": workbook.add_format({"bold": True}),
            "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "percent": workbook.add_format({"num_format": "0.0%"}),
        }

    def _protect_cases(self, figures, disclosure):
        """Cases by stage, source and type: three breakdowns of one population.

        New signals and closures are subsets that can equal a cell or the
        total: unless zero, they are suppressed whenever the total is.
        """
        labels = figures["labels"]
        keys = {name: list(labels[name]) for name in ("stage", "source", "type")}
        parts = [
            [figures["by_" + name].get(key, 0) for key in keys[name]]
            for name in ("stage", "source", "type")
        ]
        written, total = disclosure.protect(*parts)
        closed = disclosure.cell(figures["closed"])
        signalled = disclosure.cell(figures["signalled"])
        if total == SUPPRESSED:
            closed = closed and SUPPRESSED
            signalled = signalled and SUPPRESSED
        return {
            "keys": keys,
            "cells": written,
            "total": total,
            "signalled": signalled,
            "closed": closed,
        }

    def _protect_people(self, figures, disclosure):
        """Attendance, women and youth, each broken down by format, level,
        community and topic. Communities and topics overlap, yet a session
        often has one: they are protected as breakdowns of the same total.
        """
        sessions = figures["sessions"]
        keys = {name: list(sessions["labels"][name]) for name in ("format", "level")}
        protected = {}
        for index in (1, 2, 3):
            parts = [
                [
                    sessions["by_" + name].get(key, (0, 0, 0, 0))[index]
                    for key in keys[name]
                ]
                for name in ("format", "level")
            ]
            parts.append([row[3 + index] for row in figures["network"]["communities"]])
            parts.append([row[1 + index] for row in sessions["by_topic"]])
            protected[index] = disclosure.protect(*parts)
        return protected

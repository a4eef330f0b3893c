import datetime

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, html2plaintext

from ..models.pcve_evaluation_review import QUESTIONS
from .workbook_tools import (
    NOT_AVAILABLE,
    SUPPRESSED,
    Disclosure,
    SheetWriter,
    safe_text,
)

THRESHOLD_PARAM = "pcve_evaluation.disclosure_threshold"
DEFAULT_THRESHOLD = 4
REASSESSMENT_HORIZON_DAYS = 90
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

SHEET_WIDTHS = {
    "Summary": (40, 14, 90),
    "Concerns": (40, 18, 30, 12, 12, 14, 12, 80),
    "Method": (36, 120),
}


def _labels(model, fname):
    return dict(model._fields[fname]._description_selection(model.env))


def _keyed(groups):
    """{group key: aggregates} from a _read_group result."""
    return {group[0]: group[1:] if len(group) > 2 else group[1] for group in groups}


class ReportEvaluationWorkbook(models.AbstractModel):
    """The evaluation workbook of a review, one sheet per part of the programme.

    Only evaluation managers may run it: the check below guards every entry,
    the /report/xlsx route included. The figures are aggregates over models
    that evaluation managers may not read (cases, confidential sessions): the
    ``_figures_*`` helpers read them with ``sudo()`` and return counts, sums
    and medians only, never names, pseudonyms, notes or free text of cases.
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
        self._check_evaluation_manager()
        return super().create_xlsx_report(docids, data)

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
        disclosure = Disclosure(self._threshold())
        scope = self._scope(review)
        figures = {
            "partners": self._figures_partners(scope),
            "network": self._figures_network(scope),
            "cases": self._figures_cases(scope),
            "sessions": self._figures_sessions(scope),
            "concerns": self._figures_concerns(scope),
            "crises": self._figures_crises(scope),
        }
        protected = {
            "cases": self._protect_cases(figures["cases"], disclosure),
            "people": self._protect_people(figures, disclosure),
        }
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "bottom": 1}
            ),
            "bold": workbook.add_format({"bold": True}),
            "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "percent": workbook.add_format({"num_format": "0.0%"}),
        }
        workbook.set_properties(
            {"title": safe_text(review.name), "subject": "P/CVE evaluation workbook"}
        )
        writers = {
            name: SheetWriter(workbook, formats, name, SHEET_WIDTHS.get(name))
            for name in SHEETS
        }
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

    # ------------------------------------------------------------------
    # Scope and aggregates (sudo: counts only)
    # ------------------------------------------------------------------

    def _threshold(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(THRESHOLD_PARAM, DEFAULT_THRESHOLD)
        )
        try:
            return max(int(value), 1)
        except ValueError:
            return DEFAULT_THRESHOLD

    def _scope(self, review):
        start = datetime.datetime.combine(review.date_from, datetime.time.min)
        end = datetime.datetime.combine(
            review.date_to + datetime.timedelta(days=1), datetime.time.min
        )
        return {
            "date_from": review.date_from,
            "date_to": review.date_to,
            "start": start,
            "end": end,
            "company": review.company_id,
            "community_ids": review.community_ids.ids,
        }

    def _median(self, model, domain, expr, groupby=None):
        """Median of an SQL expression over the records of a domain (sudo)."""
        query = model._search(domain)
        group_sql = SQL.identifier(groupby) if groupby else SQL("NULL")
        self.env.cr.execute(
            SQL(
                "SELECT %s, percentile_cont(0.5) WITHIN GROUP (ORDER BY %s)"
                " FROM %s WHERE id IN %s AND %s IS NOT NULL GROUP BY 1",
                group_sql,
                expr,
                SQL.identifier(model._table),
                query.subselect(),
                expr,
            )
        )
        return dict(self.env.cr.fetchall())

    def _partner_domain(self, scope):
        domain = [
            ("pcve_is_partner", "=", True),
            ("company_id", "in", [scope["company"].id, False]),
        ]
        if scope["community_ids"]:
            domain.append(("pcve_community_ids", "in", scope["community_ids"]))
        return domain

    def _active_partner_domain(self, scope):
        return self._partner_domain(scope) + [
            "|",
            ("pcve_engagement_stage", "=", "collaboration"),
            ("pcve_collaboration_level", "not in", ["none", False]),
        ]

    def _session_domain(self, scope):
        domain = [
            ("state", "=", "held"),
            ("start", ">=", scope["start"]),
            ("start", "<", scope["end"]),
            ("company_id", "in", [scope["company"].id, False]),
        ]
        if scope["community_ids"]:
            domain.append(("community_ids", "in", scope["community_ids"]))
        return domain

    def _figures_partners(self, scope):
        Partner = self.env["res.partner"].sudo()
        Assessment = self.env["pcve.partner.assessment"].sudo()
        partner_domain = self._partner_domain(scope)
        community_domain = (
            [("partner_id.pcve_community_ids", "in", scope["community_ids"])]
            if scope["community_ids"]
            else []
        )
        decided = [
            ("company_id", "=", scope["company"].id),
            ("state", "=", "decided"),
            ("decision_date", ">=", scope["date_from"]),
            ("decision_date", "<=", scope["date_to"]),
            *community_domain,
        ]
        horizon = scope["date_to"] + datetime.timedelta(days=REASSESSMENT_HORIZON_DAYS)
        due = [
            ("company_id", "=", scope["company"].id),
            ("state", "=", "decided"),
            ("outcome", "=", "approved"),
            ("valid_until", ">=", scope["date_from"]),
            ("valid_until", "<=", horizon),
            *community_domain,
        ]
        signed = [
            ("signed_on", ">=", scope["date_from"]),
            ("signed_on", "<=", scope["date_to"]),
            *[("partner_id." + leaf[0], *leaf[1:]) for leaf in partner_domain],
        ]
        agreements = [
            ("company_id", "=", scope["company"].id),
            ("state", "=", "active"),
            ("date_start", "<=", scope["date_to"]),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", scope["date_from"]),
            *community_domain,
        ]
        by_depth = Assessment._read_group(
            decided, ["outcome", "required_depth"], ["__count"]
        )
        return {
            "by_type": _keyed(
                Partner._read_group(partner_domain, ["pcve_org_type"], ["__count"])
            ),
            "by_level": _keyed(
                Partner._read_group(
                    partner_domain, ["pcve_collaboration_level"], ["__count"]
                )
            ),
            "by_outcome_depth": {(o, d): n for o, d, n in by_depth},
            # Backdated records (decided before they were created) are left out.
            "median_days": self._median(
                Assessment,
                decided,
                SQL(
                    "CASE WHEN decision_date >= create_date::date"
                    " THEN decision_date - create_date::date END"
                ),
            ).get(None),
            "charters_signed": self.env["pcve.charter.signature"]
            .sudo()
            ._read_group(signed, [], ["__count"])[0][0],
            "agreements_active": self.env["pcve.agreement"]
            .sudo()
            ._read_group(agreements, [], ["__count"])[0][0],
            "reassessments_due": Assessment._read_group(due, [], ["__count"])[0][0],
            "labels": {
                "type": _labels(Partner, "pcve_org_type"),
                "level": _labels(Partner, "pcve_collaboration_level"),
                "outcome": _labels(Assessment, "outcome"),
                "depth": _labels(Assessment, "required_depth"),
            },
        }

    def _figures_network(self, scope):
        Community = self.env["pcve.community"].sudo()
        Session = self.env["pcve.safespace.session"].sudo()
        community_domain = [("company_id", "in", [scope["company"].id, False])]
        if scope["community_ids"]:
            community_domain.append(("id", "in", scope["community_ids"]))
        communities = Community.search_fetch(community_domain, ["name", "is_majority"])
        partners = _keyed(
            self.env["res.partner"]
            .sudo()
            ._read_group(
                self._active_partner_domain(scope), ["pcve_community_ids"], ["__count"]
            )
        )
        session_domain = self._session_domain(scope)
        sessions = _keyed(
            Session._read_group(
                session_domain,
                ["community_ids"],
                [
                    "__count",
                    "attendance_count:sum",
                    "attendance_women:sum",
                    "attendance_youth:sum",
                ],
            )
        )
        return {
            "communities": [
                (community.name, community.is_majority, partners.get(community, 0))
                + tuple(sessions.get(community, (0, 0, 0, 0)))
                for community in communities
            ],
            "sessions": Session._read_group(session_domain, [], ["__count"])[0][0],
            "with_women": Session._read_group(
                session_domain + [("attendance_women", ">", 0)], [], ["__count"]
            )[0][0],
            "with_youth": Session._read_group(
                session_domain + [("attendance_youth", ">", 0)], [], ["__count"]
            )[0][0],
        }

    def _case_domain(self, scope):
        return [
            ("company_id", "=", scope["company"].id),
            ("signal_date", "<=", scope["date_to"]),
            "|",
            ("closed_on", "=", False),
            ("closed_on", ">=", scope["date_from"]),
        ]

    def _figures_cases(self, scope):
        Case = self.env["pcve.case"].sudo()
        domain = self._case_domain(scope)
        closed = [
            ("company_id", "=", scope["company"].id),
            ("stage", "=", "closed"),
            ("closed_on", ">=", scope["date_from"]),
            ("closed_on", "<=", scope["date_to"]),
        ]
        signalled = [
            ("company_id", "=", scope["company"].id),
            ("signal_date", ">=", scope["date_from"]),
            ("signal_date", "<=", scope["date_to"]),
        ]
        reason = Case._fields["closure_reason"]
        # Free-text reasons are never exported: only a selection is grouped.
        closures = Case._read_group(
            closed,
            ["closure_reason"] if reason.type == "selection" else [],
            ["__count"],
        )
        query = Case._search(domain)
        self.env.cr.execute(
            SQL(
                """
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY assessment_on - signal_date),
                       count(assessment_on),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY intervention_on - assessment_on),
                       count(intervention_on),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY monitoring_on - intervention_on),
                       count(monitoring_on),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_on - monitoring_on),
                       count(closed_on) FILTER (WHERE monitoring_on IS NOT NULL)
                  FROM pcve_case WHERE id IN %s
                """,
                query.subselect(),
            )
        )
        medians = self.env.cr.fetchone()
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*), count(*) FILTER (WHERE paired)
                  FROM (
                    SELECT volunteer.case_id, bool_and(EXISTS (
                        SELECT 1 FROM pcve_case_member professional
                         WHERE professional.case_id = volunteer.case_id
                           AND professional.role IN ('psychologist', 'social_worker')
                           AND professional.date_start <= volunteer.date_start
                           AND COALESCE(professional.date_end, 'infinity'::date)
                               >= COALESCE(volunteer.date_end, 'infinity'::date)
                    )) AS paired
                      FROM pcve_case_member volunteer
                     WHERE volunteer.role = 'faith_volunteer'
                       AND volunteer.case_id IN %s
                     GROUP BY volunteer.case_id
                  ) AS cases
                """,
                query.subselect(),
            )
        )
        with_volunteer, paired = self.env.cr.fetchone()
        return {
            "by_stage": _keyed(Case._read_group(domain, ["stage"], ["__count"])),
            "by_source": _keyed(
                Case._read_group(domain, ["signal_source"], ["__count"])
            ),
            "by_type": _keyed(Case._read_group(domain, ["concern_type"], ["__count"])),
            "medians": [medians[index : index + 2] for index in range(0, 8, 2)],
            "signalled": Case._read_group(signalled, [], ["__count"])[0][0],
            "with_volunteer": with_volunteer,
            "paired": paired,
            "closures": [tuple(group) for group in closures],
            "labels": {
                "stage": _labels(Case, "stage"),
                "source": _labels(Case, "signal_source"),
                "type": _labels(Case, "concern_type"),
                "reason": _labels(Case, "closure_reason")
                if reason.type == "selection"
                else {},
            },
        }

    def _figures_sessions(self, scope):
        Session = self.env["pcve.safespace.session"].sudo()
        domain = self._session_domain(scope)
        people = [
            "__count",
            "attendance_count:sum",
            "attendance_women:sum",
            "attendance_youth:sum",
        ]
        return {
            "by_format": _keyed(Session._read_group(domain, ["format"], people)),
            "by_level": _keyed(Session._read_group(domain, ["level"], people)),
            "by_topic": [
                (topic.name if topic else None, *values)
                for topic, *values in Session._read_group(domain, ["topic_ids"], people)
            ],
            "recurring": Session._read_group(
                domain + [("series_id", "!=", False)], [], ["__count"]
            )[0][0],
            "neutral": Session._read_group(
                domain + [("venue_id.is_neutral", "=", True)], [], ["__count"]
            )[0][0],
            "totals": Session._read_group(domain, [], people)[0],
            "labels": {
                "format": _labels(Session, "format"),
                "level": _labels(Session, "level"),
            },
        }

    def _concern_domain(self, scope):
        domain = [
            ("raised_on", ">=", scope["date_from"]),
            ("raised_on", "<=", scope["date_to"]),
            ("company_id", "in", [scope["company"].id, False]),
        ]
        if scope["community_ids"]:
            domain.append(("community_id", "in", scope["community_ids"]))
        return domain

    def _figures_concerns(self, scope):
        """Concern figures and the row-level list (no personal names)."""
        Concern = self.env["pcve.concern"].sudo()
        domain = self._concern_domain(scope)
        query = Concern._search(domain)
        self.env.cr.execute(
            SQL(
                """
                SELECT topic, count(*),
                       count(*) FILTER (WHERE responded_on IS NOT NULL),
                       count(*) FILTER (WHERE reported_back),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_response)
                           FILTER (WHERE responded_on IS NOT NULL)
                  FROM pcve_concern WHERE id IN %s
                 GROUP BY topic ORDER BY topic
                """,
                query.subselect(),
            )
        )
        by_topic = self.env.cr.fetchall()
        concerns = Concern.search_fetch(
            domain,
            ["name", "topic", "community_id", "raised_on", "responded_on", "state"]
            + ["response", "reported_back"],
            order="raised_on, id",
        )
        concerns.community_id.fetch(["name"])
        return {
            "by_topic": by_topic,
            "rows": concerns,
            "labels": {
                "topic": _labels(Concern, "topic"),
                "state": _labels(Concern, "state"),
            },
        }

    def _figures_crises(self, scope):
        if "pcve.crisis" not in self.env:
            return None
        Crisis = self.env["pcve.crisis"].sudo()
        crises = Crisis.search_fetch(
            [
                ("incident_date", ">=", scope["start"]),
                ("incident_date", "<", scope["end"]),
                ("company_id", "in", [scope["company"].id, False]),
            ],
            ["name", "incident_date", "tension_level", "hours_to_first_dialogue"],
            order="incident_date, id",
        )
        task_model = Crisis._fields["task_ids"].comodel_name
        tasks = (
            self.env[task_model]
            .sudo()
            ._read_group(
                [("crisis_id", "in", crises.ids)], ["crisis_id", "done"], ["__count"]
            )
        )
        session_field = Crisis._fields["session_ids"].inverse_name
        sessions = _keyed(
            self.env["pcve.safespace.session"]
            .sudo()
            ._read_group(
                [(session_field, "in", crises.ids), ("state", "=", "held")],
                [session_field],
                ["__count"],
            )
        )
        task_counts = {}
        for crisis, done, count in tasks:
            total_done = task_counts.setdefault(crisis, [0, 0])
            total_done[0] += count
            total_done[1] += count if done else 0
        return {
            "rows": crises,
            "tasks": task_counts,
            "sessions": sessions,
            "labels": {"tension": _labels(Crisis, "tension_level")},
        }

    # ------------------------------------------------------------------
    # Sheets
    # ------------------------------------------------------------------

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
        closures, closed = disclosure.protect(
            [group[-1] for group in figures["closures"]]
        )
        signalled = disclosure.cell(figures["signalled"])
        if total == SUPPRESSED:
            closures = [[cell and SUPPRESSED for cell in closures[0]]]
            closed = closed and SUPPRESSED
            signalled = signalled and SUPPRESSED
        return {
            "keys": keys,
            "cells": written,
            "total": total,
            "signalled": signalled,
            "closures": closures[0],
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

    def _write_summary(self, sheet, workbook, review, figures, protected):
        partners, sessions = figures["partners"], figures["sessions"]
        concerns, crises = figures["concerns"], figures["crises"]
        concern_totals = [
            sum(row[i] for row in concerns["by_topic"]) for i in (1, 2, 3)
        ]
        activity = (
            sessions["totals"][0]
            + concern_totals[0]
            + figures["cases"]["signalled"]
            + sum(group[-1] for group in figures["cases"]["closures"])
            + sum(partners["by_outcome_depth"].values())
            + (len(crises["rows"]) if crises else 0)
        )
        sheet.title(self.env._("Evaluation review: %(name)s", name=review.name))
        sheet.write_row([self.env._("Period"), review.date_from, review.date_to])
        sheet.write_row([self.env._("Company"), review.company_id.name])
        sheet.write_row(
            [
                self.env._("Communities"),
                ", ".join(review.community_ids.mapped("name"))
                or self.env._("All communities"),
            ]
        )
        sheet.write_row([self.env._("State"), _labels(review, "state")[review.state]])
        if not activity:
            sheet.write_row(
                [self.env._("No activity was recorded in this period.")], "bold"
            )
        first_question = (
            sheet.heading(
                self.env._("Question"), self.env._("Rating (1-5)"), self.env._("Answer")
            )
            + 1
        )
        for key, question in QUESTIONS:
            rating = review[f"{key}_rating"]
            sheet.write_row(
                [
                    question,
                    int(rating) if rating else None,
                    review[f"{key}_answer"] or None,
                ]
            )
        sheet.write_row(
            [self.env._("Findings"), None, html2plaintext(review.findings or "")]
        )
        rows = [
            (self.env._("Partners mapped"), sum(partners["by_type"].values())),
            (
                self.env._("Partners with a collaboration level"),
                sum(
                    count
                    for level, count in partners["by_level"].items()
                    if level not in (False, "none")
                ),
            ),
            (
                self.env._("Assessments decided"),
                sum(partners["by_outcome_depth"].values()),
            ),
            (self.env._("Memoranda active"), partners["agreements_active"]),
            (self.env._("Safe-space sessions held"), sessions["totals"][0]),
            (self.env._("Attendance (people)"), protected["people"][1][1]),
            (self.env._("Concerns raised"), concern_totals[0]),
            (self.env._("Concerns responded"), concern_totals[1]),
            (self.env._("Concerns reported back"), concern_totals[2]),
            (self.env._("Cases in the period"), protected["cases"]["total"]),
            (
                self.env._("Crises"),
                len(crises["rows"]) if crises is not None else NOT_AVAILABLE,
            ),
        ]
        sheet.table([self.env._("Key figure"), self.env._("Value")], rows)
        formats = list(sessions["labels"]["format"].items())
        first_format = (
            sheet.heading(self.env._("Sessions by format"), self.env._("Sessions")) + 1
        )
        for key, label in formats:
            sheet.write_row([label, sessions["by_format"].get(key, (0,))[0]])
        self._add_chart(
            workbook,
            sheet,
            self.env._("Ratings of the four questions"),
            (first_question, first_question + len(QUESTIONS) - 1),
            (first_question, 3),
        )
        self._add_chart(
            workbook,
            sheet,
            self.env._("Safe-space sessions by format"),
            (first_format, first_format + len(formats) - 1),
            (first_question + 16, 3),
        )

    def _add_chart(self, workbook, sheet, title, rows, anchor):
        """A native column chart of column B against the labels in column A."""
        chart = workbook.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": title,
                "categories": [sheet.name, rows[0], 0, rows[1], 0],
                "values": [sheet.name, rows[0], 1, rows[1], 1],
            }
        )
        chart.set_title({"name": title})
        chart.set_legend({"none": True})
        sheet.sheet.insert_chart(*anchor, chart)

    def _write_partners(self, sheet, figures):
        labels = figures["labels"]
        sheet.title(self.env._("Partners"))
        sheet.table(
            [self.env._("Type of partner"), self.env._("Partners")],
            [
                (label, figures["by_type"].get(key, 0))
                for key, label in labels["type"].items()
            ],
        )
        sheet.table(
            [self.env._("Collaboration level"), self.env._("Partners")],
            [
                (label, figures["by_level"].get(key, 0))
                for key, label in labels["level"].items()
            ],
        )
        sheet.table(
            [self.env._("Assessment outcome")]
            + [labels["depth"][depth] for depth in labels["depth"]],
            [
                (
                    label,
                    *(
                        figures["by_outcome_depth"].get((key, d), 0)
                        for d in labels["depth"]
                    ),
                )
                for key, label in labels["outcome"].items()
            ],
        )
        median = figures["median_days"]
        sheet.table(
            [self.env._("Figure"), self.env._("Value")],
            [
                (
                    self.env._("Median days from submission to decision"),
                    median if median is not None else NOT_AVAILABLE,
                ),
                (self.env._("Charters signed"), figures["charters_signed"]),
                (self.env._("Memoranda active"), figures["agreements_active"]),
                (self.env._("Re-assessments due"), figures["reassessments_due"]),
            ],
        )

    def _write_network(self, sheet, figures, protected):
        sheet.title(self.env._("Network"))
        communities = figures["communities"]
        people = [protected["people"][index][0][2] for index in (1, 2, 3)]
        sheet.table(
            [
                self.env._("Community"),
                self.env._("Majority"),
                self.env._("Active partners"),
                self.env._("Sessions held"),
                self.env._("Attendance"),
                self.env._("Women"),
                self.env._("Youth"),
            ],
            [
                (name, majority, partners, sessions)
                + tuple(cells[row_index] for cells in people)
                for row_index, (name, majority, partners, sessions, *_people) in (
                    enumerate(communities)
                )
            ],
        )
        covered = [row for row in communities if row[2]]
        visited = [row for row in communities if row[3]]
        majority = [row for row in communities if row[1]]
        sessions = figures["sessions"]
        sheet.table(
            [self.env._("Coverage"), self.env._("Value")],
            [
                (self.env._("Communities"), len(communities)),
                (self.env._("Communities with an active partner"), len(covered)),
                (self.env._("Communities reached by sessions"), len(visited)),
                (
                    self.env._("Majority community with an active partner"),
                    any(row[2] for row in majority),
                ),
                (
                    self.env._("Majority community reached by sessions"),
                    any(row[3] for row in majority),
                ),
                (self.env._("Sessions held"), sessions),
                (
                    self.env._("Share of sessions with women present"),
                    figures["with_women"] / sessions if sessions else NOT_AVAILABLE,
                ),
                (
                    self.env._("Share of sessions with youth present"),
                    figures["with_youth"] / sessions if sessions else NOT_AVAILABLE,
                ),
            ],
            percent_cols=(1,),
        )

    def _write_cases(self, sheet, figures, protected, disclosure):
        sheet.title(self.env._("Cases (counts only)"))
        keys = protected["keys"]
        for name, cells, header in zip(
            ("stage", "source", "type"),
            protected["cells"],
            (
                self.env._("Stage"),
                self.env._("Signal source"),
                self.env._("Concern type (all forms of extremism)"),
            ),
            strict=True,
        ):
            rows = [
                (figures["labels"][name][key], cell)
                for key, cell in zip(keys[name], cells, strict=True)
            ]
            sheet.table(
                [header, self.env._("Cases")],
                rows + [(self.env._("Total"), protected["total"])],
            )
        steps = list(figures["labels"]["stage"].values())
        # Counts per step would give stage cells away: medians only, hidden
        # when they describe few cases.
        sheet.table(
            [self.env._("Step"), self.env._("Median days")],
            [
                (
                    f"{steps[index]} → {steps[index + 1]}",
                    NOT_AVAILABLE
                    if median is None
                    else (SUPPRESSED if disclosure.is_small(count) else median),
                )
                for index, (median, count) in enumerate(figures["medians"])
            ],
        )
        sheet.table(
            [self.env._("Pairing (target 100%)"), self.env._("Value")],
            [
                (self.env._("New signals in the period"), protected["signalled"]),
                (
                    self.env._("Cases with a faith volunteer"),
                    disclosure.cell(figures["with_volunteer"]),
                ),
                (
                    self.env._("Share with a professional paired the whole time"),
                    disclosure.share(figures["paired"], figures["with_volunteer"]),
                ),
            ],
            percent_cols=(1,),
        )
        reasons = figures["labels"]["reason"]
        rows = [
            (
                reasons.get(group[0], self.env._("Unspecified"))
                if reasons
                else self.env._("Closed in the period (reasons are free text)"),
                cell,
            )
            for group, cell in zip(
                figures["closures"], protected["closures"], strict=True
            )
        ]
        if reasons:
            rows.append((self.env._("Total"), protected["closed"]))
        sheet.table([self.env._("Closure reason"), self.env._("Cases")], rows)

    def _write_sessions(self, sheet, figures, protected):
        sheet.title(self.env._("Safe spaces"))
        people = protected["people"]
        people_headers = [
            self.env._("Sessions"),
            self.env._("Attendance"),
            self.env._("Women"),
            self.env._("Youth"),
        ]
        for position, name, header in (
            (0, "format", self.env._("Format")),
            (1, "level", self.env._("Level")),
        ):
            rows = []
            for row_index, (key, label) in enumerate(figures["labels"][name].items()):
                rows.append(
                    (label, figures["by_" + name].get(key, (0,))[0])
                    + tuple(
                        people[index][0][position][row_index] for index in (1, 2, 3)
                    )
                )
            rows.append(
                (self.env._("Total"), figures["totals"][0])
                + tuple(people[index][1] for index in (1, 2, 3))
            )
            sheet.table([header, *people_headers], rows)
        sheet.table(
            [self.env._("Topic"), *people_headers],
            [
                (name or self.env._("(no topic)"), count)
                + tuple(people[index][0][3][row_index] for index in (1, 2, 3))
                for row_index, (name, count, *_people) in enumerate(figures["by_topic"])
            ],
        )
        total = figures["totals"][0]
        sheet.table(
            [self.env._("Figure"), self.env._("Value")],
            [
                (
                    self.env._("Share of sessions in a recurring series"),
                    figures["recurring"] / total if total else NOT_AVAILABLE,
                ),
                (
                    self.env._("Share of one-off sessions"),
                    (total - figures["recurring"]) / total if total else NOT_AVAILABLE,
                ),
                (
                    self.env._("Share held at neutral venues"),
                    figures["neutral"] / total if total else NOT_AVAILABLE,
                ),
            ],
            percent_cols=(1,),
        )

    def _write_concerns(self, sheet, figures):
        labels = figures["labels"]
        sheet.title(self.env._("Concerns"))
        sheet.table(
            [
                self.env._("Topic"),
                self.env._("Raised"),
                self.env._("Responded"),
                self.env._("Reported back"),
                self.env._("Median days to response"),
            ],
            [
                (
                    labels["topic"].get(topic, topic),
                    raised,
                    responded,
                    reported,
                    median if median is not None else NOT_AVAILABLE,
                )
                for topic, raised, responded, reported, median in figures["by_topic"]
            ],
        )
        sheet.heading(
            self.env._("Concern"),
            self.env._("Topic"),
            self.env._("Community"),
            self.env._("Raised on"),
            self.env._("Responded on"),
            self.env._("State"),
            self.env._("Reported back"),
            self.env._("Response"),
        )
        if not figures["rows"]:
            sheet.write_row([self.env._("No concerns were raised in this period.")])
        for concern in figures["rows"]:
            sheet.write_row(
                [
                    concern.name,
                    labels["topic"].get(concern.topic),
                    concern.community_id.name or None,
                    concern.raised_on,
                    concern.responded_on or None,
                    labels["state"].get(concern.state),
                    concern.reported_back,
                    html2plaintext(concern.response or ""),
                ]
            )

    def _write_crises(self, sheet, figures):
        sheet.title(self.env._("Crisis response"))
        if figures is None:
            sheet.write_row([self.env._("The crisis register is not installed.")])
            return
        sheet.heading(
            self.env._("Crisis"),
            self.env._("Incident date"),
            self.env._("Tension"),
            self.env._("Hours to first dialogue"),
            self.env._("Tasks done"),
            self.env._("Tasks"),
            self.env._("Dialogue sessions held"),
        )
        if not figures["rows"]:
            sheet.write_row([self.env._("No crisis in this period.")])
        for crisis in figures["rows"]:
            tasks, done = figures["tasks"].get(crisis, (0, 0))
            sheet.write_row(
                [
                    crisis.name,
                    crisis.incident_date.date(),
                    figures["labels"]["tension"].get(crisis.tension_level),
                    crisis.hours_to_first_dialogue or NOT_AVAILABLE,
                    done,
                    tasks,
                    figures["sessions"].get(crisis, 0),
                ]
            )

    def _write_method(self, sheet, review, disclosure):
        sheet.title(self.env._("Method"))
        definitions = [
            (self.env._("Period"), f"{review.date_from} to {review.date_to}"),
            (
                self.env._("Scope"),
                self.env._(
                    "Records of the review's company (and records without a "
                    "company); when communities are chosen, partners, sessions "
                    "and concerns of those communities. Cases have no community "
                    "and are counted for the whole company."
                ),
            ),
            (
                self.env._("Suppression rule"),
                self.env._(
                    "Counts of people (cases, attendance, women, youth) between 1 "
                    "and %(threshold)s are written as %(label)s; zero stays 0. A "
                    "total that would reveal such a cell is written as "
                    "(suppressed), and so is the smallest cell of the other "
                    "breakdowns of the same population (attendance is broken "
                    "down by format, level, community and topic). New signals "
                    "and closures are suppressed with the case total; medians "
                    "of few cases are suppressed. The threshold is the system "
                    "parameter %(param)s.",
                    threshold=disclosure.threshold,
                    label=disclosure.label,
                    param=THRESHOLD_PARAM,
                ),
            ),
            (
                self.env._("Partners"),
                self.env._(
                    "Contacts marked as P/CVE partner, today's type and "
                    "collaboration level. Active partners: in dialogue and "
                    "collaboration, or holding a collaboration level."
                ),
            ),
            (
                self.env._("Assessments"),
                self.env._(
                    "Assessments decided in the period, by outcome and depth. "
                    "Days to decision run from the creation of the assessment "
                    "(its submission date is not recorded) to the decision; "
                    "assessments decided before they were recorded are left out."
                ),
            ),
            (
                self.env._("Charters, memoranda, re-assessments"),
                self.env._(
                    "Charters signed in the period; memoranda active at some "
                    "point of the period; approved assessments whose validity "
                    "ends in the period or the %(days)s days after it.",
                    days=REASSESSMENT_HORIZON_DAYS,
                ),
            ),
            (
                self.env._("Sessions"),
                self.env._(
                    "Safe-space sessions held (state Held) that started in the "
                    "period (UTC). Attendance, women and youth are the sums of "
                    "the figures recorded on sessions. Topics and communities "
                    "overlap: a session counts once for each."
                ),
            ),
            (
                self.env._("Cases"),
                self.env._(
                    "Cases signalled before the end of the period and not closed "
                    "before its start, by current stage, signal source and type "
                    "of concern; new signals: cases signalled in the period. Median days per step between the stage dates. "
                    "Pairing: cases with a faith volunteer, and the share where "
                    "a psychologist or social worker was on the team for the "
                    "volunteer's whole membership. Closures: cases closed in "
                    "the period. No names, pseudonyms, notes or free text."
                ),
            ),
            (
                self.env._("Concerns"),
                self.env._(
                    "Concerns raised in the period: responded (a response date), "
                    "reported back, median calendar days to response. The list "
                    "names no person."
                ),
            ),
            (
                self.env._("Crisis response"),
                self.env._(
                    "Crises with an incident in the period: hours from the "
                    "incident to the first dialogue event, playbook tasks done, "
                    "dialogue sessions held."
                ),
            ),
            (self.env._("Generated on"), fields.Datetime.now().isoformat(" ")),
            (self.env._("Odoo database"), self.env.cr.dbname),
        ]
        sheet.table([self.env._("Figure"), self.env._("Definition")], definitions)

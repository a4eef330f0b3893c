"""The figures of the evaluation workbook, as each domain gives them.

Plain Python beside the report model: every figure comes from the addon that
owns the records (partners, casework, safe spaces), which checks that the
user may read it (see ``pcve.figures.mixin``: evaluation managers are let in)
and returns aggregates only. This class adds the labels of the fields and
applies disclosure control to the counts of people.
"""

from functools import cached_property

from .workbook_tools import SUPPRESSED, Disclosure

# The questions of a participant's feedback on a session (1 to 5).
FEEDBACK_QUESTIONS = (
    "felt_safe",
    "could_speak_freely",
    "trusts_moderator",
    "would_come_again",
    "topic_relevant",
)


def field_labels(model, fname):
    """{value: label} of a selection field, in the language of ``model``."""
    return dict(model._fields[fname]._description_selection(model.env))


class WorkbookFigures:
    """The figures of one review, each read once, when first asked for."""

    def __init__(self, env, review):
        self.env = env
        self.review = review
        self.company = review.company_id
        self.date_from = review.date_from
        self.date_to = review.date_to
        self.communities = review.community_ids

    @cached_property
    def disclosure(self):
        return Disclosure(self.company._pcve_setting("pcve_disclosure_threshold"))

    # --------------------------------------------------------- domain figures
    @cached_property
    def partners(self):
        Partner = self.env["res.partner"]
        figures = Partner._pcve_partner_figures(*self._scope(self.communities))
        self._label(figures, Partner, type="pcve_org_type")
        self._label(figures, Partner, level="pcve_collaboration_level")
        Assessment = self.env["pcve.partner.assessment"]
        return self._label(
            figures, Assessment, outcome="outcome", depth="required_depth"
        )

    @cached_property
    def cases(self):
        Case = self.env["pcve.case"]
        figures = Case._pcve_case_figures(
            [("company_id", "=", self.company.id)], self.date_from, self.date_to
        )
        self._label(
            figures,
            Case,
            stage="stage",
            source="signal_source",
            type="concern_type",
            closure_code="closure_reason_code",
        )
        Referral = self.env["pcve.case.referral"]
        return self._label(figures, Referral, service="service_type", outcome="state")

    @cached_property
    def sessions(self):
        Session = self.env["pcve.safespace.session"]
        figures = Session._pcve_session_figures(*self._scope(self.communities))
        return self._label(figures, Session, format="format", level="level")

    @cached_property
    def concerns(self):
        Concern = self.env["pcve.concern"]
        figures = Concern._pcve_concern_figures(*self._scope(self.communities))
        return self._label(figures, Concern, topic="topic", state="state")

    @cached_property
    def crises(self):
        Crisis = self.env["pcve.crisis"]
        figures = {"rows": Crisis._pcve_crisis_figures(*self._scope())}
        return self._label(figures, Crisis, tension="tension_level")

    @cached_property
    def incidents(self):
        """The annual incident report (``pcve_safespaces``) of each calendar
        year the period touches, under the workbook's disclosure control."""
        Incident = self.env["pcve.site.incident"]
        years = range(self.date_from.year, self.date_to.year + 1)
        figures = {
            "years": [
                Incident._pcve_annual_report(year, self.company.id, self.disclosure)
                for year in years
            ]
        }
        return self._label(figures, Incident, faith="faith", kind="kind")

    @cached_property
    def network(self):
        """Per community of the review (all of the company's if none was
        chosen): its active partners and the sessions held with it."""
        communities = self.communities or self.env["pcve.community"].search_fetch(
            [("company_id", "in", [self.company.id, False])],
            ["name", "is_majority"],
        )
        partners, sessions = self.partners, self.sessions
        return {
            "communities": [
                (
                    community.name,
                    community.is_majority,
                    partners["active_by_community"].get(community.id, 0),
                )
                + tuple(sessions["by_community"].get(community.id, (0, 0, 0, 0)))
                for community in communities
            ],
            "sessions": sessions["totals"][0],
            "with_women": sessions["with_women"],
            "with_youth": sessions["with_youth"],
        }

    @cached_property
    def action_plan(self):
        """The company's action plans that overlap the period (name, stage)
        and their initiatives by structure mode, state and recurring."""
        Plan = self.env["pcve.action.plan"]
        Initiative = self.env["pcve.action.plan.initiative"]
        domain = self.review._pcve_plan_domain()
        figures = {
            "plans": [
                (plan.name, plan.stage)
                for plan in Plan.search_fetch(domain, ["name", "stage"])
            ],
            "initiatives": {
                (mode, state, recurring): count
                for mode, state, recurring, count in Initiative._read_group(
                    [("plan_id", "any", domain)],
                    ["structure_mode", "state", "recurring"],
                    ["__count"],
                )
            },
        }
        self._label(figures, Plan, stage="stage")
        return self._label(figures, Initiative, mode="structure_mode", state="state")

    @cached_property
    def networks(self):
        """Per network of key figures: members, women and youth (counts of
        people, protected), and the communities it does not reach."""
        rows = self.env["pcve.network"]._pcve_network_figures(self.company)
        disclosure = self.disclosure
        return [
            (
                name,
                disclosure.cell(members),
                disclosure.share(women, members),
                disclosure.share(youth, members),
                ", ".join(gaps),
            )
            for name, members, women, youth, gaps in rows
        ]

    @cached_property
    def participant_feedback(self):
        """Participants' feedback on the sessions held in the period: the
        number of answers and the average of each question, all suppressed
        when the answers are few; None when safe spaces have no feedback."""
        if "pcve.safespace.feedback" not in self.env:
            return None
        Session = self.env["pcve.safespace.session"]
        company = Session._pcve_figures_company(self.company)
        held = Session._pcve_held_domain(
            company, self.date_from, self.date_to, self.communities
        )
        # sudo: the answers are the system's (no access rights but the
        # administrators'); the figures check above let the manager in, and
        # the answers are limited to the sessions of his figures.
        Feedback = self.env["pcve.safespace.feedback"].sudo()
        groups = Feedback._read_group(
            [("session_id", "any", held)], list(FEEDBACK_QUESTIONS), ["__count"]
        )
        answers = sum(row[-1] for row in groups)
        averages = {}
        for index, fname in enumerate(FEEDBACK_QUESTIONS):
            rated = [(int(row[index]), row[-1]) for row in groups if row[index]]
            weight = sum(count for _value, count in rated)
            averages[fname] = (
                sum(value * count for value, count in rated) / weight
                if weight
                else None
            )
        small = not answers or self.disclosure.is_small(answers)
        return {
            "answers": self.disclosure.cell(answers),
            "averages": {
                fname: SUPPRESSED if small and answers else average
                for fname, average in averages.items()
            },
            "labels": {
                fname: Feedback._fields[fname]._description_string(self.env)
                for fname in FEEDBACK_QUESTIONS
            },
        }

    # ---------------------------------------------------- disclosure control
    @cached_property
    def protected_cases(self):
        """Cases by stage, source and type: three breakdowns of one population.

        New signals and closures are subsets that can equal a cell or the
        total: unless zero, they are suppressed whenever the total is.
        """
        figures, disclosure = self.cases, self.disclosure
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
        # Closures by reason code: a breakdown of the closures. A code left
        # empty (closed before codes existed) counts as "not recorded".
        codes = [*labels["closure_code"], False]
        [code_cells], code_total = disclosure.protect(
            [figures["closed_by_code"].get(code, 0) for code in codes]
        )
        if code_total == SUPPRESSED or total == SUPPRESSED:
            closed = closed and SUPPRESSED
        return {
            "keys": keys,
            "cells": written,
            "total": total,
            "signalled": signalled,
            "closed": closed,
            "closure_codes": codes,
            "closure_cells": code_cells,
        }

    @cached_property
    def protected_referrals(self):
        """Referrals requested in the period by type of service and by
        outcome: two breakdowns of one population of people."""
        figures, disclosure = self.cases, self.disclosure
        labels = figures["labels"]
        keys = {"service": list(labels["service"]), "outcome": list(labels["outcome"])}
        written, total = disclosure.protect(
            *(
                [figures["referrals_by_" + name].get(key, 0) for key in keys[name]]
                for name in ("service", "outcome")
            )
        )
        return {"keys": keys, "cells": written, "total": total}

    @cached_property
    def protected_people(self):
        """Attendance, women and youth, each broken down by format, level,
        community and topic. Communities and topics overlap, yet a session
        often has one: they are protected as breakdowns of the same total.
        """
        sessions = self.sessions
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
            parts.append([row[3 + index] for row in self.network["communities"]])
            parts.append([row[1 + index] for row in sessions["by_topic"]])
            protected[index] = self.disclosure.protect(*parts)
        return protected

    # ---------------------------------------------------------------- helpers
    def _scope(self, *extra):
        """The arguments of a domain's figures: company, period, ``extra``."""
        return (self.company, self.date_from, self.date_to, *extra)

    @staticmethod
    def _label(figures, model, **fnames):
        """``figures`` with the labels of the fields ``fnames`` of ``model``
        under ``figures["labels"]``, by the names given."""
        labels = figures.setdefault("labels", {})
        for name, fname in fnames.items():
            labels[name] = field_labels(model, fname)
        return figures

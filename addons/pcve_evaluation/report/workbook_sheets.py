"""The twelve sheets of the evaluation workbook, each written top to bottom.

Plain Python beside the report model: it writes the figures of a
:class:`WorkbookFigures` with a :class:`SheetWriter` per sheet.
"""

import json

from odoo import fields
from odoo.tools import LazyTranslate, html2plaintext

from odoo.addons.pcve_partners.models.res_partner_figures import (
    REASSESSMENT_HORIZON_DAYS,
)

from ..models.pcve_evaluation_review import QUESTIONS
from .workbook_figures import field_labels
from .workbook_tools import (
    NOT_AVAILABLE,
    SUPPRESSED,
    SheetWriter,
    html_to_text,
    safe_text,
    sheet_name,
)

_lt = LazyTranslate(__name__)

SHEETS = (
    "Summary",
    "Action plan",
    "Partners",
    "Network",
    "Cases",
    "Referrals",
    "Safe spaces",
    "Participant feedback",
    "Concerns",
    "Crisis response",
    "Incidents",
    "Method",
)
# The sheet names in the reader's language (the keys above stay English).
SHEET_TITLES = {
    "Summary": _lt("Summary"),
    "Action plan": _lt("Action plan"),
    "Partners": _lt("Partners"),
    "Network": _lt("Network"),
    "Cases": _lt("Cases"),
    "Referrals": _lt("Referrals"),
    "Safe spaces": _lt("Safe spaces"),
    "Participant feedback": _lt("Participant feedback"),
    "Concerns": _lt("Concerns"),
    "Crisis response": _lt("Crisis response"),
    "Incidents": _lt("Incidents"),
    "Method": _lt("Method"),
}

SHEET_WIDTHS = {
    "Summary": (40, 14, 90),
    "Action plan": (40, 16, 16, 16),
    "Participant feedback": (50, 16),
    "Concerns": (40, 18, 30, 12, 12, 14, 12, 80),
    "Method": (36, 120),
}


class WorkbookSheets:
    """Writes the sheets of one review's workbook into ``workbook``."""

    def __init__(self, env, workbook, figures):
        self.env = env
        self.workbook = workbook
        self.figures = figures
        self.review = figures.review
        self.formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "bottom": 1}
            ),
            "bold": workbook.add_format({"bold": True}),
            "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "percent": workbook.add_format({"num_format": "0.0%"}),
        }

    def write_workbook(self):
        """The workbook's properties, then its sheets in the order of SHEETS."""
        self.workbook.set_properties(
            {
                "title": safe_text(self.review.name),
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
                self.workbook, self.formats, name, SHEET_WIDTHS.get(key), labels
            )
        self.write_summary(writers["Summary"])
        self.write_action_plan(writers["Action plan"])
        self.write_partners(writers["Partners"])
        self.write_network(writers["Network"])
        self.write_cases(writers["Cases"])
        self.write_referrals(writers["Referrals"])
        self.write_sessions(writers["Safe spaces"])
        self.write_participant_feedback(writers["Participant feedback"])
        self.write_concerns(writers["Concerns"])
        self.write_crises(writers["Crisis response"])
        self.write_incidents(writers["Incidents"])
        self.write_method(writers["Method"])
        return True

    def write_summary(self, sheet):
        figures, review = self.figures, self.review
        partners, sessions = figures.partners, figures.sessions
        concerns, crises = figures.concerns, figures.crises
        concern_totals = [
            sum(row[i] for row in concerns["by_topic"]) for i in (1, 2, 3)
        ]
        activity = (
            sessions["totals"][0]
            + concern_totals[0]
            + figures.cases["signalled"]
            + figures.cases["closed"]
            + sum(partners["by_outcome_depth"].values())
            + len(crises["rows"])
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
        sheet.write_row(
            [self.env._("State"), field_labels(review, "state")[review.state]]
        )
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
        for key, question in QUESTIONS.items():
            rating = review[f"{key}_rating"]
            sheet.write_row(
                [
                    self.env._(question),
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
            (self.env._("Attendance (people)"), figures.protected_people[1][1]),
            (self.env._("Concerns raised"), concern_totals[0]),
            (self.env._("Concerns responded"), concern_totals[1]),
            (self.env._("Concerns reported back"), concern_totals[2]),
            (self.env._("Cases in the period"), figures.protected_cases["total"]),
            (self.env._("Crises"), len(crises["rows"])),
        ]
        sheet.table([self.env._("Key figure"), self.env._("Value")], rows)
        sheet.table(
            [self.env._("Evidence"), self.env._("Value")], self._evidence_rows()
        )
        formats = list(sessions["labels"]["format"].items())
        first_format = (
            sheet.heading(self.env._("Sessions by format"), self.env._("Sessions")) + 1
        )
        for key, label in formats:
            sheet.write_row([label, sessions["by_format"].get(key, (0,))[0]])
        self._add_chart(
            sheet,
            self.env._("Ratings of the four questions"),
            (first_question, first_question + len(QUESTIONS) - 1),
            (first_question, 3),
        )
        self._add_chart(
            sheet,
            self.env._("Safe-space sessions by format"),
            (first_format, first_format + len(formats) - 1),
            (first_question + 16, 3),
        )

    def _evidence_rows(self):
        """The evidence beside the questions (see the review's form)."""
        review = self.review
        modes = json.loads(review.initiative_mode_counts or "{}")
        mode_labels = field_labels(
            self.env["pcve.action.plan.initiative"], "structure_mode"
        )
        return [
            (
                self.env._("Communities without engagement"),
                len(review.communities_without_engagement_ids),
                ", ".join(review.communities_without_engagement_ids.mapped("name")),
            ),
            (
                self.env._("Newly arrived groups reached"),
                review.newly_arrived_reached,
            ),
            *(
                (
                    self.env._("Initiatives: %(mode)s", mode=mode_labels[mode]),
                    modes.get(mode, 0),
                )
                for mode in mode_labels
            ),
            (
                self.env._("Recurring initiatives (%)"),
                review.recurring_share,
            ),
            (
                self.env._("Partners' view of us (median rating, 1-5)"),
                review.partner_view_credible or SUPPRESSED,
            ),
            (
                self.env._("One community carries the extremism-labelled work"),
                review.stigma_balance_warning,
                review.stigma_community_id.name or None,
            ),
        ]

    def _add_chart(self, sheet, title, rows, anchor):
        """A native column chart of column B against the labels in column A."""
        chart = self.workbook.add_chart({"type": "column"})
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

    def write_action_plan(self, sheet):
        """The plans of the period and their initiatives by structure (reuse,
        adapt, new), state and recurring: "not reinventing the wheel"."""
        figures = self.figures.action_plan
        labels = figures["labels"]
        sheet.title(self.env._("Action plan"))
        sheet.table(
            [self.env._("Action plan"), self.env._("Stage")],
            [(name, labels["stage"][stage]) for name, stage in figures["plans"]]
            or [(self.env._("No action plan in this period."), None)],
        )
        initiatives = figures["initiatives"]
        states = list(labels["state"])

        def count(mode, state=None, recurring=None):
            return sum(
                n
                for (m, st, rec), n in initiatives.items()
                if m == mode
                and (state is None or st == state)
                and (recurring is None or rec == recurring)
            )

        sheet.table(
            [
                self.env._("Structure"),
                *labels["state"].values(),
                self.env._("Recurring"),
                self.env._("Total"),
            ],
            [
                (
                    label,
                    *(count(mode, state) for state in states),
                    count(mode, recurring=True),
                    count(mode),
                )
                for mode, label in labels["mode"].items()
            ],
        )

    def write_partners(self, sheet):
        figures = self.figures.partners
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

    def write_network(self, sheet):
        figures = self.figures.network
        sheet.title(self.env._("Network"))
        communities = figures["communities"]
        people = [self.figures.protected_people[i][0][2] for i in (1, 2, 3)]
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
        self._write_networks(sheet)

    def _write_networks(self, sheet):
        """The networks of key figures: members, shares of women and youth
        (under disclosure control) and the communities they do not reach."""
        sheet.table(
            [
                self.env._("Network of key figures"),
                self.env._("Active members"),
                self.env._("Share of women"),
                self.env._("Share of youth"),
                self.env._("Communities not reached (coverage gaps)"),
            ],
            self.figures.networks,
            percent_cols=(2, 3),
        )

    def write_participant_feedback(self, sheet):
        """Averages only, suppressed when the answers are few."""
        figures = self.figures.participant_feedback
        sheet.title(self.env._("Participant feedback"))
        if figures is None:
            sheet.write_row(
                [
                    self.env._(
                        "Participant feedback on sessions is not available in "
                        "this database (the feature is missing)."
                    )
                ],
                "bold",
            )
            return
        questions = figures["labels"]
        rows = [
            (questions[fname], NOT_AVAILABLE if average is None else average)
            for fname, average in figures["averages"].items()
        ]
        rows.append((self.env._("Answers"), figures["answers"]))
        sheet.table([self.env._("Question (1-5)"), self.env._("Average")], rows)

    def write_cases(self, sheet):
        figures, protected = self.figures.cases, self.figures.protected_cases
        disclosure = self.figures.disclosure
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
        code_labels = figures["labels"]["closure_code"]
        not_recorded = self.env._("Not recorded")
        sheet.table(
            [self.env._("Reason for closure"), self.env._("Cases")],
            [
                (code_labels.get(code, not_recorded), cell)
                for code, cell in zip(
                    protected["closure_codes"], protected["closure_cells"], strict=True
                )
            ]
            + [(self.env._("Closed in the period"), protected["closed"])],
        )

    def write_referrals(self, sheet):
        """Referrals by type of service and by outcome, with their total."""
        sheet.title(self.env._("Referrals to existing services"))
        figures, referrals = self.figures.cases, self.figures.protected_referrals
        headers = {
            "service": self.env._("Referrals by type of service"),
            "outcome": self.env._("Outcome"),
        }
        count, total = self.env._("Referrals"), self.env._("Total")
        for name, cells in zip(("service", "outcome"), referrals["cells"], strict=True):
            labels = figures["labels"][name]
            rows = [
                (labels[key], cell)
                for key, cell in zip(referrals["keys"][name], cells, strict=True)
            ]
            sheet.table([headers[name], count], [*rows, (total, referrals["total"])])

    def write_sessions(self, sheet):
        figures, people = self.figures.sessions, self.figures.protected_people
        sheet.title(self.env._("Safe spaces"))
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
        one_off = total - figures["recurring"]
        sheet.table(
            [self.env._("Figure"), self.env._("Value")],
            [
                (
                    self.env._("Share of sessions in a recurring series"),
                    figures["recurring"] / total if total else NOT_AVAILABLE,
                ),
                (
                    self.env._("Share of one-off sessions"),
                    one_off / total if total else NOT_AVAILABLE,
                ),
                (
                    self.env._("Share held at neutral venues"),
                    figures["neutral"] / total if total else NOT_AVAILABLE,
                ),
            ],
            percent_cols=(1,),
        )

    def write_concerns(self, sheet):
        figures = self.figures.concerns
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
        topics, states = labels["topic"], labels["state"]
        sheet.write_rows(
            (
                name,
                topics.get(topic),
                community,
                raised_on,
                responded_on,
                states.get(state),
                bool(reported_back),
                html_to_text(response),
            )
            for name, topic, community, raised_on, responded_on, state, reported_back, response in figures[
                "rows"
            ]
        )

    def write_crises(self, sheet):
        figures = self.figures.crises
        sheet.title(self.env._("Crisis response"))
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
        tension = figures["labels"]["tension"]
        for name, incident, level, hours, tasks, done, sessions in figures["rows"]:
            sheet.write_row(
                [
                    name,
                    incident.date(),
                    tension.get(level),
                    hours or NOT_AVAILABLE,
                    done,
                    tasks,
                    sessions,
                ]
            )

    def write_incidents(self, sheet):
        """Incidents against sites per calendar year: every faith, zeros
        included, then every kind and the total."""
        figures = self.figures.incidents
        faiths, kinds = figures["labels"]["faith"], figures["labels"]["kind"]
        by_faith, by_kind = [], []
        for report in figures["years"]:
            year = report["year"]
            for faith, counts in report["by_faith"].items():
                by_faith.append(
                    (
                        year,
                        faiths.get(faith, faith),
                        counts["incidents"],
                        counts["responded"],
                        counts["interfaith_responses"],
                    )
                )
            for kind, count in report["by_kind"].items():
                by_kind.append((year, kinds.get(kind, kind), count))
            by_kind.append((year, self.env._("Total"), report["total"]))
        sheet.title(self.env._("Incidents against sites"))
        sheet.table(
            [
                self.env._("Year"),
                self.env._("Faith"),
                self.env._("Incidents"),
                self.env._("Responded"),
                self.env._("Interfaith responses"),
            ],
            by_faith,
        )
        sheet.table(
            [self.env._("Year"), self.env._("Kind"), self.env._("Incidents")], by_kind
        )

    def write_method(self, sheet):
        review, disclosure = self.review, self.figures.disclosure
        sheet.title(self.env._("Method"))
        definitions = [
            (
                self.env._("Period"),
                self.env._(
                    "%(start)s to %(end)s", start=review.date_from, end=review.date_to
                ),
            ),
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
                    "%(suppressed)s, and so is the smallest cell of the other "
                    "breakdowns of the same population (attendance is broken "
                    "down by format, level, community and topic). New signals "
                    "and closures are suppressed with the case total; medians "
                    "of few cases are suppressed. Each company sets its threshold "
                    "in Settings, Community Engagement.",
                    threshold=disclosure.threshold,
                    label=disclosure.label,
                    suppressed=sheet.labels[SUPPRESSED],
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
                    "Days to decision run from the submission of the assessment "
                    "for decision to the decision; assessments decided before "
                    "they were submitted (imported records) are left out."
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
                    "Pairing, as the case teams' rule: cases with a faith "
                    "volunteer on the team in the period, and the share where a "
                    "social worker or psychologist was on the team on each of "
                    "the volunteer's days in the period; a membership counts on "
                    "the days it gives access to the case, an archived one not "
                    "at all. Closures: cases closed in "
                    "the period, by reason for closure. Referrals: referrals "
                    "requested in the period, by type of service and by outcome "
                    "(their status now). No names, pseudonyms, notes or free text."
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
            (
                self.env._("Action plan"),
                self.env._(
                    "The company's action plans whose period overlaps the "
                    "review's (a plan without dates always does) and their "
                    "initiatives by structure (reuse, adapt, new), state and "
                    "recurring (a structural offer rather than a one-off)."
                ),
            ),
            (
                self.env._("Evidence"),
                self.env._(
                    "Communities without engagement: active communities with no "
                    "active partner, no session held and no concern in the "
                    "period. Newly arrived groups reached: a community of kind "
                    "newly arrived had a session held or a concern. Partners' "
                    "view: the median of the five ratings of the partners' "
                    "latest feedback in the period, suppressed when few partners "
                    "gave it. Stigmatisation check: at least two-thirds of the "
                    "period's sessions on extremism (a topic that is not an "
                    "everyday issue) concern one non-majority community while "
                    "the majority community has none."
                ),
            ),
            (
                self.env._("Networks and participant feedback"),
                self.env._(
                    "Networks of key figures: today's active members, the shares "
                    "of women and of people under 25 (suppressed when the part "
                    "or the rest is small) and the communities without an active "
                    "member. Participant feedback: averages of the answers on "
                    "sessions held in the period, suppressed when the answers "
                    "are few."
                ),
            ),
            (self.env._("Generated on"), fields.Datetime.now().isoformat(" ")),
            (self.env._("Odoo database"), self.env.cr.dbname),
        ]
        sheet.table([self.env._("Figure"), self.env._("Definition")], definitions)

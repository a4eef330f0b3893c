import datetime

from odoo import models
from odoo.tools import SQL

from .evaluation_workbook import (
    REASSESSMENT_HORIZON_DAYS,
    _keyed,
    _labels,
)


class ReportEvaluationWorkbookFigures(models.AbstractModel):
    """The figures of the evaluation workbook.

    Evaluation managers may not read the records behind them (cases,
    confidential sessions): these helpers read with ``sudo()`` and return
    counts, sums and medians only, never names, pseudonyms, notes or free text
    of cases. They are private methods of the report, reached only through its
    entry points, which check that the user is an evaluation manager.
    """

    _inherit = "report.pcve_evaluation.evaluation_workbook"

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
            # Assessments decided before they were submitted (imported or
            # backdated records) are left out.
            "median_days": self._median(
                Assessment,
                decided,
                SQL(
                    "CASE WHEN decision_date >= submitted_on"
                    " THEN decision_date - submitted_on END"
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
        return {
            "by_topic": by_topic,
            "rows": self._concern_rows(Concern, domain),
            "labels": {
                "topic": _labels(Concern, "topic"),
                "state": _labels(Concern, "state"),
            },
        }

    def _concern_rows(self, Concern, domain):
        """The row-level list in one query, as plain tuples: name, topic,
        community, raised on, responded on, state, reported back, response."""
        query = Concern._search(domain, order="raised_on, id")
        community = query.left_join(
            Concern._table, "community_id", "pcve_community", "id", "community_id"
        )
        table = Concern._table
        self.env.cr.execute(
            query.select(
                SQL.identifier(table, "name"),
                SQL.identifier(table, "topic"),
                self.env["pcve.community"]
                .sudo()
                ._field_to_sql(community, "name", query),
                SQL.identifier(table, "raised_on"),
                SQL.identifier(table, "responded_on"),
                SQL.identifier(table, "state"),
                SQL.identifier(table, "reported_back"),
                SQL.identifier(table, "response"),
            )
        )
        return self.env.cr.fetchall()

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

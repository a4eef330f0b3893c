from datetime import timedelta

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL

from .pcve_case_member import PAIRING_ROLES, unpaired_day


class PcveCaseFiguresMixin(models.AbstractModel):
    """The figures about cases: counts, medians and the pairing figure (see
    ``pcve.figures.mixin``: aggregates only, read as superuser within the
    caller's companies, for case managers and the managers other addons let
    in). Each figure is one aggregate query, whatever the number of cases.
    Inherited by ``pcve.case`` only."""

    _name = "pcve.case.figures.mixin"
    _description = "Case figures"
    _inherit = ["pcve.figures.mixin"]
    _pcve_figures_groups = ("pcve_casework.group_case_manager",)

    @api.model
    def _pcve_stat_rows_sql(self):
        """One row per case for the statistics views that apply disclosure
        control (a view is built at install, not called by a user): its
        company, quarter, stage, type of concern and source, ``n`` = 1,
        whether it is closed and its days from signal to closure."""
        return SQL(
            """
            SELECT company_id,
                   date_trunc('quarter', signal_date)::date AS period,
                   stage, concern_type, signal_source,
                   1 AS n,
                   (closed_on IS NOT NULL)::integer AS closed,
                   closed_on - signal_date AS days
              FROM pcve_case
            """
        )

    @api.model
    def _pcve_case_figures(self, domain, date_from, date_to):
        """The cases of ``domain`` open in ``date_from``..``date_to`` by
        stage, source and type, the median days per step, the new signals and
        closures of the period (by reason for closure), the referrals
        requested in the period (by type of service and by outcome) and the
        pairing figure."""
        domain = self._pcve_figures_domain(domain)
        Case = self.sudo()
        open_in_period = domain & Domain(
            [
                ("signal_date", "<=", date_to),
                "|",
                ("closed_on", "=", False),
                ("closed_on", ">=", date_from),
            ]
        )
        closed = domain & Domain(
            [
                ("stage", "=", "closed"),
                ("closed_on", ">=", date_from),
                ("closed_on", "<=", date_to),
            ]
        )
        signalled = domain & Domain(
            [("signal_date", ">=", date_from), ("signal_date", "<=", date_to)]
        )
        query = Case._search(open_in_period)
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

        def count_by_in(fname, where):
            return dict(Case._read_group(where, [fname], ["__count"]))

        def count_by(fname):
            return count_by_in(fname, open_in_period)

        return {
            "by_stage": count_by("stage"),
            "by_source": count_by("signal_source"),
            "by_type": count_by("concern_type"),
            "medians": [medians[index : index + 2] for index in range(0, 8, 2)],
            "signalled": Case._read_group(signalled, [], ["__count"])[0][0],
            # Closure details are free text: never exported; closures are
            # counted, and counted by their reason code.
            "closed": Case._read_group(closed, [], ["__count"])[0][0],
            "closed_by_code": count_by_in("closure_reason_code", closed),
            **self._pcve_referral_figures(domain, date_from, date_to),
            **self._pcve_pairing_figures(open_in_period, date_from, date_to),
        }

    @api.model
    def _pcve_referral_figures(self, domain, date_from, date_to):
        """The referrals of the cases of ``domain`` requested in
        ``date_from``..``date_to``: by type of service and by outcome (their
        state now), two breakdowns of one population, two queries."""
        Referral = self.env["pcve.case.referral"].sudo()
        requested = Domain(
            [
                (
                    "case_id",
                    "in",
                    self.sudo()._search(self._pcve_figures_domain(domain)),
                ),
                ("requested_on", ">=", date_from),
                ("requested_on", "<", date_to + timedelta(days=1)),
            ]
        )

        def count_by(fname):
            return dict(Referral._read_group(requested, [fname], ["__count"]))

        return {
            "referrals_by_service": count_by("service_type"),
            "referrals_by_outcome": count_by("state"),
        }

    @api.model
    def _pcve_pairing_figures(self, domain, date_from, date_to=None):
        """The pairing figure, as the pairing rule sees the teams.

        ``with_volunteer``: the cases of ``domain`` with a faith volunteer on
        the team on some day of ``date_from``..``date_to`` (no end: open);
        ``paired``: those of them where, on each of those days, a member of
        PAIRING_ROLES was on the team too. A membership counts on the days it
        gives access (``pcve.case.member._pcve_window_domain``, as
        ``is_current``); the rule itself (``unpaired_day``) decides, on the
        memberships read in one query.
        """
        cases = self.sudo()._search(self._pcve_figures_domain(domain))
        Member = self.env["pcve.case.member"].sudo()
        query = Member._search(
            Domain("case_id", "in", cases)
            & Domain("role", "in", [*PAIRING_ROLES, "faith_volunteer"])
            & Member._pcve_window_domain(date_from, date_to)
        )
        table = Member._table
        self.env.cr.execute(
            query.select(
                *(
                    SQL.identifier(table, fname)
                    for fname in ("case_id", "role", "active", "date_start", "date_end")
                )
            )
        )
        teams = {}
        for case_id, *membership in self.env.cr.fetchall():
            teams.setdefault(case_id, []).append(membership)
        with_volunteer = [
            team
            for team in teams.values()
            if any(role == "faith_volunteer" for role, *_dates in team)
        ]
        return {
            "with_volunteer": len(with_volunteer),
            "paired": sum(
                not unpaired_day(team, date_from, date_to) for team in with_volunteer
            ),
        }

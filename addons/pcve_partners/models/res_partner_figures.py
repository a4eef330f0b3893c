import datetime

from odoo import api, models
from odoo.tools import SQL

# Re-assessments due: approved assessments whose validity ends in the period
# or this many days after it.
REASSESSMENT_HORIZON_DAYS = 90


class ResPartner(models.Model):
    """The figures about partners, their assessments, charters and memoranda
    (see ``pcve.figures.mixin``: aggregates only, for managers). Each figure
    is one aggregate query, whatever the number of partners."""

    _name = "res.partner"
    _inherit = ["res.partner", "pcve.figures.mixin"]
    _pcve_figures_groups = ("pcve_partners.group_pcve_manager",)

    @api.model
    def _pcve_partner_domain(self, company, communities):
        """The partners of ``company`` (or of none), of ``communities`` if any."""
        domain = [
            ("pcve_is_partner", "=", True),
            ("company_id", "in", [company.id, False]),
        ]
        if communities:
            domain.append(("pcve_community_ids", "in", communities.ids))
        return domain

    @api.model
    def _pcve_stat_rows_sql(self):
        """One row per partner for the statistics view of the evaluation (a view
        is built at install, not called by a user), without names or texts."""
        return SQL(
            """
            SELECT partner.id,
                   partner.company_id,
                   partner.pcve_org_type AS org_type,
                   partner.pcve_collaboration_level AS collaboration_level,
                   partner.pcve_engagement_stage AS engagement_stage,
                   1 AS partner_count
              FROM res_partner partner
             WHERE partner.pcve_is_partner AND partner.active
            """
        )

    @api.model
    def _pcve_active_domain(self, partner_domain):
        """The active partners among ``partner_domain``: in collaboration or
        with a collaboration level."""
        return partner_domain + [
            "|",
            ("pcve_engagement_stage", "=", "collaboration"),
            ("pcve_collaboration_level", "not in", ["none", False]),
        ]

    @api.model
    def _pcve_active_by_community(self, active_domain):
        """{community id: active partners}, one grouped query."""
        return {
            community.id: n
            for community, n in self.sudo()._read_group(
                active_domain, ["pcve_community_ids"], ["__count"]
            )
            if community
        }

    @api.model
    def _pcve_engagement_partners(self, company):
        """The active partners of ``company`` per community (evaluation)."""
        company = self._pcve_figures_company(company)
        return self._pcve_active_by_community(
            self._pcve_active_domain(self._pcve_partner_domain(company, None))
        )

    @api.model
    def _pcve_feedback_figures(self, company, date_from, date_to):
        """The partners' view of the municipality: how many partners gave
        feedback in the period, and the median of all their five ratings
        (their latest feedback each), in one query."""
        company = self._pcve_figures_company(company)
        Feedback = self.env["pcve.partner.feedback"].sudo()
        query = Feedback._search(
            [
                ("recorded_on", ">=", date_from),
                ("recorded_on", "<=", date_to),
                ("company_id", "in", [company.id, False]),
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY rating)
                  FROM (SELECT DISTINCT ON (partner_id) *
                          FROM pcve_partner_feedback WHERE id IN %s
                         ORDER BY partner_id, recorded_on DESC, id DESC) AS latest
                  LEFT JOIN LATERAL (
                       SELECT unnest(ARRAY[
                           rating_objectives_clear, rating_acts_on_concerns,
                           rating_not_instrumentalising,
                           rating_transparent_assessment, rating_respects_agenda
                       ])::integer AS rating) AS ratings ON TRUE
                """,
                query.subselect(),
            )
        )
        # count(*) counts the rating rows: five per partner
        rows, median = self.env.cr.fetchone()
        return {"partners": rows // 5, "median": median}

    @api.model
    def _pcve_partner_figures(self, company, date_from, date_to, communities):
        """Partners of ``company`` (of ``communities`` if any) by type and by
        level, active partners by community, and the assessments decided,
        charters signed, memoranda active and re-assessments due in
        ``date_from``..``date_to``."""
        company = self._pcve_figures_company(company)
        Partner = self.sudo()
        Assessment = self.env["pcve.partner.assessment"].sudo()
        partner_domain = self._pcve_partner_domain(company, communities)
        active_domain = self._pcve_active_domain(partner_domain)
        community_domain = (
            [("partner_id.pcve_community_ids", "in", communities.ids)]
            if communities
            else []
        )
        decided = [
            ("company_id", "=", company.id),
            ("state", "=", "decided"),
            ("decision_date", ">=", date_from),
            ("decision_date", "<=", date_to),
            *community_domain,
        ]
        horizon = date_to + datetime.timedelta(days=REASSESSMENT_HORIZON_DAYS)
        due = [
            ("company_id", "=", company.id),
            ("state", "=", "decided"),
            ("outcome", "=", "approved"),
            ("valid_until", ">=", date_from),
            ("valid_until", "<=", horizon),
            *community_domain,
        ]
        signed = [
            ("signed_on", ">=", date_from),
            ("signed_on", "<=", date_to),
            *[("partner_id." + leaf[0], *leaf[1:]) for leaf in partner_domain],
        ]
        agreements = [
            ("company_id", "=", company.id),
            ("state", "=", "active"),
            ("date_start", "<=", date_to),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", date_from),
            *community_domain,
        ]
        # Assessments decided before they were submitted (imported or
        # backdated records) are left out of the median.
        query = Assessment._search(decided)
        self.env.cr.execute(
            SQL(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days)"
                "  FROM (SELECT CASE WHEN decision_date >= submitted_on"
                "               THEN decision_date - submitted_on END AS days"
                "          FROM %s WHERE id IN %s) AS decided"
                " WHERE days IS NOT NULL",
                SQL.identifier(Assessment._table),
                query.subselect(),
            )
        )
        median_days = self.env.cr.fetchone()[0]

        def count(model, domain):
            return model._read_group(domain, [], ["__count"])[0][0]

        return {
            "by_type": dict(
                Partner._read_group(partner_domain, ["pcve_org_type"], ["__count"])
            ),
            "by_level": dict(
                Partner._read_group(
                    partner_domain, ["pcve_collaboration_level"], ["__count"]
                )
            ),
            "active_by_community": self._pcve_active_by_community(active_domain),
            "by_outcome_depth": {
                (outcome, depth): n
                for outcome, depth, n in Assessment._read_group(
                    decided, ["outcome", "required_depth"], ["__count"]
                )
            },
            "median_days": median_days,
            "charters_signed": count(self.env["pcve.charter.signature"].sudo(), signed),
            "agreements_active": count(self.env["pcve.agreement"].sudo(), agreements),
            "reassessments_due": count(Assessment, due),
        }

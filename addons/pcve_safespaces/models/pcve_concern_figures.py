from odoo import api, models
from odoo.tools import SQL


class PcveConcern(models.Model):
    """The figures about community concerns (see ``pcve.figures.mixin``:
    for managers), and their row-level list, which names no person."""

    _name = "pcve.concern"
    _inherit = ["pcve.concern", "pcve.figures.mixin"]
    _pcve_figures_groups = ("pcve_safespaces.group_safespace_manager",)

    @api.model
    def _pcve_stat_rows_sql(self):
        """One row per concern for the statistics views that apply disclosure
        control (a view is built at install, not called by a user): its
        company, quarter, state, topic and kind of community, ``n`` = 1, whether
        it was reported back and responded to, and its days to the response.
        No names, texts or communities."""
        return SQL(
            """
            SELECT concern.company_id,
                   date_trunc('quarter', concern.raised_on)::date AS period,
                   concern.state, concern.topic,
                   community.group_kind AS community_kind,
                   1 AS n,
                   COALESCE(concern.reported_back, FALSE)::integer AS reported,
                   (concern.responded_on IS NOT NULL)::integer AS responded,
                   concern.responded_on - concern.raised_on AS days
              FROM pcve_concern concern
              LEFT JOIN pcve_community community
                ON community.id = concern.community_id
            """
        )

    @api.model
    def _pcve_concern_figures(self, company, date_from, date_to, communities):
        """Concerns of ``company`` (or of none) raised in the period, of
        ``communities`` if any: per topic (raised, responded, reported back,
        median days to response), and the list of them in one query."""
        company = self._pcve_figures_company(company)
        Concern = self.sudo()
        domain = [
            ("raised_on", ">=", date_from),
            ("raised_on", "<=", date_to),
            ("company_id", "in", [company.id, False]),
        ]
        if communities:
            domain.append(("community_id", "in", communities.ids))
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
        return {
            "by_topic": self.env.cr.fetchall(),
            "rows": Concern._pcve_concern_rows(domain),
        }

    @api.model
    def _pcve_concerns_by_community(self, company, date_from, date_to):
        """Concerns of ``company`` (or of none) raised in the period, per
        community: one aggregate query."""
        company = self._pcve_figures_company(company)
        domain = [
            ("raised_on", ">=", date_from),
            ("raised_on", "<=", date_to),
            ("company_id", "in", [company.id, False]),
            ("community_id", "!=", False),
        ]
        return {
            community.id: n
            for community, n in self.sudo()._read_group(
                domain, ["community_id"], ["__count"]
            )
        }

    def _pcve_concern_rows(self, domain):
        """The list in one query, as plain tuples: name, topic, community,
        raised on, responded on, state, reported back, response (HTML). The
        concern's description and the person who raised it are left out."""
        query = self._search(domain, order="raised_on, id")
        community = query.left_join(
            self._table, "community_id", "pcve_community", "id", "community_id"
        )
        table = self._table
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

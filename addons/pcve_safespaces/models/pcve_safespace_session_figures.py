import datetime

from odoo import api, models
from odoo.tools import SQL

# The sums of a group of sessions: sessions, attendance, women, youth.
PEOPLE = [
    "__count",
    "attendance_count:sum",
    "attendance_women:sum",
    "attendance_youth:sum",
]


class PcveSafespaceSession(models.Model):
    """The figures about sessions held (see ``pcve.figures.mixin``:
    aggregates only, confidential sessions included, for managers). Each
    figure is one aggregate query, whatever the number of sessions."""

    _name = "pcve.safespace.session"
    _inherit = ["pcve.safespace.session", "pcve.figures.mixin"]
    _pcve_figures_groups = ("pcve_safespaces.group_safespace_manager",)

    @api.model
    def _pcve_held_domain(self, company, date_from, date_to, communities):
        """Sessions of ``company`` (or of none) held that started in
        ``date_from``..``date_to`` (UTC), with ``communities`` if any."""
        domain = [
            ("state", "=", "held"),
            ("start", ">=", datetime.datetime.combine(date_from, datetime.time.min)),
            (
                "start",
                "<",
                datetime.datetime.combine(
                    date_to + datetime.timedelta(days=1), datetime.time.min
                ),
            ),
            ("company_id", "in", [company.id, False]),
        ]
        if communities:
            domain.append(("community_ids", "in", communities.ids))
        return domain

    @api.model
    def _pcve_stat_rows_sql(self):
        """One row per session for the statistics views that apply disclosure
        control (a view is built at install, not called by a user): its
        company, month, state, format and level, ``n`` = 1, its attendance
        (people, women, youth) and whether it is part of a series, at a
        neutral venue, with the majority community."""
        return SQL(
            """
            SELECT session.company_id,
                   date_trunc('month', session.start)::date AS period,
                   session.state, session.format, session.level,
                   1 AS n,
                   COALESCE(session.attendance_count, 0) AS attendance,
                   COALESCE(session.attendance_women, 0) AS women,
                   COALESCE(session.attendance_youth, 0) AS youth,
                   (session.series_id IS NOT NULL)::integer AS recurring,
                   COALESCE(venue.is_neutral, FALSE)::integer AS neutral,
                   COALESCE(session.includes_majority, FALSE)::integer AS majority
              FROM pcve_safespace_session session
              LEFT JOIN pcve_venue venue ON venue.id = session.venue_id
            """
        )

    @api.model
    def _pcve_session_figures(self, company, date_from, date_to, communities):
        """Sessions held in the period, with their attendance (people, women,
        youth), by format, level, topic and community; how many were part of
        a series, at a neutral venue, with women or youth present."""
        company = self._pcve_figures_company(company)
        Session = self.sudo()
        domain = self._pcve_held_domain(company, date_from, date_to, communities)

        def count(extra):
            return Session._read_group(domain + extra, [], ["__count"])[0][0]

        def by(fname):
            return {
                key: tuple(values)
                for key, *values in Session._read_group(domain, [fname], PEOPLE)
            }

        return {
            "by_format": by("format"),
            "by_level": by("level"),
            "by_topic": [
                (topic.name if topic else None, *values)
                for topic, *values in Session._read_group(domain, ["topic_ids"], PEOPLE)
            ],
            "by_community": {
                community.id: tuple(values)
                for community, *values in Session._read_group(
                    domain, ["community_ids"], PEOPLE
                )
            },
            "recurring": count([("series_id", "!=", False)]),
            "neutral": count([("venue_id.is_neutral", "=", True)]),
            "with_women": count([("attendance_women", ">", 0)]),
            "with_youth": count([("attendance_youth", ">", 0)]),
            "totals": Session._read_group(domain, [], PEOPLE)[0],
        }

    @api.model
    def _pcve_engagement_figures(self, company, date_from, date_to):
        """Sessions held in the period per community, all of them and those
        on extremism (a topic that is not an everyday issue), and how many
        such sessions there were: three aggregate queries."""
        company = self._pcve_figures_company(company)
        Session = self.sudo()
        domain = self._pcve_held_domain(company, date_from, date_to, None)
        extremism = domain + [("topic_ids.is_everyday", "=", False)]
        return {
            "held_by_community": {
                community.id: n
                for community, n in Session._read_group(
                    domain, ["community_ids"], ["__count"]
                )
                if community
            },
            "extremism_by_community": {
                community.id: n
                for community, n in Session._read_group(
                    extremism, ["community_ids"], ["__count"]
                )
                if community
            },
            "extremism": Session._read_group(extremism, [], ["__count"])[0][0],
        }

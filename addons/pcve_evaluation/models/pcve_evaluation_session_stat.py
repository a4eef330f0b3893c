from odoo import fields, models, tools
from odoo.tools import SQL

from .evaluation_stat_tools import _selection

# Sums of a cell's sessions, as (view column, field, the whole it is part of):
# attendance counts people, the others count sessions. Each is disclosed like
# a count of the cell, and so is what it leaves of its whole.
MEASURES = [
    ("attendance", "attendance_count", None),
    ("women", "attendance_women", "attendance"),
    ("youth", "attendance_youth", "attendance"),
    ("recurring", "recurring_count", "n"),
    ("neutral", "neutral_count", "n"),
    ("majority", "majority_count", "n"),
]


class PcveEvaluationSessionStat(models.Model):
    """Safe-space sessions as counts per month, state, format and level, with
    their attendance, without names, venues or single sessions.

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records (confidential
    sessions included), and never one session or a count below the disclosure
    threshold (see the mixin). A small cell first gives up its level, then its
    format, then its state.
    """

    _name = "pcve.evaluation.session.stat"
    _description = "Safe-space session statistics"
    _inherit = ["pcve.evaluation.stat.mixin"]
    _auto = False
    _order = "period desc, id"
    _pcve_count_field = "session_count"
    _depends = {
        "pcve.safespace.session": [
            "company_id",
            "start",
            "state",
            "format",
            "level",
            "attendance_count",
            "attendance_women",
            "attendance_youth",
            "series_id",
            "venue_id",
            "includes_majority",
        ],
        "pcve.venue": ["is_neutral"],
        "res.company": ["pcve_disclosure_threshold"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    period = fields.Date(
        string="Month",
        readonly=True,
        help="The first day of the month in which the sessions start.",
    )
    state = fields.Selection(
        selection=lambda self: _selection(self, "pcve.safespace.session", "state"),
        readonly=True,
    )
    format = fields.Selection(
        selection=lambda self: _selection(self, "pcve.safespace.session", "format"),
        readonly=True,
    )
    level = fields.Selection(
        selection=lambda self: _selection(self, "pcve.safespace.session", "level"),
        readonly=True,
    )
    session_count = fields.Integer(string="Sessions", readonly=True)
    suppressed = fields.Boolean(
        string="Small count (suppressed)",
        readonly=True,
        help="Sessions of the month that no category could bring above the "
        "disclosure threshold: their number is not shown.",
    )
    attendance_count = fields.Integer(string="Attendance", readonly=True)
    attendance_women = fields.Integer(string="Women", readonly=True)
    attendance_youth = fields.Integer(string="Youth", readonly=True)
    recurring_count = fields.Integer(string="Sessions of a series", readonly=True)
    neutral_count = fields.Integer(string="Sessions at a neutral venue", readonly=True)
    majority_count = fields.Integer(
        string="Sessions with the majority community", readonly=True
    )

    def init(self):
        records = self.env["pcve.safespace.session"]._pcve_stat_rows_sql()
        keys = ["company_id", "period"]
        categories = ["state", "format", "level"]
        sums = [column for column, _field, _whole in MEASURES]
        cells = self._pcve_cells_sql(records, keys, categories, sums)
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS (
                SELECT (row_number() OVER (ORDER BY %(columns)s))::integer AS id,
                       %(columns)s,
                       CASE WHEN n > t THEN n END AS session_count,
                       n <= t AS suppressed,
                       %(measures)s
                  FROM (%(cells)s) AS cells
                )
                """,
                view=SQL.identifier(self._table),
                columns=SQL(", ").join(map(SQL.identifier, keys + categories)),
                measures=SQL(", ").join(
                    SQL(
                        "%s AS %s",
                        self._pcve_disclosed_sql(column, whole),
                        SQL.identifier(name),
                    )
                    for column, name, whole in MEASURES
                ),
                cells=cells,
            )
        )

from odoo import fields, models
from odoo.tools import SQL

from .evaluation_stat_tools import category

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
    _pcve_stat_model = "pcve.safespace.session"
    _pcve_stat_categories = ("state", "format", "level")
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

    period = fields.Date(
        string="Month",
        readonly=True,
        help="The first day of the month in which the sessions start.",
    )
    state = category("pcve.safespace.session", "state")
    format = category("pcve.safespace.session", "format")
    level = category("pcve.safespace.session", "level")
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

    def _pcve_measures(self):
        """The sums of MEASURES, each disclosed with what it leaves of its whole."""
        return [column for column, _field, _whole in MEASURES], [
            SQL(
                "%s AS %s",
                self._pcve_disclosed_sql(column, whole),
                SQL.identifier(name),
            )
            for column, name, whole in MEASURES
        ]

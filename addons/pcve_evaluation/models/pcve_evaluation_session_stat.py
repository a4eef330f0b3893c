from odoo import fields, models
from odoo.tools import SQL

from .evaluation_stat_tools import _selection


class PcveEvaluationSessionStat(models.Model):
    """Safe-space sessions as counts and attendance figures, without names or venues.

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records.
    """

    _name = "pcve.evaluation.session.stat"
    _description = "Safe-space session statistics"
    _inherit = ["pcve.input.mixin"]
    _auto = False
    _order = "start desc"

    company_id = fields.Many2one("res.company", readonly=True)
    start = fields.Datetime(readonly=True)
    format = fields.Selection(
        selection=lambda self: _selection(self, "pcve.safespace.session", "format"),
        readonly=True,
    )
    level = fields.Selection(
        selection=lambda self: _selection(self, "pcve.safespace.session", "level"),
        readonly=True,
    )
    state = fields.Selection(
        selection=lambda self: _selection(self, "pcve.safespace.session", "state"),
        readonly=True,
    )
    recurring = fields.Boolean(string="Part of a series", readonly=True)
    neutral_venue = fields.Boolean(readonly=True)
    includes_majority = fields.Boolean(
        string="Majority community involved", readonly=True
    )
    session_count = fields.Integer(string="Sessions", readonly=True)
    attendance_count = fields.Integer(string="Attendance", readonly=True)
    attendance_women = fields.Integer(string="Women", readonly=True)
    attendance_youth = fields.Integer(string="Youth", readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                SELECT session.id,
                       session.company_id,
                       session.start,
                       session.format,
                       session.level,
                       session.state,
                       session.series_id IS NOT NULL AS recurring,
                       COALESCE(venue.is_neutral, FALSE) AS neutral_venue,
                       session.includes_majority,
                       1 AS session_count,
                       session.attendance_count,
                       session.attendance_women,
                       session.attendance_youth
                  FROM pcve_safespace_session session
                  LEFT JOIN pcve_venue venue ON venue.id = session.venue_id
                )
                """,
                SQL.identifier(self._table),
            )
        )

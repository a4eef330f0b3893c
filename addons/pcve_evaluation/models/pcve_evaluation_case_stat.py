from odoo import fields, models
from odoo.tools import SQL

from .evaluation_stat_tools import _selection


class PcveEvaluationCaseStat(models.Model):
    """Cases as counts: no reference, pseudonym, subject, note or free text.

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records.
    """

    _name = "pcve.evaluation.case.stat"
    _description = "Case statistics"
    _inherit = ["pcve.input.mixin"]
    _auto = False
    _order = "signal_date desc"

    company_id = fields.Many2one("res.company", readonly=True)
    signal_date = fields.Date(readonly=True)
    closed_on = fields.Date(readonly=True)
    stage = fields.Selection(
        selection=lambda self: _selection(self, "pcve.case", "stage"), readonly=True
    )
    signal_source = fields.Selection(
        selection=lambda self: _selection(self, "pcve.case", "signal_source"),
        readonly=True,
    )
    concern_type = fields.Selection(
        selection=lambda self: _selection(self, "pcve.case", "concern_type"),
        readonly=True,
    )
    case_count = fields.Integer(string="Cases", readonly=True)
    days_open = fields.Integer(
        string="Days from signal to closure", aggregator="avg", readonly=True
    )

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                SELECT pcve_case.id,
                       pcve_case.company_id,
                       pcve_case.signal_date,
                       pcve_case.closed_on,
                       pcve_case.stage,
                       pcve_case.signal_source,
                       pcve_case.concern_type,
                       1 AS case_count,
                       pcve_case.closed_on - pcve_case.signal_date AS days_open
                  FROM pcve_case
                )
                """,
                SQL.identifier(self._table),
            )
        )

from odoo import fields, models
from odoo.tools import SQL

from .evaluation_stat_tools import _selection


class PcveEvaluationConcernStat(models.Model):
    """Community concerns by topic, community and state, without names or texts.

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records.
    """

    _name = "pcve.evaluation.concern.stat"
    _description = "Concern statistics"
    _inherit = ["pcve.input.mixin"]
    _auto = False
    _order = "raised_on desc"

    company_id = fields.Many2one("res.company", readonly=True)
    raised_on = fields.Date(readonly=True)
    responded_on = fields.Date(readonly=True)
    topic = fields.Selection(
        selection=lambda self: _selection(self, "pcve.concern", "topic"),
        readonly=True,
    )
    state = fields.Selection(
        selection=lambda self: _selection(self, "pcve.concern", "state"),
        readonly=True,
    )
    community_id = fields.Many2one("pcve.community", readonly=True)
    reported_back = fields.Boolean(readonly=True)
    concern_count = fields.Integer(string="Concerns", readonly=True)
    days_to_response = fields.Integer(aggregator="avg", readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                %s
                )
                """,
                SQL.identifier(self._table),
                self.env["pcve.concern"]._pcve_stat_rows_sql(),
            )
        )

from odoo import fields, models
from odoo.tools import SQL

from .evaluation_stat_tools import _selection


class PcveEvaluationPartnerStat(models.Model):
    """Partners by type, level and engagement stage, counts only.

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records.
    """

    _name = "pcve.evaluation.partner.stat"
    _description = "Partner statistics"
    _inherit = ["pcve.input.mixin"]
    _auto = False
    _order = "id"

    company_id = fields.Many2one("res.company", readonly=True)
    org_type = fields.Selection(
        selection=lambda self: _selection(self, "res.partner", "pcve_org_type"),
        string="Type of partner",
        readonly=True,
    )
    collaboration_level = fields.Selection(
        selection=lambda self: _selection(
            self, "res.partner", "pcve_collaboration_level"
        ),
        readonly=True,
    )
    engagement_stage = fields.Selection(
        selection=lambda self: _selection(self, "res.partner", "pcve_engagement_stage"),
        readonly=True,
    )
    partner_count = fields.Integer(string="Partners", readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                %s
                )
                """,
                SQL.identifier(self._table),
                self.env["res.partner"]._pcve_stat_rows_sql(),
            )
        )

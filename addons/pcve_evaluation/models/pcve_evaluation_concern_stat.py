from odoo import fields, models

from .evaluation_stat_tools import category


class PcveEvaluationConcernStat(models.Model):
    """Community concerns by topic, community and state, without names or texts.

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records.
    """

    _name = "pcve.evaluation.concern.stat"
    _description = "Concern statistics"
    _inherit = ["pcve.evaluation.stat.mixin"]
    _auto = False
    _pcve_stat_model = "pcve.concern"
    _pcve_period_field = "raised_on"
    _order = "raised_on desc"

    raised_on = fields.Date(readonly=True)
    responded_on = fields.Date(readonly=True)
    topic = category("pcve.concern", "topic")
    state = category("pcve.concern", "state")
    community_id = fields.Many2one("pcve.community", readonly=True)
    reported_back = fields.Boolean(readonly=True)
    concern_count = fields.Integer(string="Concerns", readonly=True)
    days_to_response = fields.Integer(aggregator="avg", readonly=True)

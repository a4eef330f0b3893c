from odoo import fields, models

from .evaluation_stat_tools import category


class PcveEvaluationPartnerStat(models.Model):
    """Partners by company, type, level and engagement stage, counts only
    (one row per distinct combination).

    A read-only SQL view for the evaluation pivot and graph views: evaluation
    managers get figures without access to the underlying records.
    """

    _name = "pcve.evaluation.partner.stat"
    _description = "Partner statistics"
    _inherit = ["pcve.evaluation.stat.mixin"]
    _auto = False
    _pcve_stat_model = "res.partner"
    _pcve_rollup_count = "partner_count"
    _order = "id"

    org_type = category("res.partner", "pcve_org_type", string="Type of partner")
    collaboration_level = category("res.partner", "pcve_collaboration_level")
    engagement_stage = category("res.partner", "pcve_engagement_stage")
    partner_count = fields.Integer(string="Partners", readonly=True)

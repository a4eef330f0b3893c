from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_assessment_validity_years = fields.Integer(
        related="company_id.pcve_assessment_validity_years", readonly=False
    )
    pcve_reassessment_notice_days = fields.Integer(
        related="company_id.pcve_reassessment_notice_days", readonly=False
    )
    pcve_active_charter_id = fields.Many2one(
        related="company_id.pcve_active_charter_id",
        readonly=False,
        check_company=True,
    )

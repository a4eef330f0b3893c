from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_case_retention_years = fields.Integer(
        related="company_id.pcve_case_retention_years", readonly=False
    )
    pcve_nfa_retention_months = fields.Integer(
        related="company_id.pcve_nfa_retention_months", readonly=False
    )
    pcve_referral_link_days = fields.Integer(
        related="company_id.pcve_referral_link_days", readonly=False
    )

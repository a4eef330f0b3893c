from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_case_retention_years = fields.Integer(
        related="company_id.pcve_case_retention_years", readonly=False
    )

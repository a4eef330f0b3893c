from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_review_interval_months = fields.Integer(
        related="company_id.pcve_review_interval_months", readonly=False
    )

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_disclosure_threshold = fields.Integer(
        related="company_id.pcve_disclosure_threshold", readonly=False
    )

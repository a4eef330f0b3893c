from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_audit_retention_months = fields.Integer(
        related="company_id.pcve_audit_retention_months", readonly=False
    )

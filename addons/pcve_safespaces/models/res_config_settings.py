from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_show_confidential_busy = fields.Boolean(
        related="company_id.pcve_show_confidential_busy", readonly=False
    )
    pcve_invitation_notice_days = fields.Integer(
        related="company_id.pcve_invitation_notice_days", readonly=False
    )
    pcve_series_max_sessions = fields.Integer(
        related="company_id.pcve_series_max_sessions", readonly=False
    )
    pcve_series_horizon_months = fields.Integer(
        related="company_id.pcve_series_horizon_months", readonly=False
    )

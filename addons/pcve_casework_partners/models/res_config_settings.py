from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_volunteer_briefing_required = fields.Boolean(
        related="company_id.pcve_volunteer_briefing_required", readonly=False
    )

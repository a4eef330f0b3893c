from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_trained_moderator_required = fields.Boolean(
        related="company_id.pcve_trained_moderator_required", readonly=False
    )

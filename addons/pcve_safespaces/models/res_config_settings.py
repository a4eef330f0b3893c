from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_show_confidential_busy = fields.Boolean(
        string="Show busy slots of confidential sessions",
        config_parameter="pcve_safespaces.show_confidential_busy",
        help="Other safe-space users see that a confidential session takes "
        "place at a time, without its name, venue or people.",
    )

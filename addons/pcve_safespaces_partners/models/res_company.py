from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pcve_trained_moderator_required = fields.Boolean(
        string="Confidential sessions need a trained moderator",
        help="Confirming a confidential session needs a moderator with a valid "
        "'Safe-space moderation' training in the training register of Partners.",
    )

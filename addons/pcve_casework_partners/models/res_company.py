from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pcve_volunteer_briefing_required = fields.Boolean(
        string="Faith volunteers need a valid briefing",
        help="A faith volunteer joins a case team only with a valid 'Faith "
        "volunteer briefing' training in the training register of Partners.",
    )

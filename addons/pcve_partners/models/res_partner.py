from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    pcve_is_partner = fields.Boolean(
        string="P/CVE partner",
        index=True,
        help="A civil-society partner the municipality maps or works with.",
    )
    pcve_community_ids = fields.Many2many(
        "pcve.community",
        "pcve_community_partner_rel",
        "partner_id",
        "community_id",
        string="Communities",
    )

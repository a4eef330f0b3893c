from odoo import fields, models


class PcveCharterSignature(models.Model):
    _name = "pcve.charter.signature"
    _description = "Charter signature"
    _inherit = ["pcve.input.mixin"]
    _order = "signed_on desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    charter_id = fields.Many2one(
        "pcve.charter", required=True, index=True, ondelete="restrict"
    )
    signed_on = fields.Date(required=True, default=fields.Date.context_today)
    signatory = fields.Char(
        required=True, help="Name and role of the person who signed for the partner."
    )

    _partner_charter_uniq = models.Constraint(
        "UNIQUE(partner_id, charter_id)",
        "A partner signs a charter once.",
    )

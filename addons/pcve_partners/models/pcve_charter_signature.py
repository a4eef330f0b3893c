from odoo import fields, models


class PcveCharterSignature(models.Model):
    _name = "pcve.charter.signature"
    _description = "Charter signature"
    _inherit = ["pcve.input.mixin"]
    _order = "signed_on desc, id desc"
    _rec_name = "partner_id"
    # Signed on the portal for the organisation: by whom, never when (a
    # signature given there is dated the day it was given).
    _pcve_portal_fields = {
        "read": (
            "display_name",
            "partner_id",
            "charter_id",
            "signatory",
            "signed_on",
            "channel",
        ),
        "create": ("partner_id", "charter_id", "signatory", "channel"),
    }

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
    channel = fields.Selection(
        [("paper", "Paper"), ("portal", "Portal")],
        required=True,
        default="paper",
        help="Portal: signed by the partner's own portal user (Created by), on "
        "the day it was recorded.",
    )

    _partner_charter_uniq = models.Constraint(
        "UNIQUE(partner_id, charter_id)",
        "A partner signs a charter once.",
    )

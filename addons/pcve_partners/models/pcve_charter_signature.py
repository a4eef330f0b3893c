from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("signed_on", "channel")
    def _check_portal_date(self):
        """A signature given on the portal (by a portal user) is dated the day
        it was given; staff may record one given earlier."""
        for signature in self.filtered(
            lambda s: s.channel == "portal" and s.create_uid._is_portal()
        ):
            given = fields.Date.context_today(signature, signature.create_date)
            if signature.signed_on != given:
                raise ValidationError(
                    self.env._(
                        "A charter signed on the portal is dated the day it was "
                        "signed (%(date)s).",
                        date=given,
                    )
                )

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class PcveNetworkMember(models.Model):
    """A key figure in a network. Who is in it, and the personal details
    (gender, age band, consent to be called in a crisis), are read by the
    network's coordinators and the partners managers only."""

    _name = "pcve.network.member"
    _description = "Network member"
    _pcve_parent_fields = ("network_id",)
    _inherit = ["pcve.input.mixin"]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    _order = "network_id, since desc, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    network_id = fields.Many2one(
        "pcve.network", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="network_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Key figure",
        required=True,
        index=True,
        check_company=True,
        help="The person, or the organisation the member speaks for.",
    )
    community_id = fields.Many2one("pcve.community", index=True)
    role = fields.Selection(
        [
            ("faith_leader", "Faith leader"),
            ("youth", "Youth"),
            ("women_group", "Women's group"),
            ("sports", "Sports"),
            ("neighbourhood", "Neighbourhood"),
            ("education", "Education"),
            ("individual", "Individual"),
            ("other", "Other"),
        ],
        required=True,
        default="individual",
        help="Every role but 'Individual' speaks for an organisation.",
    )
    gender = fields.Selection(
        [
            ("female", "Female"),
            ("male", "Male"),
            ("other", "Other"),
            ("undisclosed", "Undisclosed"),
        ],
        default="undisclosed",
        groups="pcve_partners.group_pcve_user",
    )
    age_band = fields.Selection(
        [
            ("under_25", "Under 25"),
            ("25_44", "25 to 44"),
            ("45_64", "45 to 64"),
            ("65_plus", "65 and over"),
        ],
        groups="pcve_partners.group_pcve_user",
    )
    since = fields.Date(default=fields.Date.context_today)
    until = fields.Date()
    crisis_contact_consent = fields.Boolean(
        string="May be called in a crisis",
        help="The member agreed to be contacted when a crisis strikes.",
    )

    @api.constrains("since", "until")
    def _check_dates(self):
        for member in self:
            if member.since and member.until and member.until < member.since:
                raise ValidationError(
                    self.env._("A member cannot leave a network before joining it.")
                )

    @api.model
    def _active_domain(self, day):
        """Members on ``day``: joined by then, not left before."""
        return Domain.AND(
            [
                Domain("since", "=", False) | Domain("since", "<=", day),
                Domain("until", "=", False) | Domain("until", ">=", day),
            ]
        )

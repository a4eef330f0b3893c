from odoo import api, fields, models

from odoo.addons.pcve_base.tools import compute_counts

NON_NEUTRAL_VENUE_TYPES = (
    "police_station",
    "security_office",
    "social_services_office",
)


class PcveVenue(models.Model):
    """A place where safe-space sessions are held.

    A safe space is local, informal and not associated with police, security or
    social services: venues of those types are never neutral.
    """

    _name = "pcve.venue"
    _description = "Safe-space venue"
    _inherit = ["pcve.safespace.mixin", "pcve.thread.mixin"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country")
    venue_type = fields.Selection(
        [
            ("community_centre", "Community centre"),
            ("youth_centre", "Youth centre"),
            ("library", "Library"),
            ("sports_club", "Sports club"),
            ("place_of_worship", "Place of worship"),
            ("school", "School"),
            ("cafe", "Café"),
            ("police_station", "Police station"),
            ("security_office", "Security office"),
            ("social_services_office", "Social services office"),
            ("other", "Other"),
        ],
        required=True,
        default="community_centre",
        tracking=True,
    )
    is_neutral = fields.Boolean(
        compute="_compute_is_neutral",
        store=True,
        help="Not associated with police, security or social services.",
    )
    step_free = fields.Boolean(help="Accessible without steps (wheelchair, pram).")
    public_transport = fields.Boolean(help="Reachable by public transport.")
    informal = fields.Boolean(help="A local, informal setting.")
    capacity = fields.Integer(help="Maximum number of people; 0 means not limited.")
    session_ids = fields.One2many("pcve.safespace.session", "venue_id")
    session_count = fields.Integer(compute="_compute_session_count")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )

    _capacity_positive = models.Constraint(
        "CHECK (capacity >= 0)", "The capacity of a venue cannot be negative."
    )

    @api.depends("venue_type")
    def _compute_is_neutral(self):
        for venue in self:
            venue.is_neutral = venue.venue_type not in NON_NEUTRAL_VENUE_TYPES

    def _compute_session_count(self):
        compute_counts(self, "session_count", "pcve.safespace.session", "venue_id")

    def action_view_sessions(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_safespaces.pcve_safespace_session_action"
        )
        action["domain"] = [("venue_id", "=", self.id)]
        action["context"] = {"default_venue_id": self.id}
        return action

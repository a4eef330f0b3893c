from odoo import api, fields, models


class PcveCommunity(models.Model):
    """A community as its members perceive it: by place, identity or organisation.

    The majority community is represented like any other, so that engagement is
    never only about minorities.
    """

    _name = "pcve.community"
    _description = "Community"
    _inherit = ["pcve.input.mixin", "pcve.thread.mixin", "mail.activity.mixin"]
    # pcve_partners hands this to its managers
    _pcve_company_manager_group = "base.group_system"
    _order = "name"
    # the portal's list of communities to raise a concern for
    _pcve_portal_fields = {"read": ("display_name", "name")}

    name = fields.Char(required=True, tracking=True, translate=True)
    active = fields.Boolean(default=True)
    basis = fields.Selection(
        [
            ("location", "Location"),
            ("identity", "Identity"),
            ("organisation", "Type of organisation"),
        ],
        required=True,
        default="location",
        tracking=True,
        help="What delineates this community: a place, a shared identity "
        "or a type of organisation.",
    )
    description = fields.Html()
    group_kind = fields.Selection(
        [
            ("majority", "Majority"),
            ("established_minority", "Established minority"),
            ("newly_arrived", "Newly arrived"),
            ("youth", "Youth"),
            ("other", "Other"),
        ],
        string="Kind of group",
        default="other",
        tracking=True,
        help="Newly arrived: refugees and asylum seekers, those whose asylum "
        "was refused included. The evaluation asks whether they are reached and "
        "whether one non-majority community carries the extremism-labelled work.",
    )
    # Kept for the code, data and figures written before group_kind: derived
    # from it, and setting it sets the kind.
    is_majority = fields.Boolean(
        string="Majority community",
        compute="_compute_is_majority",
        inverse="_inverse_is_majority",
        store=True,
        help="The majority community takes part in engagement too.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "pcve_community_partner_rel",
        "community_id",
        "partner_id",
        string="Partners",
    )
    partner_count = fields.Integer(compute="_compute_partner_count")
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )

    @api.depends("group_kind")
    def _compute_is_majority(self):
        for community in self:
            community.is_majority = community.group_kind == "majority"

    def _inverse_is_majority(self):
        for community in self:
            if community.is_majority:
                community.group_kind = "majority"
            elif community.group_kind == "majority":
                community.group_kind = "other"

    def _compute_partner_count(self):
        for community in self:
            community.partner_count = len(community.partner_ids)

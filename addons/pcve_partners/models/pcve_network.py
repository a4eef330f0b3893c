from odoo import api, fields, models
from odoo.fields import Domain


class PcveNetwork(models.Model):
    """A network of key figures: civilians, communities, local professionals.

    Diversity and representativeness are key: the network shows which of the
    municipality's communities it does not reach (the majority community and
    newly arrived groups included), the share of women and of young people,
    and whether it only speaks with organisations' representatives.
    Everyone who reads the network reads these figures; its members are for
    its coordinators and the partners managers.
    """

    _name = "pcve.network"
    _description = "Network of key figures"
    _inherit = ["pcve.input.mixin", "pcve.thread.mixin"]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    coordinator_user_ids = fields.Many2many(
        "res.users",
        "pcve_network_coordinator_rel",
        "network_id",
        "user_id",
        string="Coordinators",
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("pcve_partners.group_pcve_user").ids)
        ],
        help="They keep the members up to date and read their personal details.",
    )
    member_ids = fields.One2many("pcve.network.member", "network_id", string="Members")
    active_member_count = fields.Integer(compute="_compute_figures", compute_sudo=True)
    coverage_gap_community_ids = fields.Many2many(
        "pcve.community",
        string="Communities not reached",
        compute="_compute_figures",
        compute_sudo=True,
        help="The company's active communities without an active member, the "
        "majority community and newly arrived groups included.",
    )
    women_share = fields.Float(
        string="Women (%)", compute="_compute_figures", compute_sudo=True
    )
    youth_share = fields.Float(
        string="Under 25 (%)", compute="_compute_figures", compute_sudo=True
    )
    representative_only = fields.Boolean(
        string="Representatives only",
        compute="_compute_figures",
        compute_sudo=True,
        help="Every active member speaks for an organisation; no individual.",
    )

    @api.depends(
        "company_id",
        "member_ids.since",
        "member_ids.until",
        "member_ids.gender",
        "member_ids.age_band",
        "member_ids.role",
        "member_ids.community_id",
    )
    @api.depends_context("date")
    def _compute_figures(self):
        """One grouped query over the active members of all the networks, one
        search of the communities of their companies."""
        Member = self.env["pcve.network.member"]
        domain = Domain("network_id", "in", self.ids) & Member._active_domain(
            fields.Date.context_today(self)
        )
        figures = {}
        for network, gender, age_band, role, community, count in Member._read_group(
            domain,
            ["network_id", "gender", "age_band", "role", "community_id"],
            ["__count"],
        ):
            total = figures.setdefault(
                network.id,
                {
                    "count": 0,
                    "women": 0,
                    "youth": 0,
                    "individuals": 0,
                    "reached": set(),
                },
            )
            total["count"] += count
            total["women"] += count if gender == "female" else 0
            total["youth"] += count if age_band == "under_25" else 0
            total["individuals"] += count if role == "individual" else 0
            if community:
                total["reached"].add(community.id)
        communities = self.env["pcve.community"].search(
            [("company_id", "in", [*self.company_id.ids, False])]
        )
        for network in self:
            total = figures.get(network.id, {})
            count = total.get("count", 0)
            network.active_member_count = count
            network.women_share = 100.0 * total.get("women", 0) / count if count else 0
            network.youth_share = 100.0 * total.get("youth", 0) / count if count else 0
            network.representative_only = bool(count) and not total["individuals"]
            reached = total.get("reached", set())
            network.coverage_gap_community_ids = communities.filtered(
                lambda c, n=network, r=reached: (
                    (not c.company_id or c.company_id == n.company_id) and c.id not in r
                )
            )

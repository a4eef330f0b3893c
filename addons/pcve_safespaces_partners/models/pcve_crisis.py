from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

CRISIS_TEAM = "pcve_safespaces.group_safespace_organiser"


class PcveCrisis(models.Model):
    """A crisis calls the key figures of a network who consented to it."""

    _inherit = "pcve.crisis"

    contact_ids = fields.One2many(
        "pcve.crisis.contact",
        "crisis_id",
        string="Network contacts",
        groups=CRISIS_TEAM,
    )
    contact_count = fields.Integer(
        compute="_compute_network_reached", groups=CRISIS_TEAM
    )
    network_reached_pct = fields.Float(
        string="Network reached (%)",
        compute="_compute_network_reached",
        groups=CRISIS_TEAM,
        help="The crisis's network contacts with the outcome 'Reached', divided "
        "by all its network contacts, times 100; 0 while it has no contact.",
    )

    @api.depends("contact_ids.outcome")
    def _compute_network_reached(self):
        """One grouped query for the whole recordset."""
        figures = {}
        for crisis, outcome, count in self.env["pcve.crisis.contact"]._read_group(
            [("crisis_id", "in", self.ids)], ["crisis_id", "outcome"], ["__count"]
        ):
            total, reached = figures.get(crisis.id, (0, 0))
            figures[crisis.id] = (
                total + count,
                reached + (count if outcome == "reached" else 0),
            )
        for crisis in self:
            total, reached = figures.get(crisis.id, (0, 0))
            crisis.contact_count = total
            crisis.network_reached_pct = 100.0 * reached / total if total else 0.0

    def action_activate_network(self, network_id):
        """Add a contact for each active member of the network who consented
        to crisis contact and has none for this crisis yet (one batch), then
        open the crisis's contacts. By those who may change the crisis, with
        a network of its company they may read."""
        self.ensure_one()
        self.check_access("write")
        if type(network_id) is not int or network_id <= 0:
            raise UserError(self.env._("Network activation: name a network by its id."))
        network = self.env["pcve.network"].browse(network_id).exists()
        if not network:
            raise UserError(
                self.env._("Network activation: network %(id)s does not exist.", id=network_id)
            )
        if not network._filtered_access("read"):
            raise AccessError(
                self.env._(
                    "Network activation: you may not read this network; the crisis "
                    "team reads the networks of its companies."
                )
            )
        if self.state == "closed" or network.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "Network activation: crisis '%(crisis)s' calls the networks of "
                    "its own company, while it is not closed.",
                    crisis=self.name,
                )
            )
        Contact = self.env["pcve.crisis.contact"]
        Member = self.env["pcve.network.member"]
        contacted = Contact.search([("crisis_id", "=", self.id)]).member_id.ids
        members = Member.search(
            Domain("network_id", "=", network.id)
            & Domain("crisis_contact_consent", "=", True)
            & Domain("id", "not in", contacted)
            & Member._active_domain(fields.Date.context_today(self))
        )
        with Contact._pcve_workflow():
            Contact.create(
                [{"crisis_id": self.id, "member_id": member.id} for member in members]
            )
        return self.action_open_contacts()

    def action_open_contacts(self):
        """The crisis's network contacts (the smart button)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Network contacts"),
            "res_model": "pcve.crisis.contact",
            "view_mode": "list,form",
            "domain": [("crisis_id", "=", self.id)],
            "context": {"create": False},
        }

from odoo import fields, models


class PcveCrisisNetworkWizard(models.TransientModel):
    """Picks the network a crisis calls."""

    _name = "pcve.crisis.network.wizard"
    _description = "Activate a network"
    _inherit = ["pcve.input.mixin"]

    crisis_id = fields.Many2one("pcve.crisis", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="crisis_id.company_id")
    network_id = fields.Many2one(
        "pcve.network", required=True, domain="[('company_id', '=', company_id)]"
    )

    def action_activate(self):
        self.ensure_one()
        return self.crisis_id.action_activate_network(self.network_id.id)

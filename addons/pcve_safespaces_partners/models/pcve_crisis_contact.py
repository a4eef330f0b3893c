from odoo import fields, models


class PcveCrisisContact(models.Model):
    """A network member called when a crisis strikes: only members who
    consented to crisis contact, created by activating a network on the
    crisis (``pcve.crisis.action_activate_network``). The crisis and the
    member are recorded by the activation; the crisis team records the call."""

    _name = "pcve.crisis.contact"
    _description = "Crisis contact"
    _inherit = ["pcve.safespace.mixin"]
    _order = "crisis_id, outcome, id"
    _rec_name = "member_id"
    _pcve_parent_fields = ("crisis_id",)
    _pcve_workflow_fields = ("crisis_id", "member_id")

    crisis_id = fields.Many2one(
        "pcve.crisis", required=True, ondelete="cascade", index=True
    )
    member_id = fields.Many2one(
        "pcve.network.member",
        string="Network member",
        required=True,
        ondelete="cascade",
        index=True,
    )
    contacted_on = fields.Datetime()
    outcome = fields.Selection(
        [
            ("to_call", "To call"),
            ("reached", "Reached"),
            ("no_answer", "No answer"),
            ("declined", "Declined"),
        ],
        required=True,
        default="to_call",
    )
    company_id = fields.Many2one(related="crisis_id.company_id", store=True, index=True)

    _crisis_member_unique = models.Constraint(
        "UNIQUE(crisis_id, member_id)",
        "A network member is contacted once per crisis.",
    )

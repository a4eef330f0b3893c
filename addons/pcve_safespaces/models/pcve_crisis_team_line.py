from odoo import fields, models

from .pcve_crisis_playbook_step import TEAMS


class PcveCrisisTeamLine(models.Model):
    """A team of the crisis response: practical, media or civic."""

    _name = "pcve.crisis.team.line"
    _description = "Crisis team"
    _inherit = ["pcve.safespace.mixin"]
    _order = "crisis_id, team"

    crisis_id = fields.Many2one(
        "pcve.crisis", required=True, ondelete="cascade", index=True
    )
    team = fields.Selection(TEAMS, required=True)
    member_partner_ids = fields.Many2many("res.partner", string="Members")
    member_user_ids = fields.Many2many("res.users", string="Staff members")
    mission = fields.Text(help="E.g. damaged houses, media portrayal, meetings.")
    company_id = fields.Many2one(related="crisis_id.company_id", store=True, index=True)

    _team_unique = models.Constraint(
        "unique(crisis_id, team)", "A crisis has one team of each kind."
    )

from odoo import api, fields, models

from .pcve_crisis_playbook_step import TEAMS


class PcveCrisisTask(models.Model):
    """A checklist task of a crisis, generated from the playbook."""

    _name = "pcve.crisis.task"
    _description = "Crisis task"
    _inherit = ["pcve.safespace.mixin"]
    _order = "crisis_id, sequence, id"

    crisis_id = fields.Many2one(
        "pcve.crisis", required=True, ondelete="cascade", index=True
    )
    step_id = fields.Many2one("pcve.crisis.playbook.step", ondelete="set null")
    name = fields.Char(required=True)
    description = fields.Text()
    sequence = fields.Integer(default=10)
    team = fields.Selection(TEAMS)
    user_id = fields.Many2one("res.users", string="Assigned to")
    done = fields.Boolean()
    done_on = fields.Date(
        compute="_compute_done_on", store=True, readonly=False, copy=False
    )
    company_id = fields.Many2one(related="crisis_id.company_id", store=True, index=True)

    @api.depends("done")
    def _compute_done_on(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.done_on = task.done and (task.done_on or today)

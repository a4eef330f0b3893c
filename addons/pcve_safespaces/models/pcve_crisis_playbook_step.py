from odoo import fields, models

TEAMS = [
    ("practical", "Practical team"),
    ("media", "Media team"),
    ("civic", "Civic team"),
]


class PcveCrisisPlaybookStep(models.Model):
    """A step of the crisis playbook; each new crisis gets a task per step."""

    _name = "pcve.crisis.playbook.step"
    _description = "Crisis playbook step"
    _inherit = ["pcve.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    team = fields.Selection(TEAMS, help="The team that usually takes this step.")
    active = fields.Boolean(default=True)

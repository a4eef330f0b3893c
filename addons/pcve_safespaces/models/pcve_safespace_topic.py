from odoo import fields, models


class PcveSafespaceTopic(models.Model):
    """What a session talks about. Everyday topics come first (paper: "What")."""

    _name = "pcve.safespace.topic"
    _description = "Safe-space topic"
    _inherit = ["pcve.input.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_everyday = fields.Boolean(
        string="Everyday issue",
        default=True,
        help="An everyday issue people care about (parking, housing, running "
        "water), to start with before extremism is addressed.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("unique(name)", "This topic already exists.")

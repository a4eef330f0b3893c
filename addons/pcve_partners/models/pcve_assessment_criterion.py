from odoo import fields, models


class PcveAssessmentCriterion(models.Model):
    """A criterion every partner assessment looks at (configurable template)."""

    _name = "pcve.assessment.criterion"
    _description = "Assessment criterion"
    _inherit = ["pcve.input.mixin"]
    _order = "sequence, id"
    # what the organisation is assessed on, never its ratings
    _pcve_portal_fields = {"read": ("display_name", "name", "guidance")}

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    guidance = fields.Text(
        translate=True, help="What to look at and where, for the assessor."
    )

from odoo import fields, models


class PcveAssessmentReference(models.Model):
    """A reference consulted about a partner; full assessments need two cross-checked."""

    _name = "pcve.assessment.reference"
    _description = "Assessment reference"
    _inherit = ["pcve.input.mixin", "pcve.assessment.content.mixin"]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    _order = "assessment_id, id"

    assessment_id = fields.Many2one(
        "pcve.partner.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    name = fields.Char(string="Referee", required=True)
    organisation = fields.Char()
    contact = fields.Char()
    statement = fields.Text()
    cross_checked = fields.Boolean(
        help="The statement was checked against another, independent source."
    )

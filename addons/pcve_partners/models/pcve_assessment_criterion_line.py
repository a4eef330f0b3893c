from odoo import fields, models


class PcveAssessmentCriterionLine(models.Model):
    _name = "pcve.assessment.criterion.line"
    _description = "Assessment finding on one criterion"
    _inherit = ["pcve.input.mixin", "pcve.assessment.content.mixin"]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one(
        "pcve.partner.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    criterion_id = fields.Many2one(
        "pcve.assessment.criterion", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    criterion_guidance = fields.Text(related="criterion_id.guidance", string="Guidance")
    finding = fields.Text()
    source = fields.Char(help="Where the finding comes from (media, records, ...).")
    rating = fields.Selection(
        [
            ("no_concern", "No concern"),
            ("concern", "Concern"),
            ("serious_concern", "Serious concern"),
        ]
    )

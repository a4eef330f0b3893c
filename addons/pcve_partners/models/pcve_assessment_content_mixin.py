from odoo import api, models


class PcveAssessmentContentMixin(models.AbstractModel):
    """Rows that are part of an assessment's prepared content (findings,
    references): every change goes through the assessment's content check."""

    _name = "pcve.assessment.content.mixin"
    _description = "Part of a partner assessment's content"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.assessment_id._check_content_change()
        return records

    def write(self, vals):
        assessments = self.assessment_id
        res = super().write(vals)
        (assessments | self.assessment_id)._check_content_change()
        return res

    def unlink(self):
        self.assessment_id._check_content_change()
        return super().unlink()

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_assessment_validity_years = fields.Integer(
        string="Assessment validity (years)",
        config_parameter="pcve_partners.assessment_validity_years",
        default=2,
    )
    pcve_reassessment_notice_days = fields.Integer(
        string="Re-assessment notice (days)",
        config_parameter="pcve_partners.reassessment_notice_days",
        default=60,
    )
    pcve_active_charter_id = fields.Many2one(
        "pcve.charter",
        string="Active charter",
        config_parameter="pcve_partners.active_charter_id",
        help="The charter partners must have signed before funding. Empty: the newest.",
    )

    @api.constrains("pcve_assessment_validity_years", "pcve_reassessment_notice_days")
    def _check_pcve_periods(self):
        for settings in self:
            if settings.pcve_assessment_validity_years < 1:
                raise ValidationError(
                    self.env._("An assessment is valid for at least one year.")
                )
            # Zero cannot be stored as a system parameter: it would read back
            # as the default.
            if settings.pcve_reassessment_notice_days < 1:
                raise ValidationError(
                    self.env._("The re-assessment notice is at least one day.")
                )

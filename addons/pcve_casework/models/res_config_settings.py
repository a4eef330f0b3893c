from odoo import api, fields, models
from odoo.exceptions import ValidationError

RETENTION_PARAM = "pcve_casework.retention_years"
DEFAULT_RETENTION_YEARS = 5
MIN_RETENTION_YEARS = 1


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_case_retention_years = fields.Integer(
        string="Case retention (years)",
        config_parameter=RETENTION_PARAM,
        default=DEFAULT_RETENTION_YEARS,
        help="A closed case is anonymised this many years after its closure.",
    )

    @api.constrains("pcve_case_retention_years")
    def _check_pcve_case_retention_years(self):
        for settings in self:
            if settings.pcve_case_retention_years < MIN_RETENTION_YEARS:
                raise ValidationError(
                    self.env._(
                        "Retention rule: closed cases are kept at least one year "
                        "before they are anonymised."
                    )
                )

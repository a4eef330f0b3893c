from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_RETENTION_YEARS = 5
MIN_RETENTION_YEARS = 1


class ResCompany(models.Model):
    _inherit = "res.company"

    pcve_case_retention_years = fields.Integer(
        string="Case retention (years)",
        default=DEFAULT_RETENTION_YEARS,
        help="A closed case is anonymised this many years after its closure.",
    )

    @api.constrains("pcve_case_retention_years")
    def _check_pcve_case_retention_years(self):
        for company in self:
            if company.pcve_case_retention_years < MIN_RETENTION_YEARS:
                raise ValidationError(
                    self.env._(
                        "Retention rule: closed cases are kept at least one year "
                        "before they are anonymised."
                    )
                )

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_RETENTION_YEARS = 5
MIN_RETENTION_YEARS = 1
DEFAULT_NFA_RETENTION_MONTHS = 12
MIN_NFA_RETENTION_MONTHS = 1
DEFAULT_REFERRAL_LINK_DAYS = 14


class ResCompany(models.Model):
    _inherit = "res.company"

    pcve_case_retention_years = fields.Integer(
        string="Case retention (years)",
        default=DEFAULT_RETENTION_YEARS,
        help="A closed case is anonymised this many years after its closure.",
    )
    pcve_nfa_retention_months = fields.Integer(
        string="No-further-action retention (months)",
        default=DEFAULT_NFA_RETENTION_MONTHS,
        help="A case closed with no further action at the signal or assessment "
        "stage is anonymised this many months after its closure.",
    )
    pcve_referral_link_days = fields.Integer(
        string="Referral link validity (days)",
        default=DEFAULT_REFERRAL_LINK_DAYS,
        help="How long the service a case is referred to may answer through "
        "the link it is sent.",
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

    @api.constrains("pcve_nfa_retention_months")
    def _check_pcve_nfa_retention_months(self):
        for company in self:
            if company.pcve_nfa_retention_months < MIN_NFA_RETENTION_MONTHS:
                raise ValidationError(
                    self.env._(
                        "Retention rule: cases closed with no further action are "
                        "kept at least one month before they are anonymised."
                    )
                )

    @api.constrains("pcve_referral_link_days")
    def _check_pcve_referral_link_days(self):
        for company in self:
            if company.pcve_referral_link_days < 1:
                raise ValidationError(
                    self.env._("A referral link is valid for at least one day.")
                )

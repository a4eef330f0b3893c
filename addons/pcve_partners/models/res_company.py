from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """The partners' settings of a municipality (see pcve_base's res.company)."""

    _inherit = "res.company"

    pcve_assessment_validity_years = fields.Integer(
        string="Assessment validity (years)",
        default=2,
        help="How long an approved assessment grants its collaboration level.",
    )
    pcve_reassessment_notice_days = fields.Integer(
        string="Re-assessment notice (days)",
        default=60,
        help="A re-assessment activity is scheduled this many days before expiry.",
    )
    pcve_active_charter_id = fields.Many2one(
        "pcve.charter",
        string="Active charter",
        ondelete="set null",
        check_company=True,
        help="The charter partners must have signed before funding. Empty: the newest.",
    )

    @api.constrains("pcve_assessment_validity_years", "pcve_reassessment_notice_days")
    def _check_pcve_periods(self):
        for company in self:
            if company.pcve_assessment_validity_years < 1:
                raise ValidationError(
                    self.env._("An assessment is valid for at least one year.")
                )
            if company.pcve_reassessment_notice_days < 1:
                raise ValidationError(
                    self.env._("The re-assessment notice is at least one day.")
                )

    @api.constrains("pcve_active_charter_id")
    def _check_pcve_active_charter(self):
        for company in self:
            charter_company = company.pcve_active_charter_id.sudo().company_id
            if charter_company and charter_company != company:
                raise ValidationError(
                    self.env._(
                        "Active charter rule: the active charter of %(company)s "
                        "is one of its own charters or a charter of all companies.",
                        company=company.name,
                    )
                )

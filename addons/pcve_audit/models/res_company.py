from odoo import api, fields, models
from odoo.exceptions import ValidationError

# How long the suite's audit trail (changes, openings and reads) is kept.
DEFAULT_AUDIT_RETENTION_MONTHS = 24
MIN_AUDIT_RETENTION_MONTHS = 6


class ResCompany(models.Model):
    _inherit = "res.company"

    pcve_audit_retention_months = fields.Integer(
        string="Audit trail retention (months)",
        default=DEFAULT_AUDIT_RETENTION_MONTHS,
        help="The suite's audit trail of this municipality (changes, openings "
        "and reads) is trimmed by a daily scheduled action after this many "
        "months. Set by the data-protection officer's decision.",
    )

    @api.constrains("pcve_audit_retention_months")
    def _check_pcve_audit_retention_months(self):
        for company in self:
            if company.pcve_audit_retention_months < MIN_AUDIT_RETENTION_MONTHS:
                raise ValidationError(
                    self.env._(
                        "Audit retention rule: the audit trail is kept at least "
                        "six months, so that who read and changed personal data "
                        "can be answered for."
                    )
                )

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_THRESHOLD = 4


class ResCompany(models.Model):
    _inherit = "res.company"

    pcve_disclosure_threshold = fields.Integer(
        string="Disclosure-control threshold",
        default=DEFAULT_THRESHOLD,
        help="In the evaluation workbook, counts of people from 1 up to this "
        "number are written as '<threshold+1' and the totals that would reveal "
        "them are suppressed; the statistics views never show such counts.",
    )

    @api.constrains("pcve_disclosure_threshold")
    def _check_pcve_disclosure_threshold(self):
        for company in self:
            if company.pcve_disclosure_threshold < 1:
                raise ValidationError(
                    self.env._(
                        "Disclosure rule: the threshold is at least 1, so that "
                        "small counts of people are never shown."
                    )
                )

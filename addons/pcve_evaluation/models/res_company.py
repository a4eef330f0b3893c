from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_REVIEW_INTERVAL_MONTHS = 12
MAX_REVIEW_INTERVAL_MONTHS = 60


class ResCompany(models.Model):
    _inherit = "res.company"

    # The pcve_evaluation.review_interval_months: a setting per
    # municipality, so a company field, prefixed pcve_ as every suite setting
    # (the prefix is what keeps it to the company's settings managers).
    pcve_review_interval_months = fields.Integer(
        string="Review interval (months)",
        default=DEFAULT_REVIEW_INTERVAL_MONTHS,
        help="When the last done review's period ended this many months ago, "
        "a scheduled action drafts the next review for the evaluation managers.",
    )

    @api.constrains("pcve_review_interval_months")
    def _check_pcve_review_interval_months(self):
        for company in self:
            if (
                not 1
                <= company.pcve_review_interval_months
                <= MAX_REVIEW_INTERVAL_MONTHS
            ):
                raise ValidationError(
                    self.env._(
                        "Review rule: the programme is evaluated every 1 to "
                        "%(max)s months.",
                        max=MAX_REVIEW_INTERVAL_MONTHS,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "pcve_disclosure_threshold" in vals:
            # the statistics never show cells cut with another threshold
            for Stat in self.env["pcve.evaluation.stat.mixin"]._pcve_stat_models():
                Stat._pcve_refresh()
        return result

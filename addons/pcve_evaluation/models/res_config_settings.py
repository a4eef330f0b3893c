from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..report.evaluation_workbook import DEFAULT_THRESHOLD, THRESHOLD_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_disclosure_threshold = fields.Integer(
        string="Disclosure-control threshold",
        config_parameter=THRESHOLD_PARAM,
        default=DEFAULT_THRESHOLD,
        help="In the evaluation workbook, counts of people from 1 up to this "
        "number are written as '<threshold+1' and the totals that would reveal "
        "them are suppressed; the statistics views never show such counts.",
    )

    @api.constrains("pcve_disclosure_threshold")
    def _check_pcve_disclosure_threshold(self):
        for settings in self:
            if settings.pcve_disclosure_threshold < 1:
                raise ValidationError(
                    self.env._(
                        "Disclosure rule: the threshold is at least 1, so that "
                        "small counts of people are never shown."
                    )
                )

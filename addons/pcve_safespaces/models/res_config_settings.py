from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .pcve_safespace_session import DEFAULT_NOTICE_DAYS, NOTICE_DAYS_PARAM

MAX_NOTICE_DAYS = 365


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pcve_show_confidential_busy = fields.Boolean(
        string="Show busy slots of confidential sessions",
        config_parameter="pcve_safespaces.show_confidential_busy",
        help="Other safe-space users see that a confidential session takes "
        "place at a time, without its name, venue or people.",
    )
    pcve_invitation_notice_days = fields.Integer(
        string="Advance notice for invitations (days)",
        config_parameter=NOTICE_DAYS_PARAM,
        default=DEFAULT_NOTICE_DAYS,
        help="Invitations go out at least this many days before a session; "
        "sending later asks the organiser to confirm. Sessions in response to "
        "a crisis are exempt.",
    )

    pcve_series_max_sessions = fields.Integer(
        related="company_id.pcve_series_max_sessions", readonly=False
    )
    pcve_series_horizon_months = fields.Integer(
        related="company_id.pcve_series_horizon_months", readonly=False
    )

    @api.constrains("pcve_invitation_notice_days")
    def _check_pcve_invitation_notice_days(self):
        for settings in self:
            if not 1 <= settings.pcve_invitation_notice_days <= MAX_NOTICE_DAYS:
                raise ValidationError(
                    self.env._(
                        "Advance-notice rule: invitations go out between 1 and "
                        "%(max)s days before a session.",
                        max=MAX_NOTICE_DAYS,
                    )
                )

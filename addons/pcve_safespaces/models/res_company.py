from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Sane maxima of the series settings: one request plans at most this many
# sessions, at most this many months ahead.
MAX_SESSIONS_AT_ONCE = 200
MAX_HORIZON_MONTHS = 36
DEFAULT_SESSIONS_AT_ONCE = 100
DEFAULT_HORIZON_MONTHS = 12
# Invitations go out at least this many days before a session.
DEFAULT_NOTICE_DAYS = 14
MAX_NOTICE_DAYS = 365


class ResCompany(models.Model):
    _inherit = "res.company"

    pcve_series_max_sessions = fields.Integer(
        string="Sessions planned at once",
        default=DEFAULT_SESSIONS_AT_ONCE,
        help="Saving a series plans at most this many sessions; a scheduled "
        "action plans the others.",
    )
    pcve_series_horizon_months = fields.Integer(
        string="Planning horizon (months)",
        default=DEFAULT_HORIZON_MONTHS,
        help="Sessions of a series are planned this many months ahead; later "
        "ones are added by a scheduled action as the date comes closer.",
    )
    pcve_invitation_notice_days = fields.Integer(
        string="Advance notice for invitations (days)",
        default=DEFAULT_NOTICE_DAYS,
        help="Invitations go out at least this many days before a session; "
        "sending later asks the organiser to confirm. Sessions in response to "
        "a crisis are exempt.",
    )
    pcve_show_confidential_busy = fields.Boolean(
        string="Show busy slots of confidential sessions",
        help="Other safe-space users see that a confidential session takes "
        "place at a time, without its name, venue or people.",
    )

    @api.constrains("pcve_series_max_sessions", "pcve_series_horizon_months")
    def _check_pcve_series_limits(self):
        for company in self:
            if not 1 <= company.pcve_series_max_sessions <= MAX_SESSIONS_AT_ONCE:
                raise ValidationError(
                    self.env._(
                        "Series rule: saving a series plans between 1 and %(max)s "
                        "sessions at once.",
                        max=MAX_SESSIONS_AT_ONCE,
                    )
                )
            if not 1 <= company.pcve_series_horizon_months <= MAX_HORIZON_MONTHS:
                raise ValidationError(
                    self.env._(
                        "Series rule: sessions are planned between 1 and %(max)s "
                        "months ahead.",
                        max=MAX_HORIZON_MONTHS,
                    )
                )

    @api.constrains("pcve_invitation_notice_days")
    def _check_pcve_invitation_notice_days(self):
        for company in self:
            if not 1 <= company.pcve_invitation_notice_days <= MAX_NOTICE_DAYS:
                raise ValidationError(
                    self.env._(
                        "Advance-notice rule: invitations go out between 1 and "
                        "%(max)s days before a session.",
                        max=MAX_NOTICE_DAYS,
                    )
                )

    def _pcve_series_limits(self):
        """(sessions planned at once, horizon in months), within the maxima
        whatever the database holds."""
        self.ensure_one()
        return (
            min(
                max(self._pcve_setting("pcve_series_max_sessions"), 1),
                MAX_SESSIONS_AT_ONCE,
            ),
            min(
                max(self._pcve_setting("pcve_series_horizon_months"), 1),
                MAX_HORIZON_MONTHS,
            ),
        )

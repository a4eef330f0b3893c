from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Sane maxima of the series settings: one request plans at most this many
# sessions, at most this many months ahead.
MAX_SESSIONS_AT_ONCE = 200
MAX_HORIZON_MONTHS = 36
DEFAULT_SESSIONS_AT_ONCE = 100
DEFAULT_HORIZON_MONTHS = 12


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

    def _pcve_series_limits(self):
        """(sessions planned at once, horizon in months), within the maxima
        whatever the database holds."""
        self.ensure_one()
        return (
            min(max(self.pcve_series_max_sessions, 1), MAX_SESSIONS_AT_ONCE),
            min(max(self.pcve_series_horizon_months, 1), MAX_HORIZON_MONTHS),
        )

import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import DEFAULT_DISCLOSURE_THRESHOLD

_logger = logging.getLogger(__name__)

# Every field of a company named so is a setting of the suite (see below).
SETTING_PREFIX = "pcve_"


class ResCompany(models.Model):
    """Settings that differ between municipalities live on their company.

    Every ``pcve_*`` field of a company is such a setting: shown in Settings
    (a related field of ``res.config.settings``), changed by the settings
    managers (``base.group_system``) of that company only, and read through
    ``_pcve_setting`` with the company of the record concerned. Each addon
    adds its own fields.
    """

    _inherit = "res.company"

    # Read by every domain that publishes counts of people (the evaluation
    # workbook, the safe spaces' annual incident report): so it lives here.
    pcve_disclosure_threshold = fields.Integer(
        string="Disclosure-control threshold",
        default=DEFAULT_DISCLOSURE_THRESHOLD,
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

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_setting_access(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._pcve_check_setting_access([vals])
        return super().write(vals)

    def _pcve_check_setting_access(self, vals_list):
        """The settings constrain the people who work with them: only the
        settings managers of the companies concerned change them."""
        if self.env.su or not any(
            name.startswith(SETTING_PREFIX) for vals in vals_list for name in vals
        ):
            return
        if not self.env.user.has_group("base.group_system") or (
            self - self.env.user.company_ids
        ):
            raise AccessError(
                self.env._(
                    "Only the settings managers of a municipality change its "
                    "Community Engagement settings, in Settings."
                )
            )

    def _pcve_setting(self, name):
        """The value of the suite's setting ``name`` for this company, the
        current company's for a record without company: every reader passes
        the company of the record concerned."""
        company = self or self.env.company
        company.ensure_one()
        return company[name]

    def _pcve_settings_from_parameters(self, fields_by_key):
        """Upgrade from the global settings: each of these companies takes the
        value of the system parameter ``key`` into its field, unless its rules
        refuse it (it keeps the default), then the parameter goes."""
        Param = self.env["ir.config_parameter"].sudo()
        for key, fname in fields_by_key.items():
            param = Param.search([("key", "=", key)])
            if not param:
                continue
            field = self._fields[fname]
            raw = (param.value or "").strip()
            try:
                if field.type == "boolean":
                    value = raw.lower() in ("true", "1")
                elif field.type == "many2one":
                    value = self.env[field.comodel_name].browse(int(raw)).exists().id
                else:
                    value = int(raw)
            except ValueError:
                value = None
            for company in self.sudo():
                refused = value is None
                if not refused:
                    try:
                        with self.env.cr.savepoint():
                            company.write({fname: value})
                    except ValidationError:
                        refused = True
                if refused:
                    _logger.warning(
                        "%s: %r does not fit company %s, which keeps %r",
                        key,
                        raw,
                        company.id,
                        company[fname],
                    )
            param.unlink()

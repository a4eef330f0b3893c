import datetime

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.pcve_base.tools import Disclosure

from .pcve_site import FAITHS
from .pcve_site_incident import KINDS


class PcveSiteIncident(models.Model):
    """The annual report of incidents against sites (see
    ``pcve.figures.mixin``: organisers and managers, own companies only)."""

    _name = "pcve.site.incident"
    _inherit = ["pcve.site.incident", "pcve.figures.mixin"]
    _pcve_figures_groups = ("pcve_safespaces.group_safespace_organiser",)

    @api.model
    def annual_report(self, year, company_id=None):
        """Incidents of ``year`` at the sites of the company (the user's
        current one by default): per faith, every faith listed even at zero
        (equal treatment), and per kind. A count from 1 up to the company's
        disclosure threshold N is written "<N". Two grouped queries, whatever
        the number of incidents.

        For the readers of incidents who read their figures: organisers and
        managers (other domains compose ``_pcve_annual_report``)."""
        self.check_access("read")
        return self._pcve_annual_report(year, company_id)

    @api.model
    def _pcve_annual_report(self, year, company_id=None, disclosure=None):
        """The figures of :meth:`annual_report`, for whoever reads the figures
        of incidents (``pcve.figures.mixin``: the evaluation workbook's, which
        passes its own ``disclosure`` control)."""
        self._pcve_check_figures_access()
        year = self._pcve_report_year(year)
        company = self._pcve_figures_company(self._pcve_report_company(company_id))
        if disclosure is None:
            # below the threshold N, written "<N"
            threshold = company._pcve_setting("pcve_disclosure_threshold")
            disclosure = Disclosure(threshold - 1)
        domain = [
            ("occurred_on", ">=", datetime.date(year, 1, 1)),
            ("occurred_on", "<=", datetime.date(year, 12, 31)),
            ("company_id", "=", company.id),
        ]
        by_faith = {
            faith: {"incidents": 0, "responded": 0, "interfaith_responses": 0}
            for faith, _label in FAITHS
        }
        by_kind = dict.fromkeys((kind for kind, _label in KINDS), 0)
        total = 0
        for faith, kind, state, count in self.sudo()._read_group(
            domain, ["faith", "kind", "state"], ["__count"]
        ):
            by_faith[faith]["incidents"] += count
            if state != "new":
                by_faith[faith]["responded"] += count
            by_kind[kind] += count
            total += count
        responses = self.env["pcve.site.incident.response"].sudo()
        for faith, count in responses._read_group(
            [("is_interfaith", "=", True)]
            + [(f"incident_id.{fname}", op, value) for fname, op, value in domain],
            ["incident_id.faith"],
            ["__count"],
        ):
            by_faith[faith]["interfaith_responses"] = count
        return {
            "year": year,
            "by_faith": {
                faith: {name: disclosure.cell(n) for name, n in counts.items()}
                for faith, counts in by_faith.items()
            },
            "by_kind": {kind: disclosure.cell(n) for kind, n in by_kind.items()},
            "total": disclosure.cell(total),
        }

    @api.model
    def _pcve_report_year(self, year):
        if type(year) is not int or not 1 <= year <= 9999:
            raise UserError(
                self.env._("Annual report: the year is a number, such as 2026.")
            )
        return year

    @api.model
    def _pcve_report_company(self, company_id):
        if company_id in (None, False):
            return self.env.company
        if type(company_id) is not int or company_id <= 0:
            raise UserError(
                self.env._("Annual report: the company is given by its id.")
            )
        return self.env["res.company"].browse(company_id)

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class PcveFiguresMixin(models.AbstractModel):
    """The figures a domain owns about its records, for the managers who
    account for the programme.

    Each domain addon gives its models methods that return figures (counts,
    sums, medians) and names in ``_pcve_figures_groups`` the managers who read
    them; another addon lets its own managers in by extending
    ``_pcve_may_read_figures`` (the evaluation manager). Such a manager may
    not read the records themselves (cases, confidential sessions), yet the
    figures are about all of them: the figure methods read as superuser, only
    within the caller's companies (``_pcve_figures_domain``), and return
    aggregates only, never a record.
    """

    _name = "pcve.figures.mixin"
    _description = "Figures that managers read"
    # XML ids of the groups whose users read the figures of the model.
    _pcve_figures_groups = ()

    def _pcve_may_read_figures(self):
        """Whether the user may read the figures of this model (the
        superuser may: scheduled jobs, the shell, the benchmark)."""
        return self.env.su or any(
            self.env.user.has_group(group) for group in self._pcve_figures_groups
        )

    @api.model
    def _pcve_figures_domain(self, domain):
        """``domain`` within the caller's companies (and records of no
        company), once the caller may read the figures."""
        self._pcve_check_figures_access()
        return Domain(domain) & Domain(
            "company_id", "in", [*self.env.companies.ids, False]
        )

    @api.model
    def _pcve_figures_company(self, company):
        """``company``, once the caller may read the figures and works in it."""
        self._pcve_check_figures_access(company)
        return company

    def _pcve_check_figures_access(self, company=None):
        if not self._pcve_may_read_figures() or (
            company and company not in self.env.companies
        ):
            raise AccessError(
                self.env._(
                    "Only managers can read the figures of %(model)s, and only "
                    "of their own companies.",
                    model=self._description,
                )
            )

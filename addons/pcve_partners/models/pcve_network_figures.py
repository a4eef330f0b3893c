from odoo import api, models


class PcveNetwork(models.Model):
    """The figures about networks of key figures (see ``pcve.figures.mixin``:
    aggregates only, for managers): the networks' own batch computation."""

    _name = "pcve.network"
    _inherit = ["pcve.network", "pcve.figures.mixin"]
    _pcve_figures_groups = ("pcve_partners.group_pcve_manager",)

    @api.model
    def _pcve_network_figures(self, company):
        """Per network of ``company``: active members, women, youth and the
        communities it does not reach (names), as plain tuples; a fixed
        number of queries (the networks' batch computation)."""
        company = self._pcve_figures_company(company)
        networks = self.sudo().search([("company_id", "=", company.id)])
        return [
            (
                network.name,
                network.active_member_count,
                round(network.women_share * network.active_member_count / 100),
                round(network.youth_share * network.active_member_count / 100),
                network.coverage_gap_community_ids.mapped("name"),
            )
            for network in networks
        ]

from odoo import fields, models


class PcveCommunity(models.Model):
    """The partners of a community are the suite's partners, and the partners
    managers file communities in any of their companies."""

    _inherit = "pcve.community"
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"

    partner_ids = fields.Many2many(domain=[("pcve_is_partner", "=", True)])

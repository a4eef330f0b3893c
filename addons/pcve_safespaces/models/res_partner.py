from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .pcve_site import FAITHS


class ResPartner(models.Model):
    """The faith of an organisation that runs no site of the register (a
    church council, a humanist association), for joint responses."""

    _inherit = "res.partner"

    pcve_faith = fields.Selection(
        FAITHS,
        string="Faith",
        help="The faith of an organisation. The sites it runs give it theirs "
        "first; a person never has one recorded here.",
    )
    pcve_site_ids = fields.One2many(
        "pcve.site",
        "partner_id",
        string="Sites run",
        groups="pcve_safespaces.group_safespace_user",
    )

    @api.constrains("pcve_faith", "is_company")
    def _check_pcve_faith(self):
        """A person's religion is a special category of personal data: the
        register records the faith of organisations only."""
        if self.filtered(lambda partner: partner.pcve_faith and not partner.is_company):
            raise ValidationError(
                self.env._(
                    "Faith rule: only an organisation has a faith recorded, never "
                    "a person."
                )
            )

    def _pcve_faiths(self):
        """{partner id: set of faiths}: those of the sites each partner runs,
        else its own; the sites of all of them in one query (prefetched)."""
        return {
            partner.id: set(partner.pcve_site_ids.mapped("faith"))
            or {partner.pcve_faith} - {False}
            for partner in self
        }

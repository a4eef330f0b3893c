from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PcveCaseMember(models.Model):
    """With partner profiles installed, the initiative a faith volunteer acts
    on behalf of is chosen among the suite's partners, and only one the
    municipality trusts: a valid collaboration level, no open red flag."""

    _inherit = "pcve.case.member"

    acting_on_behalf_of_id = fields.Many2one(domain=[("pcve_is_partner", "=", True)])

    @api.constrains("role", "acting_on_behalf_of_id")
    def _check_initiative_trust(self):
        initiatives = self.filtered(
            lambda m: m.role == "faith_volunteer"
        ).acting_on_behalf_of_id.filtered("pcve_is_partner")
        untrusted = initiatives - initiatives._pcve_trusted_initiatives()
        if untrusted:
            raise ValidationError(
                self.env._(
                    "Initiative gate: a faith volunteer acts only on behalf of a "
                    "partner with a valid collaboration level and no open red "
                    "flag; %(partner)s is not one now.",
                    partner=untrusted[0].display_name,
                )
            )

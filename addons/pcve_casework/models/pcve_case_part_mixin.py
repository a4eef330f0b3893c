from odoo import api, models
from odoo.exceptions import AccessError


class PcveCasePartMixin(models.AbstractModel):
    """What belongs to a case (its team, plan, conferences and notes) is in
    the company of the case. Its ``company_id`` is a stored related field,
    which the ORM would let anyone write: the part would then leave its
    case's company and reach that company's case managers."""

    _name = "pcve.case.part.mixin"
    _description = "Part of a case"

    @api.model_create_multi
    def create(self, vals_list):
        self._check_company_follows_case(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_company_follows_case([vals])
        return super().write(vals)

    def _check_company_follows_case(self, vals_list):
        if not self.env.su and any("company_id" in vals for vals in vals_list):
            raise AccessError(
                self.env._(
                    "The company of a case's team, plan, conferences and notes is "
                    "the company of the case: nobody sets it."
                )
            )

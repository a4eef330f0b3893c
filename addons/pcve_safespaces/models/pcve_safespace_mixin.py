from odoo import api, models
from odoo.exceptions import AccessError


class PcveSafespaceMixin(models.AbstractModel):
    """What the users of safe spaces never set themselves, through the form,
    an import or XML-RPC alike: the company of a record (managers move it; a
    new record belongs to one of the user's companies). The fields the system
    records are the state machine's workflow fields (``pcve.state.mixin``)."""

    _name = "pcve.safespace.mixin"
    _inherit = ["pcve.input.mixin", "pcve.state.mixin"]
    _description = "Safe-space record"

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        if not self.env.su:
            for vals in vals_list:
                if "company_id" in vals and not self._is_safespace_manager():
                    company = _id(vals["company_id"])
                    if company not in self.env.companies.ids:
                        raise AccessError(self._company_rule())
        return super().create(vals_list)

    def write(self, vals):
        self._pcve_check_vals(vals)
        if (
            not self.env.su
            and "company_id" in vals
            and not self._is_safespace_manager()
            and any(record.company_id.id != _id(vals["company_id"]) for record in self)
        ):
            raise AccessError(self._company_rule())
        return super().write(vals)

    def _is_safespace_manager(self):
        return self.env.user.has_group("pcve_safespaces.group_safespace_manager")

    def _company_rule(self):
        return self.env._(
            "Company rule: only a safe-space manager moves a record of safe "
            "spaces to another company or creates one outside your companies."
        )


def _id(value):
    return value.id if isinstance(value, models.BaseModel) else value

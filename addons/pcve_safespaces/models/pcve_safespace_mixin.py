from odoo import api, models
from odoo.exceptions import AccessError, UserError


class PcveSafespaceMixin(models.AbstractModel):
    """What the users of safe spaces never set themselves, through the form,
    an import or XML-RPC alike: the company of a record (managers move it; a
    new record belongs to one of the user's companies) and the fields the
    system records (``_pcve_system_fields``, written as superuser)."""

    _name = "pcve.safespace.mixin"
    _inherit = ["pcve.input.mixin"]
    _description = "Safe-space record"
    _pcve_system_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        if not self.env.su:
            for vals in vals_list:
                self._check_system_fields(vals)
                if "company_id" in vals and not self._is_safespace_manager():
                    company = _id(vals["company_id"])
                    if company not in self.env.companies.ids:
                        raise AccessError(self._company_rule())
        return super().create(vals_list)

    def write(self, vals):
        self._pcve_check_vals(vals)
        if not self.env.su:
            self._check_system_fields(vals)
            if (
                "company_id" in vals
                and not self._is_safespace_manager()
                and any(
                    record.company_id.id != _id(vals["company_id"]) for record in self
                )
            ):
                raise AccessError(self._company_rule())
        return super().write(vals)

    def _check_system_fields(self, vals):
        for name in self._pcve_system_fields:
            if name in vals:
                raise UserError(
                    self.env._(
                        "%(field)s of %(model)s is recorded by the system; it "
                        "cannot be set by hand.",
                        field=self._fields[name]._description_string(self.env),
                        model=self.env["ir.model"].sudo()._get(self._name).name,
                    )
                )

    def _is_safespace_manager(self):
        return self.env.user.has_group("pcve_safespaces.group_safespace_manager")

    def _company_rule(self):
        return self.env._(
            "Company rule: only a safe-space manager moves a record of safe "
            "spaces to another company or creates one outside your companies."
        )


def _id(value):
    return value.id if isinstance(value, models.BaseModel) else value

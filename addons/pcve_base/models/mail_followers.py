from odoo import api, models
from odoo.fields import Domain


class MailFollowers(models.Model):
    """Who follows a record of the suite is as confidential as the record:
    the followers of a case are its team. Odoo lets every employee read every
    follower; the followers of a suite record (see ``pcve.thread.mixin``) are
    visible here only to who may read the record."""

    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        if not (self.env.su or kwargs.get("bypass_access")):
            domain = Domain(domain) & self._pcve_visible_domain()
        return super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "read" or not self or self.env.su:
            return result
        return self.env["pcve.thread.mixin"]._pcve_check_reader_access(
            self, "res_model", "res_id"
        )

    @api.model
    def _pcve_visible_domain(self):
        """Followers of other models, and of the suite records one may read."""
        thread_models = self.env["pcve.thread.mixin"]._pcve_thread_models()
        visible = [Domain("res_model", "not in", thread_models)]
        for name in thread_models:
            Model = self.env[name].with_context(active_test=False)
            if Model.has_access("read"):
                visible.append(
                    Domain("res_model", "=", name)
                    & Domain("res_id", "in", Model._search([]))
                )
        return Domain.OR(visible)

from odoo import api, models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    """The frozen workbook of a done evaluation review cannot be changed or
    deleted, by anyone: not through the chatter's trash icon (which deletes
    with sudo), not by a write of its data or name, not by the administrator.
    It goes only with its module."""

    _inherit = "ir.attachment"

    @api.ondelete(at_uninstall=True)
    def _unlink_except_frozen_workbook(self):
        self._pcve_check_frozen_workbook()

    def write(self, vals):
        self._pcve_check_frozen_workbook()
        return super().write(vals)

    def _pcve_check_frozen_workbook(self):
        if not self:
            return
        # sudo: the check must also see reviews the current user cannot read
        reviews = (
            self.env["pcve.evaluation.review"]
            .sudo()
            .search(
                [("workbook_attachment_id", "in", self.ids), ("state", "=", "done")],
                limit=1,
            )
        )
        if reviews and not reviews._pcve_uninstalling():
            raise UserError(
                self.env._(
                    "%(file)s is the frozen workbook of the done review '%(name)s': "
                    "it cannot be changed, renamed or deleted.",
                    file=reviews.workbook_attachment_id.name,
                    name=reviews.name,
                )
            )

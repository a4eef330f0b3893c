from odoo import api, fields, models
from odoo.exceptions import UserError


class AuditlogLogLine(models.Model):
    """Lines of the suite's logs: as their log, and a line of a restricted
    field (e.g. the intelligence check) only for that field's group."""

    _inherit = "auditlog.log.line"

    pcve_field_group_id = fields.Many2one(
        "res.groups", string="Field readers", readonly=True, index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        logs = (
            self.env["auditlog.log"]
            .sudo()
            .browse([vals["log_id"] for vals in vals_list if vals.get("log_id")])
        )
        if not self.env.su and (
            logs.filtered("pcve_reader_group_id")
            or any(vals.get("pcve_field_group_id") for vals in vals_list)
        ):
            raise UserError(
                self.env._(
                    "The audit trail of the P/CVE suite is written by the system only."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        logs = self.sudo().log_id | self.env["auditlog.log"].sudo().browse(
            vals.get("log_id") or []
        )
        if logs.filtered("pcve_reader_group_id") or "pcve_field_group_id" in vals:
            raise UserError(
                self.env._("The audit trail of the P/CVE suite cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_pcve(self):
        if not self.env.su and self.sudo().log_id.filtered("pcve_reader_group_id"):
            raise UserError(
                self.env._("The audit trail of the P/CVE suite cannot be deleted.")
            )

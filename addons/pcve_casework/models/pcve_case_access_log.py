from odoo import api, fields, models
from odoo.exceptions import UserError


class PcveCaseAccessLog(models.Model):
    _name = "pcve.case.access.log"
    _description = "Case access log"
    _inherit = ["pcve.input.mixin"]
    _order = "at desc, id desc"
    _rec_name = "case_id"

    # restrict: a case that was opened cannot be deleted (use erasure instead),
    # so that the log of who saw it survives
    case_id = fields.Many2one(
        "pcve.case", required=True, ondelete="restrict", index=True, readonly=True
    )
    user_id = fields.Many2one("res.users", required=True, index=True, readonly=True)
    at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    kind = fields.Selection(
        [
            ("open", "Opened"),
            ("read", "Read (RPC)"),
            ("export", "Subject-access export"),
            ("erasure", "Erasure"),
        ],
        required=True,
        readonly=True,
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

    @api.model
    def _log(self, cases, kind):
        """Written with sudo: users read cases, they never write the log."""
        self.sudo().create(
            [
                {"case_id": case.id, "user_id": self.env.uid, "kind": kind}
                for case in cases
            ]
        )

    def write(self, vals):
        if self:
            raise UserError(self.env._("The case access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The case access log cannot be deleted."))

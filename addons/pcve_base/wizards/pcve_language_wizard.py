from odoo import api, fields, models
from odoo.exceptions import UserError


class PcveLanguageWizard(models.TransientModel):
    """ "Send anyway": the sender's explicit confirmation, with a reason, that a
    text flagged by the language rules goes out as it is. The one way past
    ``pcve.language.mixin``'s gate; the send runs with the sender's rights."""

    _name = "pcve.language.wizard"
    _description = "Send a flagged text anyway"
    _inherit = ["pcve.input.mixin"]

    res_model = fields.Char(string="Model", required=True)
    res_id = fields.Many2oneReference(
        string="Record", model_field="res_model", required=True
    )
    warning = fields.Text(compute="_compute_warning")
    reason = fields.Text(
        help="Why the text goes out as it is: logged on the record, with your "
        "name and the date."
    )

    @api.depends("res_model", "res_id")
    def _compute_warning(self):
        for wizard in self:
            record = wizard._record()
            wizard.warning = record.language_warning if record else False

    def action_send_anyway(self):
        self.ensure_one()
        record = self._record()
        if not record:
            raise UserError(
                self.env._("Send anyway: the record does not exist (any more).")
            )
        record.check_access("read")
        result = record._pcve_language_send_anyway(self.reason or "")
        if isinstance(result, dict):
            return result
        return {"type": "ir.actions.act_window_close"}

    def _record(self):
        """The record whose text goes out, of a model with the language check."""
        self.ensure_one()
        descendants = self.env.registry.descendants(["pcve.language.mixin"], "_inherit")
        if self.res_model not in descendants or self.res_model == "pcve.language.mixin":
            raise UserError(
                self.env._(
                    "Send anyway works on the texts the language rules check, "
                    "not on %(model)s.",
                    model=self.res_model,
                )
            )
        return self.env[self.res_model].browse(self.res_id).exists()

from odoo import api, fields, models


class PcveConcernCloseWizard(models.TransientModel):
    """Confirms closing concerns whose response was not reported back."""

    _name = "pcve.concern.close.wizard"
    _description = "Close concerns without reporting back"
    _inherit = ["pcve.input.mixin"]

    concern_ids = fields.Many2many("pcve.concern", required=True)
    not_reported_ids = fields.Many2many(
        "pcve.concern", compute="_compute_not_reported_ids"
    )

    @api.depends("concern_ids")
    def _compute_not_reported_ids(self):
        for wizard in self:
            wizard.not_reported_ids = wizard.concern_ids.filtered(
                lambda c: not c.reported_back
            )

    def action_confirm(self):
        self.concern_ids.with_context(pcve_confirm_close=True).action_close()
        return {"type": "ir.actions.act_window_close"}

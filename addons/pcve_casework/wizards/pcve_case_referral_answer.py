from odoo import fields, models


class PcveCaseReferralAnswer(models.TransientModel):
    """The reason of a decline or the outcome of a completed referral, asked
    for by the form's buttons (over RPC they are the methods' argument)."""

    _name = "pcve.case.referral.answer"
    _inherit = ["pcve.input.mixin"]
    _description = "Answer to a referral"

    referral_id = fields.Many2one("pcve.case.referral", required=True)
    kind = fields.Selection(
        [("decline", "Decline"), ("complete", "Complete")],
        required=True,
        default="decline",
    )
    text = fields.Text(string="Reason or outcome")

    def action_confirm(self):
        """Record the answer; without a text, the dialog asks for it again."""
        self.ensure_one()
        if not (self.text or "").strip():
            return self.referral_id._answer_dialog(self.kind)
        if self.kind == "decline":
            self.referral_id.action_decline(self.text)
        else:
            self.referral_id.action_complete(self.text)
        return {"type": "ir.actions.act_window_close"}

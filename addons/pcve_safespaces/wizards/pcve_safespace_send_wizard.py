from odoo import api, fields, models


class PcveSafespaceSendWizard(models.TransientModel):
    """Shows language-rule warnings before invitations go out; sending stays possible."""

    _name = "pcve.safespace.send.wizard"
    _description = "Send safe-space invitations"
    _inherit = ["pcve.input.mixin"]

    session_ids = fields.Many2many("pcve.safespace.session", required=True)
    warning = fields.Text(compute="_compute_warning")

    @api.depends("session_ids")
    def _compute_warning(self):
        for wizard in self:
            wizard.warning = "\n\n".join(
                f"{session.name}:\n{session.language_warning}"
                for session in wizard.session_ids
                if session.language_warning
            )

    def action_send(self):
        self.session_ids.with_context(
            pcve_language_checked=True
        ).action_send_invitations()
        return {"type": "ir.actions.act_window_close"}

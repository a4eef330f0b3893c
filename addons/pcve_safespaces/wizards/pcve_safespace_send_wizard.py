from odoo import api, fields, models
from odoo.exceptions import UserError


class PcveSafespaceSendWizard(models.TransientModel):
    """The step before invitations go out: language-rule warnings (sending
    stays possible) and short notice (sending needs an explicit confirmation)."""

    _name = "pcve.safespace.send.wizard"
    _description = "Send safe-space invitations"
    _inherit = ["pcve.input.mixin"]

    session_ids = fields.Many2many("pcve.safespace.session", required=True)
    warning = fields.Text(compute="_compute_warning")
    short_notice_ids = fields.Many2many(
        "pcve.safespace.session",
        string="Sessions at short notice",
        compute="_compute_short_notice",
    )
    notice_days = fields.Integer(
        string="Advance notice (days)", compute="_compute_short_notice"
    )
    confirm_short_notice = fields.Boolean(
        string="Send at short notice",
        help="I confirm that these invitations go out later than the advance "
        "notice; the confirmation is logged on the session.",
    )

    @api.depends("session_ids")
    def _compute_warning(self):
        for wizard in self:
            wizard.warning = "\n\n".join(
                f"{session.name}:\n{session.language_warning}"
                for session in wizard.session_ids
                if session.language_warning
            )

    @api.depends("session_ids")
    def _compute_short_notice(self):
        days = self.env["pcve.safespace.session"]._invitation_notice_days()
        for wizard in self:
            wizard.short_notice_ids = wizard.session_ids._short_notice_sessions()
            wizard.notice_days = days

    def action_send(self):
        self.ensure_one()
        late = self.session_ids._short_notice_sessions()
        if late and not self.confirm_short_notice:
            raise UserError(self.session_ids._short_notice_message(late))
        self.session_ids._send_invitations(short_notice_confirmed=bool(late))
        return {"type": "ir.actions.act_window_close"}

from odoo import api, fields, models


class PcveSafespaceSendWizard(models.TransientModel):
    """The step before invitations go out: language-rule warnings and short
    notice. "Send anyway" is the organiser's explicit confirmation: it sends,
    and the confirmation of short notice, and the reason for flagged wording
    (``pcve.language.mixin``), are logged on each session."""

    _name = "pcve.safespace.send.wizard"
    _description = "Send safe-space invitations"
    _inherit = ["pcve.input.mixin"]

    session_ids = fields.Many2many("pcve.safespace.session", required=True)
    warning = fields.Text(compute="_compute_warning")
    reason = fields.Text(
        help="Why the invitations go out with the flagged wording: logged on the "
        "session, with your name and the date."
    )
    short_notice_ids = fields.Many2many(
        "pcve.safespace.session",
        string="Sessions at short notice",
        compute="_compute_short_notice",
    )
    notice_days = fields.Integer(
        string="Advance notice (days)", compute="_compute_short_notice"
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
        for wizard in self:
            wizard.short_notice_ids = wizard.session_ids._short_notice_sessions()
            wizard.notice_days = wizard.session_ids._invitation_notice_days()

    def action_send(self):
        self.ensure_one()
        sessions = self.session_ids
        with sessions._pcve_language_confirmed(self.reason or ""):
            sessions._send_invitations(short_notice_confirmed=True)
        return {"type": "ir.actions.act_window_close"}

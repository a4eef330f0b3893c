from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import is_html_empty

from odoo.addons.pcve_base.models.pcve_language_mixin import (
    LANGUAGE_CONFIRMATION_FIELDS,
)

RESPONSE_DAYS_PARAM = "pcve_safespaces.concern_response_days"
ANSWERED = ("responded", "closed")


class PcveConcern(models.Model):
    """A concern a community raised: listen to concerns and react to them.

    Concerns need not be about P/CVE at all (parks, parking, running water):
    reacting to them builds trust. "You said, we did": the response is reported
    back to the community.
    """

    _name = "pcve.concern"
    _description = "Community concern"
    _inherit = [
        "pcve.safespace.mixin",
        "pcve.language.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _order = "raised_on desc, id desc"
    _check_company_auto = True
    # On the portal a community member raises a concern (what it is about,
    # whether he wants a reply) and follows it; its handling, dates and
    # handler are the municipality's (the reply shows once reported back).
    _pcve_portal_fields = {
        "read": (
            "display_name",
            "name",
            "description",
            "community_id",
            "raised_by_partner_id",
            "raised_on",
            "reply_wanted",
            "state",
            "reported_back",
            "portal_response",
        ),
        "create": (
            "name",
            "description",
            "community_id",
            "reply_wanted",
            "raised_by_partner_id",
        ),
    }
    # recorded by the system
    _pcve_workflow_fields = ("responded_by_id", *LANGUAGE_CONFIRMATION_FIELDS)
    # What the "you said, we did" reply quotes and answers.
    _pcve_language_fields = ("name", "description", "response")
    # The moves of the buttons (and of the form's clickable status bar): a
    # response is recorded before a concern counts as responded; a responded
    # or closed concern reopens in progress.
    _pcve_moves = {
        "state": {
            "new": {
                "in_progress": None,
                "responded": "_check_has_response",
                "closed": None,
            },
            "in_progress": {"responded": "_check_has_response", "closed": None},
            "responded": {"closed": None, "in_progress": None},
            "closed": {"in_progress": None},
        }
    }

    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    topic = fields.Selection(
        [
            ("housing", "Housing"),
            ("parking", "Parking"),
            ("traffic_safety", "Traffic safety"),
            ("public_space", "Public space"),
            ("education", "Education"),
            ("youth", "Youth"),
            ("discrimination", "Discrimination"),
            ("safety", "Safety"),
            ("utilities", "Utilities (water, energy)"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    community_id = fields.Many2one("pcve.community", tracking=True, index=True)
    session_id = fields.Many2one(
        "pcve.safespace.session",
        string="Raised in session",
        index=True,
        ondelete="set null",
        check_company=True,
    )
    raised_on = fields.Date(required=True, default=fields.Date.context_today)
    raised_by_partner_id = fields.Many2one(
        "res.partner",
        string="Raised by",
        tracking=True,
        index="btree_not_null",
        help="The partner or person who raised the concern and receives the "
        "'you said, we did' reply, in their language. Leave empty to keep the "
        "concern anonymous.",
    )
    reply_wanted = fields.Boolean(
        help="The raiser wants the 'you said, we did' reply (asked on the portal)."
    )
    # Who handles a concern is the municipality's business: staff only, never
    # shown to the community on the portal.
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        tracking=True,
        index=True,
        default=lambda self: self.env.user if self.env.user._is_internal() else False,
        groups="base.group_user",
    )
    # Html cannot be tracked (Odoo raises on every write): who responded and
    # when are tracked, and each new response text is logged in the chatter.
    response = fields.Html(help="What the municipality did or decided.")
    state = fields.Selection(
        [
            ("new", "New"),
            ("in_progress", "In progress"),
            ("responded", "Responded"),
            ("closed", "Closed"),
        ],
        required=True,
        default="new",
        tracking=True,
        group_expand=True,
        copy=False,
    )
    responded_on = fields.Date(
        compute="_compute_responded_on",
        store=True,
        readonly=False,
        tracking=True,
        copy=False,
    )
    responded_by_id = fields.Many2one(
        "res.users",
        string="Responded by",
        readonly=True,
        tracking=True,
        copy=False,
        groups="base.group_user",
        help="Who marked the concern as responded (recorded by the system).",
    )
    days_to_response = fields.Integer(
        compute="_compute_days_to_response",
        store=True,
        aggregator="avg",
        help="Calendar days from raising the concern to the response.",
    )
    response_deadline = fields.Date(
        compute="_compute_response_deadline",
        store=True,
        readonly=False,
        help="By default the date raised plus the response time set by a manager "
        "(system parameter pcve_safespaces.concern_response_days, 30 days).",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    reported_back = fields.Boolean(
        tracking=True,
        copy=False,
        help="You said, we did: the response was reported back to the community.",
    )
    reported_back_on = fields.Date(
        compute="_compute_reported_back_on", store=True, readonly=False, copy=False
    )
    # What the community sees: a response only once it was reported back,
    # never a draft the municipality is still writing.
    portal_response = fields.Html(
        string="Reply",
        compute="_compute_portal_response",
        help="The response, once it was reported back to the community.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    color = fields.Integer()

    # The concerns of a municipality in a period (evaluation workbook, pivots).
    _company_raised_on_idx = models.Index("(company_id, raised_on)")

    @api.constrains("state", "response")
    def _check_response(self):
        for concern in self.filtered(lambda c: c.state == "responded"):
            concern._check_has_response({})

    @api.constrains("raised_on", "responded_on")
    def _check_dates(self):
        for concern in self:
            if concern.responded_on and concern.responded_on < concern.raised_on:
                raise ValidationError(
                    self.env._("A concern cannot be responded to before it was raised.")
                )

    @api.depends("state")
    def _compute_responded_on(self):
        today = fields.Date.context_today(self)
        for concern in self:
            if concern.state in ("new", "in_progress"):
                concern.responded_on = False
            elif not concern.responded_on:
                concern.responded_on = today

    @api.depends("reported_back")
    def _compute_reported_back_on(self):
        today = fields.Date.context_today(self)
        for concern in self:
            if not concern.reported_back:
                concern.reported_back_on = False
            elif not concern.reported_back_on:
                concern.reported_back_on = today

    @api.depends("reported_back", "response")
    def _compute_portal_response(self):
        for concern in self:
            concern.portal_response = concern.reported_back and concern.response

    @api.depends("raised_on", "responded_on")
    def _compute_days_to_response(self):
        for concern in self:
            concern.days_to_response = (
                (concern.responded_on - concern.raised_on).days
                if concern.responded_on and concern.raised_on
                else 0
            )

    @api.depends("raised_on")
    def _compute_response_deadline(self):
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(RESPONSE_DAYS_PARAM, 30)
        )
        for concern in self:
            concern.response_deadline = (
                concern.raised_on and concern.raised_on + timedelta(days=days)
            )

    @api.depends("state", "response_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for concern in self:
            concern.is_overdue = (
                concern.state in ("new", "in_progress")
                and bool(concern.response_deadline)
                and concern.response_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("state", "in", ("new", "in_progress")) & Domain(
            "response_deadline", "<", fields.Date.context_today(self)
        )
        return domain if (operator == "in") == (True in value) else ~domain

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        for vals in vals_list:
            self._check_session_link(vals)
        concerns = super().create(vals_list)
        concerns.filtered(lambda c: c.state in ANSWERED)._pcve_workflow_write(
            {"responded_by_id": self.env.user.id}
        )
        concerns.filtered(lambda c: not is_html_empty(c.response))._log_response()
        return concerns

    def write(self, vals):
        self._pcve_check_vals(vals)
        self._check_session_link(vals)
        old = (
            {concern: concern.response for concern in self}
            if "response" in vals
            else {}
        )
        answering = self.browse()
        if vals.get("state") in ANSWERED:
            answering = self.filtered(lambda c: c.state not in ANSWERED)
        result = super().write(vals)
        if "state" in vals:
            if vals["state"] in ANSWERED:
                answering._pcve_workflow_write({"responded_by_id": self.env.user.id})
            else:
                self.filtered("responded_by_id")._pcve_workflow_write(
                    {"responded_by_id": False}
                )
        changed = self.filtered(lambda c: c in old and c.response != old[c])
        changed.filtered(lambda c: not is_html_empty(c.response))._log_response()
        if "reported_back" not in vals:
            # a new response is reported back again: the portal never shows
            # what the municipality is still writing
            changed.filtered("reported_back").write({"reported_back": False})
        return result

    def action_start(self):
        return self._pcve_move("state", "in_progress")

    def action_respond(self):
        return self._pcve_move("state", "responded")

    def action_report_back(self):
        if any(concern.state not in ("responded", "closed") for concern in self):
            raise UserError(self.env._("Respond to the concern before reporting back."))
        self.write({"reported_back": True})
        return True

    def action_close(self):
        """Close; closing without reporting back first asks for confirmation."""
        not_reported = self.filtered(lambda c: not c.reported_back)
        if not_reported and not self.env.context.get("pcve_confirm_close"):
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Close without reporting back?"),
                "res_model": "pcve.concern.close.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_concern_ids": self.ids},
            }
        return self._pcve_move("state", "closed")

    def action_reopen(self):
        return self._pcve_move("state", "in_progress")

    def action_preview_reply(self):
        """Preview the 'you said, we did' reply, in the language it goes out in."""
        self.ensure_one()
        self.check_access("read")
        template = self.env.ref("pcve_safespaces.mail_template_concern_reply")
        return template._pcve_preview_action(self)

    def action_send_reply(self):
        """Open the mail composer with the 'you said, we did' reply. Sending
        posts it in the chatter and marks the concern as reported back.
        Wording flagged by the language rules goes out only through "send
        anyway", with a reason."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("responded", "closed") or is_html_empty(self.response):
            raise UserError(
                self.env._(
                    "Concern '%(name)s': record the response before replying to "
                    "the person who raised it.",
                    name=self.name,
                )
            )
        if not self.raised_by_partner_id.email:
            raise UserError(
                self.env._(
                    "Concern '%(name)s': set who raised it, with an email address, "
                    "before sending the reply.",
                    name=self.name,
                )
            )
        self._pcve_language_gate()
        template = self.env.ref("pcve_safespaces.mail_template_concern_reply")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reply: you said, we did"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_composition_mode": "comment",
                "default_template_id": template.id,
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "force_email": True,
                "pcve_concern_reply": True,
            },
        }

    def message_post(self, **kwargs):
        """A reply sent from the composer (action_send_reply) reports back.
        The reply's text as sent (the composer's body may have been edited
        after the check) passes the language rules too, unless "send anyway"
        was confirmed for this concern's text: once, for this reply."""
        if self.env.context.get("pcve_concern_reply"):
            self._pcve_language_check_text(kwargs.get("body"))
        message = super().message_post(**kwargs)
        if self.env.context.get("pcve_concern_reply"):
            self.filtered(
                lambda c: c.state in ("responded", "closed") and not c.reported_back
            ).write({"reported_back": True})
        return message

    def _pcve_language_lang(self):
        """The reply goes out in the language of who raised the concern."""
        return self.raised_by_partner_id.lang

    def _pcve_language_send(self):
        return self.action_send_reply()

    def _check_session_link(self, vals):
        """A concern is only linked to a session its author may read.

        Otherwise linking would reveal which ids are confidential sessions and
        put a concern into another organiser's session. The error is the same
        for a session that does not exist.
        """
        session = vals.get("session_id")
        if not session or self.env.su:
            return
        session = self.env["pcve.safespace.session"].browse(
            session.id if isinstance(session, models.BaseModel) else session
        )
        if self and all(concern.session_id == session for concern in self):
            return
        if not session.exists()._filtered_access("read"):
            raise AccessError(
                self.env._(
                    "Session rule: a concern can only be linked to a session you "
                    "can see."
                )
            )

    def _check_has_response(self, vals):
        """Guard of a response: the response is recorded first."""
        if is_html_empty(vals.get("response", self.response)):
            raise ValidationError(
                self.env._(
                    "Concern '%(name)s' cannot be responded without a response.",
                    name=self.name,
                )
            )

    def _log_response(self):
        """Log each new response in the chatter: the record of what was promised."""
        for concern in self:
            concern._message_log(
                body=Markup("<p>%s</p>%s")
                % (self.env._("Response recorded:"), concern.response)
            )

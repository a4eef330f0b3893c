import base64
from datetime import timedelta

import pytz
import vobject

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

from odoo.addons.pcve_base.models.pcve_language_mixin import (
    LANGUAGE_CONFIRMATION_FIELDS,
)
from odoo.addons.pcve_base.tools import compute_counts, ensure_one

from .pcve_safespace_feedback import QUESTIONS as FEEDBACK_QUESTIONS

FORMATS = [
    ("dialogue_circle", "Dialogue circle"),
    ("worktable", "Worktable"),
    ("open_doors", "Open doors"),
    ("interfaith_meal", "Interfaith meal"),
    ("festival_sports", "Festival / sports"),
    ("information_session", "Information session"),
    ("training", "Training"),
]
LEVELS = [
    ("neighbourhood", "Neighbourhood"),
    ("city", "City"),
    ("regional", "Regional"),
    ("national", "National"),
]
# What may still change once a session is over (the rest is its record):
# held, what happened (attendance, named attendance through the invitations,
# the ground-rules checklist, agreements in the description); cancelled,
# nothing but going back to draft. The colour is a display preference.
FINISHED_WRITABLE = {
    "held": {
        "state", "attendance_count", "attendance_women", "attendance_youth",
        "invitation_ids", "rule_group_delineated", "rule_advance_notice",
        "rule_moderator_known", "rule_everyday_topics_first", "description",
        "color", "feedback_requested_on",
    },
    "cancelled": {"state", "color"},
}  # fmt: skip
# The session's fields its calendar entry shows: a change re-syncs the entry.
CALENDAR_FIELDS = {
    "name", "start", "stop", "venue_id", "organiser_id", "moderator_partner_id",
    "confidential", "state", "invitation_ids",
}  # fmt: skip
MEDIA_POLICIES = [
    ("no_media", "No media"),
    ("agreed_statement", "Agreed statement only"),
    ("open", "Open to media"),
]


class PcveSafespaceSession(models.Model):
    """A safe-space session: a dialogue between communities and authorities."""

    _name = "pcve.safespace.session"
    _description = "Safe-space session"
    _inherit = [
        "pcve.safespace.mixin",
        "pcve.language.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _order = "start desc, id desc"
    # an invitee reads the session's name; its details reach him through the
    # invitation (what the invitation e-mail says)
    _pcve_portal_fields = {"read": ("display_name", "name")}
    _check_company_auto = True
    # The moves of the action buttons, for direct writes too: a confirmed
    # session follows the safe-space rules (_check_confirmed_rules, whatever
    # the path), and one held stays held.
    _pcve_moves = {
        "state": {
            "draft": {"confirmed": None, "cancelled": None},
            "confirmed": {"held": None, "cancelled": None},
            "cancelled": {"draft": None},
        }
    }
    # A session starts as a draft: confirming checks the safe-space rules,
    # held is recorded after it.
    _pcve_create_moves = False
    _pcve_workflow_fields = (
        *LANGUAGE_CONFIRMATION_FIELDS,
        "feedback_requested_on",
        "calendar_event_id",
        "calendar_event_ids",
    )
    # What invitees read, checked by the language rules before invitations go out.
    _pcve_language_fields = ("name", "description", "invitation_note")

    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    invitation_note = fields.Text(
        string="Invitation text",
        help="Sent to every invitee, with the list of who else is invited.",
    )
    start = fields.Datetime(
        required=True, tracking=True, index=True, default=fields.Datetime.now
    )
    stop = fields.Datetime(
        compute="_compute_stop",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
    )
    venue_id = fields.Many2one(
        "pcve.venue", tracking=True, index=True, check_company=True
    )
    venue_is_neutral = fields.Boolean(related="venue_id.is_neutral")
    format = fields.Selection(
        FORMATS, required=True, default="dialogue_circle", tracking=True
    )
    level = fields.Selection(
        LEVELS, required=True, default="neighbourhood", tracking=True
    )
    community_ids = fields.Many2many("pcve.community", string="Communities")
    includes_majority = fields.Boolean(
        string="Majority community involved",
        compute="_compute_includes_majority",
        store=True,
    )
    topic_ids = fields.Many2many("pcve.safespace.topic", string="Topics")
    organiser_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    moderator_partner_id = fields.Many2one(
        "res.partner",
        string="Moderator",
        tracking=True,
        help="A moderator known to both sides.",
    )
    confidential = fields.Boolean(
        default=True,
        index=True,
        tracking=True,
        help="Only the organiser and managers see the session, its invitations "
        "and named attendance.",
    )
    media_policy = fields.Selection(
        MEDIA_POLICIES, required=True, default="no_media", tracking=True
    )
    rule_group_delineated = fields.Boolean(
        string="Group delineated", help="Who: the group is delineated."
    )
    rule_advance_notice = fields.Boolean(
        string="Advance notice",
        help="Who: invitees know in advance who else comes and who does not.",
    )
    rule_moderator_known = fields.Boolean(
        string="Moderator known to both sides",
        help="How: the moderator and people involved are known to both sides.",
    )
    rule_everyday_topics_first = fields.Boolean(
        string="Everyday topics first",
        help="What: start with everyday issues before extremism.",
    )
    is_short_notice = fields.Boolean(
        string="Short notice",
        compute="_compute_is_short_notice",
        help="The session starts sooner than the advance notice for invitations "
        "(Settings): sending them needs the organiser's confirmation. Sessions in "
        "response to a crisis are exempt.",
    )
    invitation_ids = fields.One2many(
        "pcve.safespace.invitation",
        "session_id",
        string="Invitations",
        groups="pcve_safespaces.group_safespace_organiser",
    )
    invitation_count = fields.Integer(
        compute="_compute_invitation_count",
        groups="pcve_safespaces.group_safespace_organiser",
    )
    attendance_count = fields.Integer(tracking=True)
    attendance_women = fields.Integer(tracking=True)
    attendance_youth = fields.Integer(tracking=True)
    concern_ids = fields.One2many("pcve.concern", "session_id", string="Concerns")
    concern_count = fields.Integer(compute="_compute_concern_count")
    crisis_id = fields.Many2one(
        "pcve.crisis",
        string="In response to crisis",
        index=True,
        ondelete="set null",
        check_company=True,
    )
    series_id = fields.Many2one(
        "pcve.safespace.series",
        index=True,
        ondelete="set null",
        check_company=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("held", "Held"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        group_expand=True,
    )
    venue_override_reason = fields.Text(
        tracking=True,
        help="Why this confidential session is held at a venue that is not "
        "neutral (police, security or social services).",
    )
    calendar_event_id = fields.Many2one(
        "calendar.event",
        string="Calendar entry",
        compute="_compute_calendar_event_id",
        store=True,
        index="btree_not_null",
        help="The entry of a confirmed or held session in the calendars of its "
        "organiser, its moderator and the invited colleagues, kept in sync.",
    )
    # technical: the entry points to its session (calendar.event.pcve_session_id)
    calendar_event_ids = fields.One2many(
        "calendar.event", "pcve_session_id", string="Calendar entries", readonly=True
    )
    feedback_requested_on = fields.Datetime(readonly=True, copy=False)
    feedback_count = fields.Integer(
        compute="_compute_feedback",
        help="Anonymous answers of participants received so far.",
    )
    feedback_felt_safe_avg = fields.Float(
        string="Felt safe (average)",
        compute="_compute_feedback",
        digits=(2, 1),
        help="From 1 to 5. Shown from the disclosure threshold of answers on.",
    )
    feedback_could_speak_freely_avg = fields.Float(
        string="Could speak freely (average)",
        compute="_compute_feedback",
        digits=(2, 1),
        help="From 1 to 5. Shown from the disclosure threshold of answers on.",
    )
    feedback_trusts_moderator_avg = fields.Float(
        string="Trusts the moderator (average)",
        compute="_compute_feedback",
        digits=(2, 1),
        help="From 1 to 5. Shown from the disclosure threshold of answers on.",
    )
    feedback_would_come_again_avg = fields.Float(
        string="Would come again (average)",
        compute="_compute_feedback",
        digits=(2, 1),
        help="From 1 to 5. Shown from the disclosure threshold of answers on.",
    )
    feedback_topic_relevant_avg = fields.Float(
        string="Topic mattered (average)",
        compute="_compute_feedback",
        digits=(2, 1),
        help="From 1 to 5. Shown from the disclosure threshold of answers on.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    color = fields.Integer()
    is_striked = fields.Boolean(
        string="Struck out",
        compute="_compute_is_striked",
        help="Cancelled sessions are struck out in the calendar.",
    )

    _attendance_positive = models.Constraint(
        "CHECK (attendance_count >= 0 AND attendance_women >= 0 "
        "AND attendance_youth >= 0)",
        "Attendance figures cannot be negative.",
    )

    @api.depends("start")
    def _compute_stop(self):
        for session in self:
            if session.start and (not session.stop or session.stop <= session.start):
                session.stop = session.start + timedelta(hours=2)

    @api.depends("name", "confidential", "organiser_id")
    @api.depends_context("uid")
    def _compute_display_name(self):
        """Mask confidential sessions the user may not see.

        Many2one values are labelled with sudo (e.g. the session of a concern
        assigned to a user), so the name is hidden here too.
        """
        user = self.env.user
        is_manager = user.has_group("pcve_safespaces.group_safespace_manager")
        for session in self:
            hidden = (
                session.confidential and not is_manager and session.organiser_id != user
            )
            session.display_name = (
                self.env._("Confidential session") if hidden else session.name
            )

    @api.depends("state")
    def _compute_is_striked(self):
        for session in self:
            session.is_striked = session.state == "cancelled"

    @api.depends("community_ids.is_majority")
    def _compute_includes_majority(self):
        for session in self:
            session.includes_majority = any(session.community_ids.mapped("is_majority"))

    @api.depends("start", "crisis_id")
    def _compute_is_short_notice(self):
        short = self._short_notice_sessions()
        for session in self:
            session.is_short_notice = session in short

    def _compute_invitation_count(self):
        compute_counts(
            self, "invitation_count", "pcve.safespace.invitation", "session_id"
        )

    def _compute_concern_count(self):
        compute_counts(self, "concern_count", "pcve.concern", "session_id")

    @api.depends("calendar_event_ids")
    def _compute_calendar_event_id(self):
        for session in self:
            session.calendar_event_id = session.calendar_event_ids[:1]

    def _compute_feedback(self):
        """The count and averages of the anonymous answers: one grouped query
        for the batch, as superuser, since nobody reads single answers (this
        is the aggregate-only door). The averages stay False below the
        company's disclosure threshold of answers (a Float reads False as 0,
        never an average of scores from 1 to 5)."""
        aggregates = [f"{name}:avg" for name in FEEDBACK_QUESTIONS]
        groups = {
            session: values
            for session, *values in self.env["pcve.safespace.feedback"]
            .sudo()
            ._read_group(
                [("session_id", "in", self.ids)],
                ["session_id"],
                ["__count", *aggregates],
            )
        }
        thresholds = {
            company: company._pcve_setting("pcve_disclosure_threshold")
            for company in self.company_id
        }
        for session in self:
            count, *averages = groups.get(session, [0])
            session.feedback_count = count
            threshold = thresholds.get(session.company_id) or (
                self.env.company._pcve_setting("pcve_disclosure_threshold")
            )
            shown = count and count >= threshold
            averages = averages or [False] * len(FEEDBACK_QUESTIONS)
            for name, average in zip(FEEDBACK_QUESTIONS, averages, strict=True):
                session[f"feedback_{name}_avg"] = average if shown else False

    @api.constrains("start", "stop")
    def _check_dates(self):
        for session in self:
            if session.start and session.stop and session.stop <= session.start:
                raise ValidationError(
                    self.env._(
                        "Session '%(name)s' must end after it starts.",
                        name=session.name,
                    )
                )

    @api.constrains("attendance_count", "attendance_women", "attendance_youth")
    def _check_attendance(self):
        for session in self:
            if (
                min(
                    session.attendance_count,
                    session.attendance_women,
                    session.attendance_youth,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Attendance figures cannot be negative.")
                )
            if (
                session.attendance_women > session.attendance_count
                or session.attendance_youth > session.attendance_count
            ):
                raise ValidationError(
                    self.env._(
                        "Session '%(name)s': women and youth attending cannot "
                        "exceed the number of people attending.",
                        name=session.name,
                    )
                )

    @api.constrains("venue_id")
    def _check_venue_capacity(self):
        self.sudo().invitation_ids._check_capacity()

    @api.constrains(
        "state", "confidential", "venue_id", "venue_override_reason",
        "moderator_partner_id", "media_policy",
    )  # fmt: skip
    def _check_confirmed_rules(self):
        self.filtered(lambda s: s.state == "confirmed")._check_safe_space_rules()

    def _check_safe_space_rules(self):
        """Raise if a confidential session breaks a safe-space rule."""
        for session in self.filtered("confidential"):
            if (
                session.venue_id
                and not session.venue_id.is_neutral
                and not session.venue_override_reason
            ):
                raise ValidationError(
                    self.env._(
                        "Neutral venue rule: confidential session '%(name)s' is "
                        "at %(venue)s, a place associated with police, security "
                        "or social services. Choose a neutral venue or record a "
                        "venue override reason.",
                        name=session.name,
                        venue=session.venue_id.name,
                    )
                )
            if not session.moderator_partner_id:
                raise ValidationError(
                    self.env._(
                        "Moderator rule: confidential session '%(name)s' needs "
                        "a moderator known to both sides.",
                        name=session.name,
                    )
                )
            if session.media_policy == "open":
                raise ValidationError(
                    self.env._(
                        "Media rule: confidential session '%(name)s' cannot be "
                        "open to the media; choose no media or an agreed "
                        "statement.",
                        name=session.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        sessions._sync_calendar_events()
        return sessions

    def write(self, vals):
        self._pcve_check_vals(vals)
        if not self.env.su:
            self._check_finished_write(vals)
        result = super().write(vals)
        if CALENDAR_FIELDS.intersection(vals):
            self._sync_calendar_events()
        return result

    def unlink(self):
        events = self.sudo().calendar_event_ids
        with self._pcve_workflow():
            events.unlink()
        return super().unlink()

    def action_confirm(self):
        return self._pcve_move("state", "confirmed")

    def action_mark_held(self):
        return self._pcve_move("state", "held")

    def action_cancel(self):
        return self._pcve_move("state", "cancelled")

    def action_draft(self):
        return self._pcve_move("state", "draft")

    def action_send_invitations(self):
        """Mail each invitee the session, who else is invited, and an .ics file.

        Advance-notice rule: invitees know beforehand who else comes. Declined
        invitations are not mailed again but are listed as not coming. Two
        things are shown first, in the send wizard: wording flagged by the
        language rules (sent as it is only with the organiser's reason,
        ``pcve.language.mixin``) and a session starting sooner than the
        advance notice set in Settings (sent only once the organiser confirms;
        sessions in response to a crisis are exempt).
        """
        self._check_invitations_sendable()
        if self._short_notice_sessions() or any(self.mapped("language_warning")):
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Before the invitations go out"),
                "res_model": "pcve.safespace.send.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_session_ids": self.ids},
            }
        self._send_invitations()
        return True

    def action_request_feedback(self):
        """Ask the attendees of a held session for anonymous feedback: each
        attendee with an e-mail address gets a one-time link, and the
        organiser a printable sheet (returned: the report action) with a QR
        code and a session link for the others, usable as many times as
        attendees got no mail. Asked once per session: only the hashes of the
        links are kept, so a sheet cannot be printed again from them."""
        session = ensure_one(self)
        session._check_feedback_requestable()
        attendees = session.invitation_ids.filtered(lambda i: i.state == "attended")
        mailed = attendees.filtered(lambda i: i.partner_id.email)
        expected = max(session.attendance_count, len(attendees))
        Token = self.env["pcve.safespace.feedback.token"]
        base_url = session.get_base_url()
        for invitation in mailed:
            session._send_feedback_request(invitation, base_url, Token._issue(session))
        sheet_uses = expected - len(mailed)
        url = False
        if sheet_uses > 0:
            token = Token._issue(session, uses=sheet_uses, is_session_link=True)
            url = f"{base_url}/pcve/feedback/{token}"
        session._pcve_workflow_write({"feedback_requested_on": fields.Datetime.now()})
        session.message_post(
            body=self.env._(
                "Feedback requested by %(user)s: %(mailed)s attendees received a "
                "link by e-mail; the printed sheet's session link serves "
                "%(others)s more.",
                user=self.env.user.name,
                mailed=len(mailed),
                others=max(sheet_uses, 0),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self.env.ref("pcve_safespaces.feedback_sheet_report").report_action(
            session, data={"url": url}, config=False
        )

    def action_preview_invitation(self):
        """Preview the invitation of the first invitee, in his language (the
        preview can switch to another invitation or force a language)."""
        self.ensure_one()
        invitation = self._invitations_to_send()[:1] or self.invitation_ids[:1]
        if not invitation:
            raise UserError(
                self.env._("Nobody is invited to '%(name)s' yet.", name=self.name)
            )
        template = self.env.ref(
            "pcve_safespaces.pcve_safespace_invitation_mail_template"
        )
        return template._pcve_preview_action(invitation)

    def _pcve_move_error(self, fname, to):
        names = ", ".join(self.mapped("name"))
        if to == "confirmed":
            message = self.env._(
                "Only draft sessions can be confirmed: %(names)s.", names=names
            )
        elif to == "held":
            message = self.env._(
                "Only confirmed sessions can be marked as held: %(names)s.",
                names=names,
            )
        elif to == "cancelled" and "held" in self.mapped("state"):
            message = self.env._("A session that was held cannot be cancelled.")
        else:
            return super()._pcve_move_error(fname, to)
        return UserError(message)

    def _pcve_start_error(self, fname, value):
        return UserError(
            self.env._(
                "Session rule: a session starts as a draft; confirm it, mark "
                "it as held or cancel it with its buttons."
            )
        )

    def _check_finished_write(self, vals):
        """A held or cancelled session keeps its content (FINISHED_WRITABLE)."""
        chatter = set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )
        for session in self:
            allowed = FINISHED_WRITABLE.get(session.state)
            if allowed is None:
                continue
            refused = [
                name
                for name in vals
                if name not in allowed
                and name not in chatter
                and not session._pcve_same_value(name, vals[name])
            ]
            if not refused:
                continue
            labels = ", ".join(
                self._fields[name]._description_string(self.env) for name in refused
            )
            if session.state == "held":
                message = self.env._(
                    "Session rule: '%(name)s' was held; only its attendance, "
                    "ground rules and description can still change, not "
                    "%(fields)s.",
                    name=session.name,
                    fields=labels,
                )
            else:
                message = self.env._(
                    "Session rule: '%(name)s' is cancelled; reset it to draft "
                    "before changing %(fields)s.",
                    name=session.name,
                    fields=labels,
                )
            raise UserError(message)

    def _pcve_same_value(self, name, value):
        """Whether writing ``value`` leaves field ``name`` as it is (clients
        may send unchanged values along)."""
        self.ensure_one()
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return False
        return (
            field.convert_to_record(field.convert_to_cache(value, self), self)
            == (self[name])
        )

    def _check_feedback_requestable(self):
        """Feedback rule: a held session with attendees, asked once, by its
        organiser or a safe-space manager."""
        user = self.env.user
        if not (
            self.env.su
            or user == self.organiser_id
            or user.has_group("pcve_safespaces.group_safespace_manager")
        ):
            raise AccessError(
                self.env._(
                    "Feedback rule: only the organiser of '%(name)s' or a "
                    "safe-space manager asks its participants for feedback.",
                    name=self.display_name,
                )
            )
        self.check_access("write")
        if self.state != "held":
            raise UserError(
                self.env._(
                    "Feedback rule: feedback is asked after a session was held; "
                    "'%(name)s' is %(state)s.",
                    name=self.name,
                    state=self._pcve_label("state", self.state),
                )
            )
        if self.feedback_requested_on:
            raise UserError(
                self.env._(
                    "Feedback rule: feedback on '%(name)s' was already asked on "
                    "%(date)s; each participant is asked once.",
                    name=self.name,
                    date=fields.Datetime.to_string(self.feedback_requested_on),
                )
            )
        if not (
            self.attendance_count or "attended" in self.invitation_ids.mapped("state")
        ):
            raise UserError(
                self.env._(
                    "Feedback rule: record who attended '%(name)s' (the number "
                    "of people attending or the attended invitations) first.",
                    name=self.name,
                )
            )

    def _send_feedback_request(self, invitation, base_url, token):
        """Mail one attendee his one-time link, in his language. Not in the
        chatter and not linked to the invitation: the mail is deleted once
        sent, and nothing stored says which link went to whom."""
        partner = invitation.partner_id
        body = (
            self.env["ir.qweb"]
            .with_context(lang=partner.lang or self.env.lang)
            .sudo()
            ._render(
                "pcve_safespaces.feedback_request_mail",
                {
                    "session": self.with_context(lang=partner.lang),
                    "partner": partner,
                    "url": f"{base_url}/pcve/feedback/{token}",
                },
            )
        )
        self.env["mail.mail"].sudo().create(
            {
                "subject": self.with_context(lang=partner.lang).env._(
                    "How was '%(name)s'? Tell us anonymously",
                    name=self.name,
                ),
                "body_html": body,
                "email_to": partner.email_formatted,
                "email_from": self.company_id.email_formatted
                or self.env.user.email_formatted,
                "author_id": self.company_id.partner_id.id,
                "auto_delete": True,
            }
        )

    def _sync_calendar_events(self):
        """Give each confirmed or held session its calendar entry, in sync
        with it; a draft or cancelled session has none. For the batch: one
        search of the attendees' users, the new entries created together,
        only the changed values written. Written as superuser within the
        session's workflow (the session's rules allowed the change; the
        entry is refused to any other writer, see calendar.event), without
        the calendar's invitation mails: the session sends its own."""
        sessions = (
            self.sudo()
            .exists()
            .with_context(no_mail_to_attendees=True, skip_contact_description=True)
        )
        live = sessions.filtered(lambda s: s.state in ("confirmed", "held"))
        stale = (sessions - live).calendar_event_ids
        if not live and not stale:
            return
        partners = (
            live.organiser_id.partner_id
            | live.moderator_partner_id
            | live.invitation_ids.filtered(lambda i: i.state != "declined").partner_id
        )
        colleagues = (
            self.env["res.users"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("share", "=", False)])
            .partner_id
        )
        new_values = []
        with sessions._pcve_workflow():
            stale.unlink()
            for session in live:
                values = session._calendar_event_values(colleagues)
                event = session.calendar_event_id
                if not event:
                    new_values.append(values)
                    continue
                changed = event._pcve_changed_values(values)
                if changed:
                    event.write(changed)
            self.env["calendar.event"].sudo().with_context(
                no_mail_to_attendees=True, skip_contact_description=True
            ).create(new_values)

    @api.model
    def _sync_all_calendar_events(self):
        """On install and update: every session's entry in sync (sessions
        confirmed before the sync existed get theirs)."""
        self.sudo().search(
            [("state", "in", ("confirmed", "held"))]
        )._sync_calendar_events()
        return True

    def _calendar_event_values(self, colleagues):
        """The entry of this session: its organiser, the moderator's user
        and the invited colleagues (users among ``colleagues``) attend."""
        venue = self.venue_id
        invited = self.invitation_ids.filtered(lambda i: i.state != "declined")
        attendees = self.organiser_id.partner_id | (
            (self.moderator_partner_id | invited.partner_id) & colleagues
        )
        return {
            "name": self.name,
            "start": self.start,
            "stop": self.stop,
            "allday": False,
            "location": ", ".join(
                filter(None, [venue.name, venue.street, venue.zip, venue.city])
            )
            or False,
            # Private for every session: Odoo shows "confidential" entries to
            # every internal user, of every municipality; attendees still see
            # an open session's details, a confidential one's only its organiser.
            "privacy": "private",
            "show_as": "busy",
            "user_id": self.organiser_id.id,
            "partner_ids": [Command.set(attendees.ids)],
            "pcve_session_id": self.id,
            "pcve_busy_only": self.confidential,
        }

    def _check_invitations_sendable(self):
        """Raise when a session's invitations cannot go out at all."""
        now = fields.Datetime.now()
        for session in self:
            if session.state not in ("draft", "confirmed") or session.start <= now:
                raise UserError(
                    self.env._(
                        "Invitations go out before the session: '%(name)s' has "
                        "started, was held or was cancelled.",
                        name=session.name,
                    )
                )
            invitations = session._invitations_to_send()
            if not invitations:
                raise UserError(
                    self.env._(
                        "Nobody is invited to '%(name)s' yet.", name=session.name
                    )
                )
            missing = invitations.filtered(lambda i: not i.partner_id.email)
            if missing:
                raise UserError(
                    self.env._(
                        "No email address for: %(names)s.",
                        names=", ".join(missing.mapped("partner_id.name")),
                    )
                )

    def _invitations_to_send(self):
        self.ensure_one()
        return self.invitation_ids.filtered(
            lambda i: i.state in ("invited", "accepted")
        )

    def _send_invitations(self, short_notice_confirmed=False):
        """Send the invitations; short notice only once the organiser confirmed
        it in the send wizard (private: not callable over RPC); wording flagged
        by the language rules only with the reason given there."""
        self._check_invitations_sendable()
        self._pcve_language_gate()
        late = self._short_notice_sessions()
        if late and not short_notice_confirmed:
            raise UserError(self._short_notice_message(late))
        template = self.env.ref(
            "pcve_safespaces.pcve_safespace_invitation_mail_template"
        )
        now = fields.Datetime.now()
        for session in self:
            invitations = session._invitations_to_send()
            ics = self.env["ir.attachment"].create(session._prepare_ics_attachment())
            for invitation in invitations:
                template.send_mail(
                    invitation.id, email_values={"attachment_ids": [(4, ics.id)]}
                )
            invitations._pcve_workflow_write({"sent_on": now})
            body = self.env._(
                "Invitations sent to %(names)s.",
                names=", ".join(invitations.mapped("partner_id.name")),
            )
            if session in late:
                body += " " + self.env._(
                    "Sent at short notice (less than %(days)s days before the "
                    "session), confirmed by %(user)s.",
                    days=session._invitation_notice_days(),
                    user=self.env.user.name,
                )
            session.message_post(body=body, attachment_ids=ics.ids)

    def _invitation_notice_days(self):
        """Settings: the advance notice for invitations of these sessions'
        company, in days (the longest, for sessions of several companies)."""
        return max(
            company._pcve_setting("pcve_invitation_notice_days")
            for company in self.company_id or self.env.company
        )

    def _short_notice_sessions(self):
        """Sessions starting sooner than the advance notice of their company,
        crisis response excepted: after an incident, dialogue cannot wait."""
        now = fields.Datetime.now()
        return self.filtered(
            lambda s: (
                not s.crisis_id
                and s.start
                and s.start < now + timedelta(days=s._invitation_notice_days())
            )
        )

    def _short_notice_message(self, sessions):
        return self.env._(
            "Advance-notice rule: invitations go out at least %(days)s days "
            "before a session, so that invitees know in time who else comes. "
            "%(names)s starts sooner: confirm sending at short notice.",
            days=sessions._invitation_notice_days(),
            names=", ".join(f"'{name}'" for name in sessions.mapped("name")),
        )

    def action_view_concerns(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_safespaces.pcve_concern_action"
        )
        action["domain"] = [("session_id", "=", self.id)]
        action["context"] = {
            "default_session_id": self.id,
            "default_community_id": self.community_ids[:1].id,
        }
        return action

    def action_view_invitations(self):
        self.ensure_one()
        self.check_access("read")
        self.env["pcve.safespace.invitation"].check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invitations"),
            "res_model": "pcve.safespace.invitation",
            "view_mode": "list,form",
            "domain": [("session_id", "=", self.id)],
            "context": {"default_session_id": self.id},
        }

    def _prepare_ics_attachment(self):
        self.ensure_one()
        calendar = vobject.iCalendar()
        event = calendar.add("vevent")
        event.add("uid").value = f"pcve-safespace-{self.id}@{self.env.cr.dbname}"
        event.add("dtstamp").value = fields.Datetime.now().replace(tzinfo=pytz.utc)
        event.add("dtstart").value = self.start.replace(tzinfo=pytz.utc)
        event.add("dtend").value = self.stop.replace(tzinfo=pytz.utc)
        event.add("summary").value = self.name
        if self.venue_id:
            venue = self.venue_id
            event.add("location").value = ", ".join(
                filter(None, [venue.name, venue.street, venue.zip, venue.city])
            )
        description = "\n\n".join(
            filter(None, [self.invitation_note, html2plaintext(self.description or "")])
        )
        if description:
            event.add("description").value = description
        return {
            "name": "invitation.ics",
            "mimetype": "text/calendar",
            "datas": base64.b64encode(calendar.serialize().encode()),
            "res_model": self._name,
            "res_id": self.id,
        }

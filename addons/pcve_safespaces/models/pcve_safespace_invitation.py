import babel.dates
import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.misc import babel_locale_parse, get_lang


class PcveSafespaceInvitation(models.Model):
    """Who is invited to a session, and whether they came (named attendance)."""

    _name = "pcve.safespace.invitation"
    _description = "Safe-space invitation"
    _inherit = ["pcve.safespace.mixin"]
    _order = "session_id, partner_id"
    _rec_name = "partner_id"
    # recorded by the system
    _pcve_workflow_fields = ("sent_on",)
    _pcve_parent_fields = ("session_id",)
    # An invitee reads what the invitation e-mail tells him and answers it
    # (the state, see write() for which answers and when).
    _pcve_portal_fields = {
        "read": (
            "display_name",
            "session_id",
            "partner_id",
            "state",
            "session_when",
            "session_venue",
            "session_moderator",
            "other_organisations",
        ),
        "write": ("state",),
    }
    # An invitee answers and comes, or not; the answer and the named
    # attendance may be corrected, but an answered invitation is not
    # "invited" again.
    _pcve_moves = {
        "state": {
            "invited": {"accepted": None, "declined": None, "attended": None},
            "accepted": {"declined": None, "attended": None},
            "declined": {"accepted": None, "attended": None},
            "attended": {"accepted": None, "declined": None},
        }
    }

    session_id = fields.Many2one(
        "pcve.safespace.session", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one("res.partner", required=True, index=True)
    email = fields.Char(related="partner_id.email")
    state = fields.Selection(
        [
            ("invited", "Invited"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("attended", "Attended"),
        ],
        required=True,
        default="invited",
    )
    sent_on = fields.Datetime(readonly=True, copy=False)
    session_when = fields.Char(
        string="When",
        compute="_compute_session_when",
        help="Day and time of the session as the invitation states them: in the "
        "invitee's time zone (else the organiser's) and language, without "
        "seconds or UTC offset.",
    )
    company_id = fields.Many2one(
        related="session_id.company_id", store=True, index=True
    )
    # What the invitation e-mail tells the invitee, for the portal (whose user
    # reads no venue, moderator or other invitation): computed as the
    # superuser, only these texts.
    session_venue = fields.Char(
        string="Where", compute="_compute_session_texts", compute_sudo=True
    )
    session_moderator = fields.Char(
        string="Moderator", compute="_compute_session_texts", compute_sudo=True
    )
    other_organisations = fields.Char(
        string="Also invited",
        compute="_compute_session_texts",
        compute_sudo=True,
        help="The organisations of the others invited who did not decline, and "
        "how many people come for themselves: no person's name.",
    )

    _partner_unique = models.Constraint(
        "unique(session_id, partner_id)", "This person is already invited."
    )

    @api.depends("session_id.start", "partner_id.tz", "session_id.organiser_id.tz")
    @api.depends_context("lang")
    def _compute_session_when(self):
        locale = babel_locale_parse(get_lang(self.env).code)
        pattern = babel.dates.get_datetime_format("long", locale=locale)
        for invitation in self:
            session = invitation.session_id
            if not session.start:
                invitation.session_when = False
                continue
            tz_name = (
                invitation.partner_id.tz or session.organiser_id.tz or self.env.user.tz
            )
            start = pytz.utc.localize(session.start).astimezone(
                pytz.timezone(tz_name or "UTC")
            )
            # as babel composes a "long" date and time, with a short time
            invitation.session_when = (
                pattern.replace("'", "")
                .replace("{0}", babel.dates.format_time(start, "short", locale=locale))
                .replace("{1}", babel.dates.format_date(start, "full", locale=locale))
            )

    @api.depends(
        "session_id.venue_id",
        "session_id.moderator_partner_id",
        "session_id.invitation_ids.state",
    )
    def _compute_session_texts(self):
        for invitation in self:
            session = invitation.session_id
            venue = session.venue_id
            invitation.session_venue = ", ".join(
                part for part in (venue.name, venue.city) if part
            )
            invitation.session_moderator = session.moderator_partner_id.name or False
            others = (session.invitation_ids - invitation).filtered(
                lambda i: i.state != "declined"
            )
            invited = others.partner_id.commercial_partner_id
            names = sorted(set(invited.filtered("is_company").mapped("name")))
            people = len(invited.filtered(lambda p: not p.is_company))
            if people:
                names.append(self.env._("%(count)s other people", count=people))
            invitation.other_organisations = ", ".join(names)

    @api.constrains("session_id", "state")
    def _check_capacity(self):
        """The invitations that are not declined must fit in the venue."""
        # whoever moves the invitation (an invitee on the portal reads no venue)
        sessions = self.sudo().session_id.filtered("venue_id.capacity")
        if not sessions:
            return
        counts = dict(
            self.sudo()._read_group(
                [("session_id", "in", sessions.ids), ("state", "!=", "declined")],
                ["session_id"],
                ["__count"],
            )
        )
        for session in sessions:
            if counts.get(session, 0) > session.venue_id.capacity:
                raise ValidationError(
                    self.env._(
                        "Capacity rule: %(count)s people are invited to "
                        "'%(name)s', but %(venue)s holds %(capacity)s.",
                        count=counts[session],
                        name=session.name,
                        venue=session.venue_id.name,
                        capacity=session.venue_id.capacity,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        invitations = super().create(vals_list)
        invitations.session_id._sync_calendar_events()
        return invitations

    def write(self, vals):
        """An invitee on the portal (who changes only the state, the portal
        rule) accepts or declines an invitation to a session ahead; a named
        attendance is the organiser's."""
        if (
            "state" in vals
            and self._pcve_is_portal()
            and (
                vals["state"] not in ("accepted", "declined")
                or any(
                    invitation.state == "attended"
                    or invitation.session_id.state not in ("draft", "confirmed")
                    for invitation in self
                )
            )
        ):
            raise AccessError(
                self.env._(
                    "An invitee accepts or declines an invitation to a session "
                    "ahead; the rest is the organiser's."
                )
            )
        sessions = self.session_id
        result = super().write(vals)
        if {"session_id", "partner_id", "state"}.intersection(vals):
            (sessions | self.session_id)._sync_calendar_events()
        return result

    def unlink(self):
        sessions = self.session_id
        result = super().unlink()
        sessions._sync_calendar_events()
        return result

    def action_accept(self):
        return self._pcve_move("state", "accepted")

    def action_decline(self):
        return self._pcve_move("state", "declined")

    def action_attended(self):
        return self._pcve_move("state", "attended")

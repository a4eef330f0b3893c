from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

PROFESSIONAL_ROLES = (
    "case_manager",
    "social_worker",
    "psychologist",
    "youth_worker",
    "police_liaison",
    "teacher",
)
# Who a faith volunteer is paired with.
PAIRING_ROLES = ("social_worker", "psychologist")


def _first_uncovered_day(start, end, periods):
    """The first day of ``start``..``end`` (no end: open) outside ``periods``
    ((start, end) pairs sorted by start; no end: open), or None."""
    day = start
    for period_start, period_end in periods:
        if period_start > day:
            break
        if not period_end:
            return None
        day = max(day, period_end + timedelta(days=1))
        if end and day > end:
            return None
    return day


def unpaired_day(memberships, start, end=None):
    """The pairing rule on the memberships of one case, as (role, active,
    date_start, date_end) tuples: the first day of ``start``..``end`` (no end:
    open) on which a faith volunteer is on the team without a member of
    PAIRING_ROLES, or None. Archived memberships and days outside the window
    do not count. The rule checks the window from today on; the evaluation's
    pairing figure checks the review's period with this same function."""
    memberships = [m for m in memberships if m[1] and not (m[3] and m[3] < start)]
    periods = sorted(
        (
            (max(date_start, start), date_end)
            for role, _active, date_start, date_end in memberships
            if role in PAIRING_ROLES
        ),
        key=lambda period: period[0],
    )
    for role, _active, date_start, date_end in memberships:
        if role != "faith_volunteer":
            continue
        first = max(date_start, start)
        last = min(date_end, end) if date_end and end else date_end or end
        if last and last < first:
            continue
        day = _first_uncovered_day(first, last, periods)
        if day:
            return day
    return None


class PcveCaseMember(models.Model):
    _name = "pcve.case.member"
    _description = "Case team member"
    _inherit = ["pcve.case.part.mixin"]
    _order = "case_id, is_professional desc, id"
    _rec_name = "user_id"

    case_id = fields.Many2one(
        "pcve.case", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", string="Member", required=True, index=True)
    role = fields.Selection(
        [
            ("case_manager", "Case manager"),
            ("social_worker", "Social worker"),
            ("psychologist", "Psychologist"),
            ("youth_worker", "Youth worker"),
            ("police_liaison", "Police liaison"),
            ("faith_volunteer", "Faith volunteer"),
            ("mentor", "Mentor"),
            ("teacher", "Teacher"),
            ("other", "Other"),
        ],
        required=True,
        compute="_compute_role",
        store=True,
        readonly=False,
        precompute=True,
        help="Follows the chosen user: a volunteer joins as faith volunteer, a "
        "case worker as social worker, until you choose another role.",
    )
    is_professional = fields.Boolean(
        string="Professional",
        compute="_compute_is_professional",
        store=True,
        precompute=True,
    )
    acting_on_behalf_of_id = fields.Many2one(
        "res.partner",
        string="Acting on behalf of",
        help="The local initiative the volunteer represents (Vilvoorde practice).",
    )
    date_start = fields.Date(string="Since", default=fields.Date.today, required=True)
    date_end = fields.Date(
        string="Until",
        help="The last day of the membership: from the next day on, the member "
        "no longer sees the case. End sets it to today.",
    )
    active = fields.Boolean(default=True, index=True)
    is_current = fields.Boolean(
        string="Current",
        compute="_compute_is_current",
        search="_search_is_current",
        help="Active, started and not past its end date: what gives access to "
        "the case.",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

    _case_user_uniq = models.Constraint(
        "unique(case_id, user_id, role, date_start)",
        "This person already has this role on the case.",
    )
    # the daily jobs' due memberships: past their end, or recently started
    _end_due_idx = models.Index("(date_end) WHERE active IS TRUE")
    _start_idx = models.Index("(date_start) WHERE active IS TRUE")

    @api.depends("user_id")
    def _compute_role(self):
        """Volunteers cannot take a professional role: the role follows the
        user chosen, so that adding a volunteer does not fail at first."""
        for member in self:
            volunteer = member.user_id and not member.user_id.has_group(
                "pcve_casework.group_case_worker"
            )
            if volunteer and (not member.role or member.role in PROFESSIONAL_ROLES):
                member.role = "faith_volunteer"
            elif not member.role:
                member.role = "social_worker"

    @api.depends("role")
    def _compute_is_professional(self):
        for member in self:
            member.is_professional = member.role in PROFESSIONAL_ROLES

    @api.depends("active", "date_start", "date_end")
    @api.depends_context("tz")
    def _compute_is_current(self):
        today = fields.Date.today()
        for member in self:
            member.is_current = (
                member.active
                and member.date_start <= today
                and not (member.date_end and member.date_end < today)
            )

    def _search_is_current(self, operator, value):
        """Compared with today's date when the query runs: record rules use
        this field, and Odoo caches their domains across days."""
        if operator not in ("in", "not in"):
            return NotImplemented
        today = fields.Date.today()
        current = self._pcve_window_domain(today, today)
        wanted = {bool(v) for v in value}
        if operator == "not in":
            wanted = {True, False} - wanted
        if wanted == {True, False}:
            return Domain.TRUE
        if not wanted:
            return Domain.FALSE
        return current if True in wanted else ~current

    @api.constrains("role", "acting_on_behalf_of_id", "user_id")
    def _check_role(self):
        for member in self:
            if member.role == "faith_volunteer" and not member.acting_on_behalf_of_id:
                raise ValidationError(
                    self.env._(
                        "A faith volunteer acts on behalf of a local initiative: "
                        "set 'Acting on behalf of' for %(user)s.",
                        user=member.user_id.name,
                    )
                )
            if member.is_professional and not member.user_id.has_group(
                "pcve_casework.group_case_worker"
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a case worker and cannot take a "
                        "professional role.",
                        user=member.user_id.name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for member in self:
            if member.date_end and member.date_end < member.date_start:
                raise ValidationError(
                    self.env._(
                        "The membership of %(user)s cannot end before it starts.",
                        user=member.user_id.name,
                    )
                )

    @api.constrains("role", "active", "case_id", "date_start", "date_end")
    def _check_case_pairing(self):
        self._serialize_team_change()
        self.case_id._check_pairing()

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        if not self.env.su:
            for vals in vals_list:
                self._check_user_date_end(vals)
        members = super().create(vals_list)
        members.filtered("is_current")._follow_case()
        return members

    def write(self, vals):
        self._pcve_check_vals(vals)
        if not self.env.su:
            self._check_user_date_end(vals)
        res = super().write(vals)
        if {"active", "user_id", "date_start", "date_end"} & set(vals):
            self.filtered("is_current")._follow_case()
            self.filtered(lambda m: not m.is_current)._leave_case()
        return res

    def unlink(self):
        cases = self.case_id
        self._serialize_team_change()
        self._leave_case()
        res = super().unlink()
        cases.exists()._check_pairing()
        return res

    def action_end(self):
        """End the membership: the member loses access to the case."""
        self.write({"active": False, "date_end": fields.Date.today()})
        return True

    @api.model
    def _cron_end_past_memberships(self, batch_size=500):
        """Daily: archive the memberships whose end date has passed, as End
        does, a batch at a time with a commit after each. Access already ended
        with the date (see ``is_current``); this removes the former member from
        the followers and his activities."""
        Cron = self.env["ir.cron"]
        due = Domain("date_end", "<", fields.Date.today())
        ended = 0
        while batch := self.sudo().search(due, limit=batch_size, order="id"):
            batch.write({"active": False})
            ended += len(batch)
            if not Cron._commit_progress(
                len(batch),
                remaining=self.sudo().search_count(due, limit=batch_size * 50),
            ):
                break
        return ended

    @api.model
    def _cron_follow_started_memberships(self, batch_size=500):
        """Daily: a member whose membership started in the past week (it may
        start after he was added) follows the case, as one added that day; a
        batch at a time (by id: following is kept), with a commit after each."""
        Cron = self.env["ir.cron"]
        today = fields.Date.today()
        due = Domain(
            [
                ("date_start", "<=", today),
                ("date_start", ">", today - timedelta(days=7)),
                ("is_current", "=", True),
            ]
        )
        followed, last_id = 0, 0
        while batch := self.sudo().search(
            due & Domain("id", ">", last_id), limit=batch_size, order="id"
        ):
            batch._follow_case()
            followed += len(batch)
            last_id = batch[-1].id
            remaining = self.sudo().search_count(
                due & Domain("id", ">", last_id), limit=batch_size * 50
            )
            if not Cron._commit_progress(len(batch), remaining=remaining):
                break
        return followed

    def _restore_after_reopening(self):
        """Reopening: these memberships, which the closure ended, give access
        again, as before the closure (the audit trail keeps the interval). A
        member who is no case worker any more stays out."""
        self.filtered(
            lambda m: (
                m.user_id.active
                and m.user_id.has_group("pcve_casework.group_case_worker")
            )
        ).write({"active": True, "date_end": False})

    def _check_user_date_end(self, vals):
        """An end date ends access from the next day on: it is never set in
        the past (the history of who saw the case stays true)."""
        date_end = fields.Date.to_date(vals.get("date_end"))
        if date_end and date_end < fields.Date.today():
            raise AccessError(
                self.env._(
                    "A membership cannot be ended in the past: set an end date "
                    "from today on, or press End."
                )
            )

    def _unpaired_day(self, today, end=None):
        """The first day from ``today`` on (to ``end``, if given) when a faith
        volunteer of these memberships (of one case) is on the team without a
        social worker or psychologist; False when there is none (see
        ``unpaired_day``)."""
        day = unpaired_day(
            ((m.role, m.active, m.date_start, m.date_end) for m in self), today, end
        )
        return day or False

    @api.model
    def _pcve_window_domain(self, start, end=None):
        """Memberships that give access on some day of ``start``..``end`` (no
        end: open): active, started by ``end`` and not ended before ``start``.
        ``is_current`` is this window reduced to today."""
        domain = Domain("active", "=", True) & (
            Domain("date_end", "=", False) | Domain("date_end", ">=", start)
        )
        if end:
            domain &= Domain("date_start", "<=", end)
        return domain

    def _serialize_team_change(self):
        """Make concurrent changes to one case team conflict.

        Two transactions could each pass the pairing rule on their own snapshot
        (one adds a volunteer while the other ends the last professional).
        Updating the case row makes the second one wait, then fail with a
        serialization error, which Odoo retries on fresh data.
        """
        case_ids = tuple(self.case_id.ids)
        if case_ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE pcve_case SET write_date = write_date WHERE id IN %s",
                    case_ids,
                )
            )

    def _follow_case(self):
        for case, members in self.grouped("case_id").items():
            case.sudo().message_subscribe(partner_ids=members.user_id.partner_id.ids)

    def _leave_case(self):
        """Former members receive no more notifications of the case, and their
        open activities on it go to the case lead (or to nobody)."""
        if not self:
            return
        current = self.sudo().search(
            [
                ("case_id", "in", self.case_id.ids),
                ("id", "not in", self.ids),
                ("is_current", "=", True),
            ]
        )
        current_users = {
            case: m.user_id for case, m in current.grouped("case_id").items()
        }
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "pcve.case"),
                    ("res_id", "in", self.case_id.ids),
                    ("user_id", "in", self.user_id.ids),
                ]
            )
        )
        for case, members in self.grouped("case_id").items():
            case = case.sudo()
            staying = current_users.get(case, self.env["res.users"])
            leaving = members.user_id - staying
            if not leaving:
                continue
            case.message_unsubscribe(partner_ids=leaving.partner_id.ids)
            lead = case.lead_user_id
            activities.filtered(
                lambda a, case=case, leaving=leaving: (
                    a.res_id == case.id and a.user_id in leaving
                )
            ).write({"user_id": lead.id if lead in staying else False})

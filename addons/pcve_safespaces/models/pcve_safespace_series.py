from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.calendar.models.calendar_recurrence import (
    BYDAY_SELECTION,
    MONTH_BY_SELECTION,
    RRULE_TYPE_SELECTION,
    WEEKDAY_SELECTION,
)
from odoo.addons.pcve_base.tools import compute_counts

from .pcve_safespace_session import FORMATS, LEVELS, MEDIA_POLICIES

RECURRENCE_FIELDS = (
    "rrule_type", "interval", "end_type", "count", "until", "month_by", "day",
    "weekday", "byday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
)  # fmt: skip
SCHEDULE_FIELDS = (*RECURRENCE_FIELDS, "first_start", "duration", "event_tz")
TEMPLATE_FIELDS = (
    "name", "organiser_id", "venue_id", "format", "level", "community_ids",
    "topic_ids", "moderator_partner_id", "confidential", "media_policy",
)  # fmt: skip
WEEKDAY_FIELDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class PcveSafespaceSeries(models.Model):
    """A recurring series of sessions: community engagement is ongoing.

    The dates come from Odoo's calendar recurrence rules (an in-memory
    ``calendar.recurrence`` computes the rrule, in the series' time zone).
    Editing the series updates its future sessions that were not held.

    No request does unbounded work: sessions are planned up to the planning
    horizon of the company (Settings), at most a set number at once; a
    scheduled action plans the later ones as they come within the horizon.
    """

    _name = "pcve.safespace.series"
    _description = "Safe-space session series"
    _inherit = ["pcve.safespace.mixin", "pcve.thread.mixin", "mail.activity.mixin"]
    _order = "first_start desc, id desc"
    _check_company_auto = True
    # recorded by the system
    _pcve_workflow_fields = ("sessions_planned_until",)

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    organiser_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    venue_id = fields.Many2one("pcve.venue", tracking=True, check_company=True)
    format = fields.Selection(FORMATS, required=True, default="dialogue_circle")
    level = fields.Selection(LEVELS, required=True, default="neighbourhood")
    community_ids = fields.Many2many("pcve.community", string="Communities")
    topic_ids = fields.Many2many("pcve.safespace.topic", string="Topics")
    moderator_partner_id = fields.Many2one("res.partner", string="Moderator")
    confidential = fields.Boolean(default=True, index=True, tracking=True)
    media_policy = fields.Selection(MEDIA_POLICIES, required=True, default="no_media")
    first_start = fields.Datetime(string="First session", required=True, tracking=True)
    duration = fields.Float(default=2.0, help="Length of each session, in hours.")
    event_tz = fields.Selection(
        _tz_get,
        string="Time zone",
        required=True,
        default=lambda self: (
            self.env.context.get("tz") or self.env.user.tz or "Europe/Brussels"
        ),
    )
    rrule_type = fields.Selection(
        RRULE_TYPE_SELECTION, string="Repeat every", required=True, default="weekly"
    )
    interval = fields.Integer(default=1, required=True)
    end_type = fields.Selection(
        [("count", "Number of sessions"), ("end_date", "End date")],
        required=True,
        default="count",
    )
    count = fields.Integer(string="Number of sessions", default=6)
    until = fields.Date(string="Repeat until")
    mon = fields.Boolean()
    tue = fields.Boolean()
    wed = fields.Boolean()
    thu = fields.Boolean()
    fri = fields.Boolean()
    sat = fields.Boolean()
    sun = fields.Boolean()
    month_by = fields.Selection(MONTH_BY_SELECTION, default="date")
    day = fields.Integer(string="Day of month", default=1)
    weekday = fields.Selection(WEEKDAY_SELECTION)
    byday = fields.Selection(BYDAY_SELECTION)
    rule_description = fields.Char(compute="_compute_rule_description")
    session_ids = fields.One2many("pcve.safespace.session", "series_id")
    session_count = fields.Integer(compute="_compute_session_count")
    sessions_planned_until = fields.Datetime(
        string="Sessions planned until",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Every session before this moment is planned; the later ones are "
        "added by a scheduled action as they come within the planning horizon "
        "(Settings). Empty when all sessions of the series are planned.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )

    @api.constrains("interval", "end_type", "count", "until", "first_start")
    def _check_recurrence(self):
        for series in self:
            if series.interval < 1:
                raise ValidationError(self.env._("The interval must be at least 1."))
            if series.end_type == "count" and not 1 <= series.count <= 200:
                raise ValidationError(
                    self.env._("A series has between 1 and 200 sessions.")
                )
            if series.end_type == "end_date" and (
                not series.until or series.until < series.first_start.date()
            ):
                raise ValidationError(
                    self.env._("The series must end after its first session.")
                )
            if series.duration <= 0:
                raise ValidationError(self.env._("Sessions must last some time."))

    @api.depends(*RECURRENCE_FIELDS)
    def _compute_rule_description(self):
        for series in self:
            series.rule_description = (
                series._recurrence().get_recurrence_name()
                if series.first_start
                else False
            )

    def _compute_session_count(self):
        compute_counts(self, "session_count", "pcve.safespace.session", "series_id")

    @api.onchange("first_start", "rrule_type")
    def _onchange_first_start(self):
        if (
            self.first_start
            and self.rrule_type == "weekly"
            and not any(self[day] for day in WEEKDAY_FIELDS)
        ):
            self[self._local_weekday_field()] = True

    @api.model_create_multi
    def create(self, vals_list):
        series = super().create(vals_list)
        series._sync_sessions(since=None)
        return series

    def write(self, vals):
        result = super().write(vals)
        if any(field in vals for field in SCHEDULE_FIELDS + TEMPLATE_FIELDS):
            self._sync_sessions(since=fields.Datetime.now())
        return result

    def action_view_sessions(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_safespaces.pcve_safespace_session_action"
        )
        action["domain"] = [("series_id", "=", self.id)]
        action["context"] = {"default_series_id": self.id}
        return action

    def _local_weekday_field(self):
        tz = pytz.timezone(self.event_tz or "UTC")
        local = pytz.utc.localize(self.first_start).astimezone(tz)
        return WEEKDAY_FIELDS[local.weekday()]

    def _recurrence(self):
        """An unsaved calendar.recurrence with the rule of this series."""
        self.ensure_one()
        values = {name: self[name] for name in RECURRENCE_FIELDS}
        if self.rrule_type == "weekly" and not any(self[d] for d in WEEKDAY_FIELDS):
            values[self._local_weekday_field()] = True
        values["event_tz"] = self.event_tz
        return self.env["calendar.recurrence"].new(values)

    def _occurrences(self):
        """Start datetimes (UTC, naive) of the sessions of the series, in
        order; a generator, as a series may run for decades."""
        self.ensure_one()
        tz = pytz.timezone(self.event_tz or "UTC")
        local_start = pytz.utc.localize(self.first_start).astimezone(tz)
        rule = self._recurrence()._get_rrule(dtstart=local_start.replace(tzinfo=None))
        for occurrence in rule:
            yield (
                tz.localize(occurrence, is_dst=False)
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

    def _session_template_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "organiser_id": self.organiser_id.id,
            "venue_id": self.venue_id.id,
            "format": self.format,
            "level": self.level,
            "community_ids": [(6, 0, self.community_ids.ids)],
            "topic_ids": [(6, 0, self.topic_ids.ids)],
            "moderator_partner_id": self.moderator_partner_id.id,
            "confidential": self.confidential,
            "media_policy": self.media_policy,
            "company_id": self.company_id.id,
        }

    def _sync_sessions(self, since):
        """Create, move, update or drop the sessions of the series from ``since``
        up to the planning horizon, and record how far they are planned.

        Sessions held, cancelled or before ``since`` are never touched; an
        occurrence already covered by one of them is not created again. At most
        the company's "sessions planned at once" are created in one call; the
        scheduled action plans the rest.
        """
        Session = self.env["pcve.safespace.session"]
        now = fields.Datetime.now()
        budgets = {}
        to_create = []
        for series in self:
            company = series.company_id or self.env.company
            max_sessions, horizon_months = company._pcve_series_limits()
            budget = budgets.setdefault(company, max_sessions)
            sessions = series.session_ids.filtered(
                lambda s, since=since: not since or s.start >= since
            )
            # up to the horizon, and never short of a session already planned
            end = max(
                [max(now, series.first_start) + relativedelta(months=horizon_months)]
                + [start + timedelta(seconds=1) for start in sessions.mapped("start")]
            )
            starts, next_start = [], False
            for start in series._occurrences():
                if since and start < since:
                    continue
                if start >= end:
                    next_start = start
                    break
                starts.append(start)
            duration = timedelta(hours=series.duration)
            template = series._session_template_values()
            open_sessions = sessions.filtered(
                lambda s: s.state in ("draft", "confirmed")
            )
            taken = set((sessions - open_sessions).mapped("start"))
            starts = [start for start in starts if start not in taken]
            kept = open_sessions.filtered(lambda s, starts=starts: s.start in starts)
            movable = (open_sessions - kept).sorted("start")
            new_starts = sorted(set(starts) - set(kept.mapped("start")))
            moved = movable[: len(new_starts)]
            for session, start in zip(moved, new_starts, strict=False):
                session.write({**template, "start": start, "stop": start + duration})
            for session in kept:
                session.write({**template, "stop": session.start + duration})
            dropped = movable[len(new_starts) :]
            dropped_confirmed = dropped.filtered(lambda s: s.state == "confirmed")
            (dropped - dropped_confirmed).unlink()
            dropped_confirmed.action_cancel()
            new_starts = new_starts[len(moved) :]
            if len(new_starts) > budget:
                next_start = new_starts[budget]
                new_starts = new_starts[:budget]
                self.env.ref("pcve_safespaces.ir_cron_plan_series_sessions")._trigger()
            budgets[company] = budget - len(new_starts)
            to_create += [
                {**template, "series_id": series.id, "start": s, "stop": s + duration}
                for s in new_starts
            ]
            if series.sessions_planned_until != next_start:
                series._pcve_workflow_write({"sessions_planned_until": next_start})
        return Session.create(to_create)

    @api.model
    def _due_for_planning_domain(self):
        """Series whose planned sessions fall short of their company's horizon."""
        now = fields.Datetime.now()
        planning = Domain("sessions_planned_until", "!=", False)
        companies = [
            company for (company,) in self._read_group(planning, ["company_id"])
        ]
        return planning & Domain.OR(
            Domain("company_id", "=", company.id)
            & Domain(
                "sessions_planned_until",
                "<",
                now
                + relativedelta(
                    months=(company or self.env.company)._pcve_series_limits()[1]
                ),
            )
            for company in companies
        )

    @api.model
    def _cron_plan_sessions(self, batch_size=20):
        """Scheduled action: plan the sessions that came within the horizon,
        a batch of series at a time, each series once per run."""
        Cron = self.env["ir.cron"]
        done = self.browse()
        while True:
            due = self._due_for_planning_domain() & Domain("id", "not in", done.ids)
            batch = self.search(
                due, limit=batch_size, order="sessions_planned_until, id"
            )
            if not batch:
                break
            for series in batch:
                series._sync_sessions(since=series.sessions_planned_until)
            done |= batch
            remaining = self.search_count(
                self._due_for_planning_domain() & Domain("id", "not in", done.ids)
            )
            if not Cron._commit_progress(len(batch), remaining=remaining):
                break

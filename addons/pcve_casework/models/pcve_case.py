from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

STAGES = [
    ("signal", "Signal"),
    ("assessment", "Assessment"),
    ("intervention", "Intervention"),
    ("monitoring", "Monitoring"),
    ("closed", "Closed"),
]
STAGE_DATE_FIELD = {
    "assessment": "assessment_on",
    "intervention": "intervention_on",
    "monitoring": "monitoring_on",
    "closed": "closed_on",
}
# The reference of a case that has none yet: the sequence is drawn only once
# the case is valid, so that a refused case uses up no number.
NEW = "New"
# The guard of a closure: any open stage may be closed, early too, with a reason.
CLOSE = {"closed": "_check_closure_reason"}
CLOSURE_REASON_CODES = [
    ("no_further_action", "No further action"),
    ("goals_met", "Goals met"),
    ("referred_on", "Referred on"),
    ("moved_away", "Moved away"),
    ("declined_support", "Declined support"),
    ("other", "Other"),
]
NFA = "no_further_action"


class PcveCase(models.Model):
    _name = "pcve.case"
    _description = "Case"
    # The privacy mixin first: its reads, which log themselves in the audit
    # trail, and its hooks of the thread mixin come before the other parents'.
    _inherit = [
        "pcve.case.privacy.mixin",
        "pcve.input.mixin",
        "pcve.state.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
        "pcve.case.figures.mixin",
    ]
    # The stages follow one another; a closed case reopens to assessment.
    _pcve_moves = {
        "stage": {
            "signal": {"assessment": None, **CLOSE},
            "assessment": {"intervention": None, **CLOSE},
            "intervention": {"monitoring": None, **CLOSE},
            "monitoring": CLOSE,
            "closed": {"assessment": "_check_reopen"},
        }
    }
    # Set by the buttons: the stage and its dates (the retention date too,
    # which a case manager may only extend: _check_user_write).
    _pcve_workflow_fields = ("stage", *STAGE_DATE_FIELD.values())
    _order = "signal_date desc, id desc"
    _check_company_auto = True
    # Every active team member (volunteers too) may take part in the chatter.
    _mail_post_access = "read"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default=NEW
    )
    subject_pseudonym = fields.Char(
        string="Pseudonym",
        required=True,
        tracking=True,
        help="How the team refers to the person; never the real name.",
    )
    subject_partner_id = fields.Many2one(
        "res.partner",
        string="Subject",
        groups="pcve_casework.group_case_worker",
        index="btree_not_null",
        help="The real person. Professionals only.",
    )
    signal_source = fields.Selection(
        string="Signal source",
        selection=[
            ("community", "Community"),
            ("family", "Family"),
            ("school", "School"),
            ("youth_work", "Youth work"),
            ("health", "Health care"),
            ("police", "Police"),
            ("self", "Self-referral"),
            ("other", "Other"),
        ],
        required=True,
        default="community",
        tracking=True,
    )
    signal_date = fields.Date(
        string="Signal date", required=True, default=fields.Date.context_today
    )
    signal_description = fields.Text(
        string="Signal details",
        groups="pcve_casework.group_case_worker",
        help="What was reported, by whom. Professionals only.",
    )
    team_summary = fields.Text(
        string="Team summary",
        help="What the whole team, volunteers included, needs to know.",
    )
    concern_type = fields.Selection(
        string="Type of concern",
        selection=[
            ("right_wing", "Right-wing extremism"),
            ("left_wing", "Left-wing extremism"),
            ("religiously_motivated", "Religiously motivated extremism"),
            ("separatist", "Separatism"),
            ("single_issue", "Single issue"),
            ("unclear", "Unclear / mixed"),
            ("other", "Other"),
        ],
        required=True,
        default="unclear",
        tracking=True,
    )
    stage = fields.Selection(
        STAGES,
        required=True,
        readonly=True,
        default="signal",
        tracking=True,
        index=True,
        group_expand=True,
        copy=False,
    )
    member_ids = fields.One2many("pcve.case.member", "case_id", string="Team")
    lead_user_id = fields.Many2one(
        "res.users",
        string="Case lead",
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
    )
    plan_item_ids = fields.One2many("pcve.case.plan.item", "case_id", string="Plan")
    meeting_ids = fields.One2many(
        "pcve.case.meeting", "case_id", string="Case conferences"
    )
    note_ids = fields.One2many("pcve.case.note", "case_id", string="Notes")
    referral_ids = fields.One2many(
        "pcve.case.referral",
        "case_id",
        string="Referrals",
        groups="pcve_casework.group_case_worker",
    )
    referral_count = fields.Integer(
        compute="_compute_referral_count", groups="pcve_casework.group_case_worker"
    )
    next_meeting_date = fields.Datetime(
        string="Next case conference", compute="_compute_next_meeting_date"
    )
    member_count = fields.Integer(compute="_compute_member_count")
    open_plan_item_count = fields.Integer(compute="_compute_open_plan_item_count")
    assessment_on = fields.Date(string="Assessment", readonly=True, copy=False)
    intervention_on = fields.Date(string="Intervention", readonly=True, copy=False)
    monitoring_on = fields.Date(string="Monitoring", readonly=True, copy=False)
    closure_reason_code = fields.Selection(
        CLOSURE_REASON_CODES,
        string="Reason for closure",
        tracking=True,
        copy=False,
        index=True,
        help="Required to close. Fixed once the case is closed. A case closed "
        "with no further action before the intervention is kept for the "
        "shorter period of its company (months), every other case for the "
        "retention period in years.",
    )
    closure_reason = fields.Text(
        string="Closure details",
        tracking=True,
        copy=False,
        help="Required when the reason for closure is Other.",
    )
    closed_on = fields.Date(
        string="Closed on", readonly=True, copy=False, tracking=True
    )
    retention_until = fields.Date(
        string="Keep until",
        readonly=True,
        copy=False,
        tracking=True,
        help="Set at closure: the closure date plus the retention period. A case "
        "manager may extend it, up to twice the retention period after closure. "
        "After this date the daily retention job anonymises the closed case.",
    )
    is_anonymised = fields.Boolean(
        string="Anonymised", readonly=True, copy=False, index=True
    )
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _reference_company_uniq = models.UniqueIndex(
        f"(name, company_id) WHERE name != '{NEW}'",
        "The case reference must be unique.",
    )
    # the retention job's due cases: closed, not anonymised, by date
    _retention_due_idx = models.Index(
        "(retention_until) WHERE stage = 'closed' AND is_anonymised IS NOT TRUE"
    )

    @api.depends("meeting_ids.date")
    def _compute_next_meeting_date(self):
        now = fields.Datetime.now()
        upcoming = dict(
            self.env["pcve.case.meeting"]._read_group(
                [("case_id", "in", self.ids), ("date", ">=", now)],
                ["case_id"],
                ["date:min"],
            )
        )
        for case in self:
            case.next_meeting_date = upcoming.get(case)

    # Two computes, not one: lists and kanbans show open plan items only, and
    # a shared compute would count the team too.
    @api.depends("member_ids")
    def _compute_member_count(self):
        members = dict(
            self.env["pcve.case.member"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.member_count = members.get(case, 0)

    @api.depends("referral_ids")
    def _compute_referral_count(self):
        referrals = dict(
            self.env["pcve.case.referral"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.referral_count = referrals.get(case, 0)

    @api.depends("plan_item_ids.done")
    def _compute_open_plan_item_count(self):
        open_items = dict(
            self.env["pcve.case.plan.item"]._read_group(
                [("case_id", "in", self.ids), ("done", "=", False)],
                ["case_id"],
                ["__count"],
            )
        )
        for case in self:
            case.open_plan_item_count = open_items.get(case, 0)

    @api.constrains("member_ids", "lead_user_id")
    def _check_pairing(self):
        """Vilvoorde practice: a faith volunteer never carries a case alone, on
        no day from today on (a membership ends by its button or by its end
        date). The rule is ``pcve.case.member._unpaired_day``; the evaluation's
        pairing figure applies the same one (``_pcve_pairing_figures``)."""
        today = fields.Date.context_today(self)
        for case in self.sudo():
            if case.member_ids._unpaired_day(today):
                raise ValidationError(
                    self.env._(
                        "Case %(case)s: a faith volunteer is always paired with a "
                        "social worker or psychologist. Add an active social worker "
                        "or psychologist before a faith volunteer, and do not end "
                        "or remove the last one while the volunteer is on the team.",
                        case=case._label(),
                    )
                )
            lead = case.lead_user_id
            if lead and (
                not lead.has_group("pcve_casework.group_case_worker")
                or case.member_ids.filtered(
                    lambda m, lead=lead: m.user_id == lead and not m.is_professional
                )
            ):
                raise ValidationError(
                    self.env._(
                        "Case %(case)s: a volunteer cannot be the case lead.",
                        case=case._label(),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        if not self.env.su:
            self._check_user_create(vals_list)
        cases = super().create(vals_list)
        cases.filtered(lambda c: c.name == NEW)._draw_reference()
        return cases

    def write(self, vals):
        self._pcve_check_vals(vals)
        if not (self.env.su or self._pcve_in_workflow()):
            self._check_user_write(vals)
        if "is_anonymised" in vals and not self.env.su:
            raise AccessError(self._anonymised_rule())
        reopened = closing = self.browse()
        if "stage" in vals:
            if vals["stage"] != "closed":
                reopened = self.filtered(lambda c: c.stage == "closed")
            else:
                closing = self.filtered(lambda c: c.stage != "closed")
            if vals["stage"] in STAGE_DATE_FIELD:
                # a copy: the caller's values stay as they were
                vals = {
                    STAGE_DATE_FIELD[vals["stage"]]: fields.Date.context_today(self),
                    **vals,
                }
        if reopened:
            reasons = {case: case._closure_label() for case in reopened}
            ended = reopened._members_ended_by_closure()
            vals = dict(
                vals,
                closed_on=False,
                retention_until=False,
                closure_reason=False,
                closure_reason_code=False,
            )
        res = super().write(vals)
        # Logged here, not in the buttons: whatever path closes or reopens a
        # case. The closure is posted while the closing member still reads it.
        for case in closing:
            case.message_post(
                body=self.env._(
                    "Case closed by %(user)s (%(reason)s). The team's memberships "
                    "end today: from now on only case managers see the case.",
                    user=self.env.user.name,
                    reason=case._closure_label(),
                ),
                subtype_xmlid="mail.mt_note",
            )
        closing._end_team()
        ended_by_case = ended.grouped("case_id") if reopened else {}
        for case in reopened:
            restored = ended_by_case.get(case, ended.browse())
            restored._restore_after_reopening()
            case.message_post(
                body=self.env._(
                    "Case reopened by %(user)s (it was closed for: %(reason)s). "
                    "Back on the team: %(members)s.",
                    user=self.env.user.name,
                    reason=reasons[case],
                    members=", ".join(restored.user_id.mapped("name")) or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return res

    @api.model
    def search_fetch(self, domain, field_names=None, offset=0, limit=None, order=None):
        """Fetch the company with the records: reading them checks the company
        rule on it, which would otherwise cost a query of its own per list."""
        if field_names and "company_id" not in field_names:
            field_names = [*field_names, "company_id"]
        return super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )

    def action_start_assessment(self):
        return self._pcve_move("stage", "assessment", sources=["signal"])

    def action_start_intervention(self):
        return self._pcve_move("stage", "intervention")

    def action_start_monitoring(self):
        return self._pcve_move("stage", "monitoring")

    def action_close(self):
        """Close; the retention date follows from the closure, its reason and
        the retention periods of the case's company, whatever the case held
        before. The team's memberships end (see ``write``): a member who is no
        case manager goes back to his cases, as he no longer sees this one."""
        today = fields.Date.context_today(self)
        for retention_until, cases in self.grouped(
            lambda c: today + c._retention_period()
        ).items():
            cases._pcve_move(
                "stage",
                "closed",
                {"closed_on": today, "retention_until": retention_until},
            )
        if self.env.su or self.env.user.has_group("pcve_casework.group_case_manager"):
            return True
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_casework.pcve_case_action_my"
        )
        action["target"] = "main"
        return action

    def action_reopen(self):
        """Reopen to assessment; the professionals the closure ended are back
        on the team (see ``write``), volunteers are added again on purpose."""
        return self._pcve_move("stage", "assessment", sources=["closed"])

    def action_add_note(self):
        """Open a note form in a dialog, so that volunteers, who cannot write
        on the case, can still add a team note."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New note"),
            "res_model": "pcve.case.note",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_export_subject(self):
        """Subject-access request (pcve.case.privacy.mixin)."""
        return self._pcve_export_subject()

    def action_erase_subject(self):
        """Right to erasure (pcve.case.privacy.mixin)."""
        return self._pcve_erase_subject()

    def action_open_access_log(self):
        """The case's entries in the suite's audit trail (openings and reads
        first; the filter removed, its creation and changes too)."""
        self.ensure_one()
        self.check_access("read")
        self.env["auditlog.log"].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pcve_audit.auditlog_log_action_pcve"
        )
        action.update(
            name=self.env._("Access log"),
            domain=[
                ("model_id", "=", self.env["ir.model"]._get_id(self._name)),
                ("pcve_covered_id", "=", self.id),
            ],
            context={"search_default_reads": 1},
        )
        return action

    def _draw_reference(self):
        """Give new cases their reference once they passed their rules: a
        refused case uses up no number and no error names one. Part of the
        creation (the audit trail logs the case created with its reference),
        not a change of the case: hence no write."""
        Sequence = self.env["ir.sequence"]
        for case in self:
            reference = Sequence.next_by_code("pcve.case") or NEW
            self.env.cr.execute(
                SQL("UPDATE pcve_case SET name = %s WHERE id = %s", reference, case.id)
            )
        self.invalidate_recordset(["name"])

    def _report_parts(self, full):
        """What the case report shows of this case, read with the printing
        user's rights; redacted (``full`` False): no subject, no signal
        details, no notes for professionals only, no minutes."""
        self.ensure_one()
        notes = self.note_ids
        if not full:
            notes = notes.filtered(lambda n: n.visibility == "team")
        return {
            "subject": self.subject_partner_id.name if full else False,
            "signal_description": self.signal_description if full else False,
            "members": self.member_ids.filtered("is_current"),
            "plan": self.plan_item_ids,
            "meetings": self.meeting_ids,
            "referrals": self.referral_ids,
            "notes": notes,
        }

    def _is_short_retention(self):
        """Whether this case is kept the shorter period: closed with no
        further action before it ever reached the intervention (a signal or
        an assessment that led to nothing)."""
        self.ensure_one()
        return self.closure_reason_code == NFA and not self.intervention_on

    def _retention_period(self):
        """How long this case is kept after its closure, by its company."""
        self.ensure_one()
        company = self.company_id
        if self._is_short_retention():
            return relativedelta(
                months=company._pcve_setting("pcve_nfa_retention_months")
            )
        return relativedelta(years=company._pcve_setting("pcve_case_retention_years"))

    def _retention_period_label(self):
        """The retention period of this case in words, e.g. 5 years."""
        self.ensure_one()
        company = self.company_id
        if self._is_short_retention():
            return self.env._(
                "%(months)s months",
                months=company._pcve_setting("pcve_nfa_retention_months"),
            )
        return self.env._(
            "%(years)s years",
            years=company._pcve_setting("pcve_case_retention_years"),
        )

    def _closure_label(self):
        """The reason for closure as the chatter tells it: code and details."""
        self.ensure_one()
        code = self.closure_reason_code and self._pcve_label(
            "closure_reason_code", self.closure_reason_code
        )
        return " - ".join(filter(None, [code, self.closure_reason])) or "-"

    def _end_team(self):
        """The closure ends every active membership on the closure date: from
        then on only case managers see the case, its parts and messages. Part
        of the closure, which the case worker may make though he does not
        manage the team: hence as superuser, once the move passed its guard.
        Also run by the migration for cases closed before closures did this."""
        today = fields.Date.context_today(self)
        members = (
            self.env["pcve.case.member"]
            .sudo()
            .search([("case_id", "in", self.ids), ("active", "=", True)])
        )
        closed_on = {case.id: case.closed_on or today for case in self}
        open_ = members.filtered(
            lambda m: not m.date_end or m.date_end > closed_on[m.case_id.id]
        )
        for date_end, batch in open_.grouped(
            lambda m: max(m.date_start, closed_on[m.case_id.id])
        ).items():
            batch.write({"active": False, "date_end": date_end})
        (members - open_).write({"active": False})

    def _members_ended_by_closure(self):
        """The professionals whose membership the closure of these cases
        ended: archived on the closure date."""
        return (
            self.env["pcve.case.member"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("case_id", "in", self.ids),
                    ("active", "=", False),
                    ("is_professional", "=", True),
                    ("date_end", "!=", False),
                ]
            )
            .filtered(lambda m: m.date_end == m.case_id.closed_on)
        )

    def _label(self):
        """The reference, or the pseudonym of a case that has none yet."""
        self.ensure_one()
        return self.subject_pseudonym if self.name == NEW else self.name

    def _check_user_create(self, vals_list):
        """A new case starts as a signal, without reference or dates: the
        sequence and the workflow set them (nor the client's context)."""
        fnames = ("name", "retention_until", "closure_reason_code", "stage")
        for vals in vals_list:
            vals = self._pcve_given(vals, (*fnames, "is_anonymised"))
            if vals.get("name", NEW) != NEW:
                raise AccessError(self._reference_rule())
            if vals.get("retention_until"):
                raise AccessError(self._workflow_rule())
            if vals.get("closure_reason_code") and vals.get("stage") == "closed":
                raise AccessError(self._workflow_rule())
            if vals.get("is_anonymised"):
                raise AccessError(self._anonymised_rule())

    def _check_user_write(self, vals):
        """What nobody writes directly (reference, stage, stage dates), and
        what only case managers write (lead, company, retention)."""
        if "name" in vals:
            raise AccessError(self._reference_rule())
        manager = self.env.user.has_group("pcve_casework.group_case_manager")
        if not manager and {"lead_user_id", "company_id", "retention_until"} & set(
            vals
        ):
            raise AccessError(
                self.env._(
                    "Only a case manager assigns the case lead, moves a case to "
                    "another company or extends how long a closed case is kept."
                )
            )
        if "retention_until" in vals:
            self._check_retention_change(fields.Date.to_date(vals["retention_until"]))
        if "closure_reason_code" in vals and any(
            case.stage == "closed" for case in self
        ):
            raise AccessError(
                self.env._(
                    "The reason for closure of a closed case is fixed: it decided "
                    "how long the case is kept. Reopen the case to change it."
                )
            )

    def _check_retention_change(self, new_date):
        """Retention rule: a case manager may only extend the retention of a
        closed case, to a date after today and from one to two retention
        periods after its closure; never shorten it, clear it or set it in the
        past (that would have the nightly job anonymise the case)."""
        tomorrow = fields.Date.context_today(self) + relativedelta(days=1)
        for case in self:
            period = case._retention_period()
            if case.stage != "closed" or case.is_anonymised or not case.closed_on:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s is not closed: its retention date is set "
                        "when it is closed.",
                        case=case._label(),
                    )
                )
            earliest = max(case.closed_on + period, tomorrow)
            latest = case.closed_on + period * 2
            if not new_date or not earliest <= new_date <= latest:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s: retention rule: a closed case is kept "
                        "%(period)s after its closure; a case manager may extend "
                        "this up to twice that period, never shorten it, clear "
                        "it or set it to today or earlier. Choose a date from "
                        "%(earliest)s to %(latest)s.",
                        case=case._label(),
                        period=case._retention_period_label(),
                        earliest=format_date(self.env, earliest),
                        latest=format_date(self.env, latest),
                    )
                )

    def _reference_rule(self):
        return self.env._(
            "The reference of a case comes from its sequence: nobody sets or "
            "changes it."
        )

    def _pcve_workflow_error(self, fnames):
        return AccessError(self._workflow_rule())

    def _workflow_rule(self):
        return self.env._(
            "The stage of a case moves only with its buttons (Start assessment, "
            "Start intervention, Start monitoring, Close case, Reopen); they set "
            "the stage dates, the closure date and the retention date."
        )

    def _anonymised_rule(self):
        return self.env._(
            "A case is anonymised by the retention job or an erasure, "
            "never by a direct change."
        )

    def _check_closure_reason(self, vals):
        """Guard of a closure: a closure needs a reason code, and details when
        the reason is Other."""
        code = vals.get("closure_reason_code", self.closure_reason_code)
        details = (vals.get("closure_reason", self.closure_reason) or "").strip()
        if code not in dict(CLOSURE_REASON_CODES) or (code == "other" and not details):
            raise UserError(
                self.env._(
                    "Case %(case)s: a closure needs a reason: choose the reason "
                    "for closure (and give the details when it is Other).",
                    case=self._label(),
                )
            )

    def _check_reopen(self, vals):
        """Guard of a reopening: a case manager reopens a case not anonymised."""
        self.check_access("write")
        if not self.env.user.has_group("pcve_casework.group_case_manager"):
            raise UserError(
                self.env._(
                    "Case %(case)s: only a case manager can reopen a closed case.",
                    case=self.name,
                )
            )
        if self.is_anonymised:
            raise UserError(
                self.env._(
                    "Case %(case)s was anonymised and cannot be reopened.",
                    case=self.name,
                )
            )

    def _pcve_move_error(self, fname, to):
        case = self[:1]
        return UserError(
            self.env._(
                "Case %(case)s cannot move from %(old)s to %(new)s: the stages "
                "follow signal, assessment, intervention, monitoring, closed.",
                case=case._label(),
                old=self._pcve_label(fname, case.stage),
                new=self._pcve_label(fname, to),
            )
        )

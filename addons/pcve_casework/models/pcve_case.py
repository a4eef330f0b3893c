import json

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

STAGES = [
    ("signal", "Signal"),
    ("assessment", "Assessment"),
    ("intervention", "Intervention"),
    ("monitoring", "Monitoring"),
    ("closed", "Closed"),
]
# Allowed moves; any open stage may also be closed (early closure, with a reason).
NEXT_STAGE = {
    "signal": "assessment",
    "assessment": "intervention",
    "intervention": "monitoring",
    "monitoring": "closed",
}
STAGE_DATE_FIELD = {
    "assessment": "assessment_on",
    "intervention": "intervention_on",
    "monitoring": "monitoring_on",
    "closed": "closed_on",
}
ANONYMISED = "Anonymised"
PAIRING_RULE = "an imam volunteer is always paired with a social worker or psychologist"


class PcveCase(models.Model):
    _name = "pcve.case"
    _description = "Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "signal_date desc, id desc"
    _check_company_auto = True
    # Every active team member (volunteers too) may take part in the chatter.
    _mail_post_access = "read"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="New"
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
    next_meeting_date = fields.Datetime(
        string="Next case conference", compute="_compute_next_meeting_date"
    )
    member_count = fields.Integer(compute="_compute_counts")
    open_plan_item_count = fields.Integer(compute="_compute_counts")
    assessment_on = fields.Date(string="Assessment", readonly=True, copy=False)
    intervention_on = fields.Date(string="Intervention", readonly=True, copy=False)
    monitoring_on = fields.Date(string="Monitoring", readonly=True, copy=False)
    closure_reason = fields.Text(string="Closure reason", tracking=True, copy=False)
    closed_on = fields.Date(
        string="Closed on", readonly=True, copy=False, tracking=True
    )
    retention_until = fields.Date(
        string="Keep until",
        copy=False,
        tracking=True,
        help="After this date the daily retention job anonymises the closed case.",
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

    _name_company_uniq = models.Constraint(
        "unique(name, company_id)", "The case reference must be unique."
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

    @api.depends("member_ids", "plan_item_ids.done")
    def _compute_counts(self):
        members = dict(
            self.env["pcve.case.member"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        open_items = dict(
            self.env["pcve.case.plan.item"]._read_group(
                [("case_id", "in", self.ids), ("done", "=", False)],
                ["case_id"],
                ["__count"],
            )
        )
        for case in self:
            case.member_count = members.get(case, 0)
            case.open_plan_item_count = open_items.get(case, 0)

    @api.constrains("member_ids", "lead_user_id")
    def _check_pairing(self):
        """Vilvoorde practice: the imam never carries a case alone."""
        for case in self.sudo():
            active = case.member_ids.filtered("active")
            if "faith_volunteer" in active.mapped("role") and not active.filtered(
                lambda m: m.role in ("social_worker", "psychologist")
            ):
                raise ValidationError(
                    self.env._(
                        "Case %(case)s: %(rule)s. Add an active social worker or "
                        "psychologist before a faith volunteer, and do not end or "
                        "remove the last one while the volunteer is on the team.",
                        case=case.name,
                        rule=PAIRING_RULE,
                    )
                )
            lead = case.lead_user_id
            if lead and (
                not lead.has_group("pcve_casework.group_case_worker")
                or active.filtered(
                    lambda m, lead=lead: m.user_id == lead and not m.is_professional
                )
            ):
                raise ValidationError(
                    self.env._(
                        "Case %(case)s: a volunteer cannot be the case lead.",
                        case=case.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("pcve.case") or "New"
                )
        return super().create(vals_list)

    def write(self, vals):
        if "stage" in vals:
            for case in self:
                case._check_stage_move(
                    vals["stage"], vals.get("closure_reason", case.closure_reason)
                )
            if vals["stage"] in STAGE_DATE_FIELD:
                vals.setdefault(
                    STAGE_DATE_FIELD[vals["stage"]], fields.Date.context_today(self)
                )
        return super().write(vals)

    def web_read(self, specification):
        """Log the opening of a case form: the web client's own web_read call
        (lists, kanbans, groups and saves also go through web_read: not logged)."""
        result = super(PcveCase, self.with_context(pcve_case_logged=True)).web_read(
            specification
        )
        if len(self) == 1 and not self.env.su and self._is_rpc_call("web_read"):
            self.env["pcve.case.access.log"]._log(self, "open")
        return result

    # Routes calling web_read get a read-only cursor; the access log needs to write.
    web_read._readonly = False

    def read(self, fields=None, load="_classic_read"):
        """Log reads through the API (read, search_read), not the form's own."""
        result = super().read(fields=fields, load=load)
        if self and not self.env.su and not self.env.context.get("pcve_case_logged"):
            self.env["pcve.case.access.log"]._log(self, "read")
        return result

    read._readonly = False

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        result = super().search_read(
            domain=domain,
            fields=fields,
            offset=offset,
            limit=limit,
            order=order,
            **read_kwargs,
        )
        if result and not self.env.su and not self.env.context.get("pcve_case_logged"):
            self.env["pcve.case.access.log"]._log(
                self.browse([r["id"] for r in result]), "read"
            )
        return result

    # search_read writes the access log too.
    search_read._readonly = False

    def export_data(self, fields_to_export):
        """Exports read case data too: log them like API reads."""
        result = super().export_data(fields_to_export)
        if not self.env.su:
            self.env["pcve.case.access.log"]._log(self, "read")
        return result

    def _is_rpc_call(self, method):
        """Whether the current request is the RPC ``method`` on this model
        (/web/dataset/call_kw as the web client sends it, or /json/2)."""
        params = getattr(request, "params", None) or {}
        model = params.get("model") or params.get("__model__")
        called = params.get("method") or params.get("__method__")
        return model == self._name and called == method

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        outsiders = set(partner_ids or []) - set(self._team_partner_ids())
        if outsiders:
            raise UserError(
                self.env._(
                    "Only active team members and case managers can follow a case: "
                    "add the person to the team first."
                )
            )
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # automatic subscriptions (authors, mentions) never let outsiders in
        allowed = set(self._team_partner_ids())
        partner_ids = [pid for pid in partner_ids or [] if pid in allowed]
        return super()._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    def message_post(self, **kwargs):
        outsiders = set(kwargs.get("partner_ids") or []) - set(self._team_partner_ids())
        if outsiders:
            raise UserError(
                self.env._(
                    "Messages on a case can only be addressed to its active team "
                    "members and case managers."
                )
            )
        return super().message_post(**kwargs)

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        allowed = set(self._team_partner_ids())
        recipients = super()._notify_get_recipients(
            message, msg_vals=msg_vals, **kwargs
        )
        return [r for r in recipients if r["id"] in allowed]

    def _team_partner_ids(self):
        """Partners who may follow, or be addressed on, these cases: active team
        members and case managers. Followers and recipients can read messages,
        so nobody else may be one."""
        managers = self.env.ref("pcve_casework.group_case_manager").sudo().all_user_ids
        members = self.sudo().member_ids.user_id
        return (members | managers).partner_id.ids

    def _check_stage_move(self, new_stage, closure_reason):
        self.ensure_one()
        if new_stage == self.stage:
            return
        allowed = NEXT_STAGE.get(self.stage) == new_stage or (
            new_stage == "closed" and self.stage != "closed"
        )
        if self.stage == "closed" and new_stage == "assessment":
            allowed = self.env.context.get("pcve_case_reopen", False)
        if not allowed:
            raise UserError(
                self.env._(
                    "Case %(case)s cannot move from %(old)s to %(new)s: the stages "
                    "follow signal, assessment, intervention, monitoring, closed.",
                    case=self.name,
                    old=dict(STAGES)[self.stage],
                    new=dict(STAGES)[new_stage],
                )
            )
        if new_stage == "closed" and not (closure_reason or "").strip():
            raise UserError(
                self.env._("Case %(case)s: a closure needs a reason.", case=self.name)
            )

    def action_start_assessment(self):
        self.write({"stage": "assessment"})

    def action_start_intervention(self):
        self.write({"stage": "intervention"})

    def action_start_monitoring(self):
        self.write({"stage": "monitoring"})

    def action_close(self):
        years = self._retention_years()
        today = fields.Date.context_today(self)
        for case in self:
            case.write(
                {
                    "stage": "closed",
                    "closed_on": today,
                    "retention_until": case.retention_until
                    or today + relativedelta(years=years),
                }
            )

    def action_reopen(self):
        for case in self:
            if case.is_anonymised:
                raise UserError(
                    self.env._(
                        "Case %(case)s was anonymised and cannot be reopened.",
                        case=case.name,
                    )
                )
            reason = case.closure_reason
            case.with_context(pcve_case_reopen=True).write(
                {
                    "stage": "assessment",
                    "closed_on": False,
                    "retention_until": False,
                    "closure_reason": False,
                }
            )
            case.message_post(
                body=self.env._(
                    "Case reopened by %(user)s (it was closed for: %(reason)s).",
                    user=self.env.user.name,
                    reason=reason or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_add_note(self):
        """Open a note form in a dialog, so that volunteers, who cannot write
        on the case, can still add a team note."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New note"),
            "res_model": "pcve.case.note",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_open_access_log(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Access log"),
            "res_model": "pcve.case.access.log",
            "view_mode": "list",
            "domain": [("case_id", "=", self.id)],
        }

    def action_export_subject(self):
        """Subject-access request: everything held on the subject, as JSON."""
        self.ensure_one()
        self._check_manager()
        cases = self
        if self.subject_partner_id:
            cases = self.search(
                [("subject_partner_id", "=", self.subject_partner_id.id)]
            )
        payload = json.dumps(
            {"subject": self._subject_name(), "cases": cases._export_payload()},
            indent=2,
            default=str,
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"subject-access-{self.name.replace('/', '-')}.json",
                "raw": payload.encode(),
                "mimetype": "application/json",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.env["pcve.case.access.log"]._log(cases, "export")
        self.message_post(
            body=self.env._(
                "Subject-access export produced by %(user)s (%(count)s case(s)).",
                user=self.env.user.name,
                count=len(cases),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_erase_subject(self):
        """Right to erasure: anonymise every case of this subject now."""
        self._check_manager()
        cases = self
        partners = self.subject_partner_id
        if partners:
            cases |= self.search([("subject_partner_id", "in", partners.ids)])
        cases._anonymise()
        self.env["pcve.case.access.log"]._log(cases, "erasure")
        for case in cases:
            case.message_post(
                body=self.env._(
                    "Subject erased on request by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _check_manager(self):
        if not self.env.user.has_group("pcve_casework.group_case_manager"):
            raise UserError(
                self.env._("Only case managers can export or erase a subject.")
            )

    def _subject_name(self):
        return self.sudo().subject_partner_id.name or self.subject_pseudonym

    def _export_payload(self):
        result = []
        for case in self.sudo():
            messages = self.env["mail.message"].search(
                [("model", "=", case._name), ("res_id", "=", case.id)]
            )
            attachments = self.env["ir.attachment"].search(
                [("res_model", "=", case._name), ("res_id", "=", case.id)]
            )
            result.append(
                {
                    "reference": case.name,
                    "pseudonym": case.subject_pseudonym,
                    "subject": case.subject_partner_id.name,
                    "stage": case.stage,
                    "signal_source": case.signal_source,
                    "signal_date": case.signal_date,
                    "signal_description": case.signal_description,
                    "concern_type": case.concern_type,
                    "team_summary": case.team_summary,
                    "closure_reason": case.closure_reason,
                    "team": [
                        {"user": m.user_id.name, "role": m.role, "active": m.active}
                        for m in case.with_context(active_test=False).member_ids
                    ],
                    "plan": [
                        {"description": p.description, "deadline": p.deadline}
                        for p in case.plan_item_ids
                    ],
                    "meetings": [
                        {"date": m.date, "minutes": m.minutes, "decisions": m.decisions}
                        for m in case.meeting_ids
                    ],
                    "notes": [
                        {
                            "date": n.create_date,
                            "visibility": n.visibility,
                            "body": n.body,
                        }
                        for n in case.note_ids
                    ],
                    "messages": [
                        {"date": m.date, "author": m.author_id.name, "body": m.body}
                        for m in messages
                    ],
                    "attachments": attachments.mapped("name"),
                }
            )
        return result

    @api.model
    def _retention_years(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("pcve_casework.retention_years", "5")
        )
        try:
            return int(param)
        except ValueError:
            return 5

    @api.model
    def _cron_anonymise_expired(self):
        """Daily: anonymise closed cases whose retention period has passed."""
        expired = self.sudo().search(
            [
                ("stage", "=", "closed"),
                ("is_anonymised", "=", False),
                ("retention_until", "<=", fields.Date.context_today(self)),
            ]
        )
        expired._anonymise()
        return len(expired)

    def _anonymise(self):
        """Erase what identifies the subject; keep the statistical fields
        (stage dates, signal source, concern type, team roles)."""
        cases = self.sudo()
        if not cases:
            return
        cases.note_ids.unlink()
        cases.meeting_ids.write({"minutes": False, "decisions": False})
        cases.plan_item_ids.write({"description": ANONYMISED})
        cases.activity_ids.unlink()
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", cases.ids)]
        ).unlink()
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", cases.ids)]
        ).unlink()
        cases.message_follower_ids.unlink()
        cases.with_context(tracking_disable=True).write(
            {
                "subject_partner_id": False,
                "subject_pseudonym": ANONYMISED,
                "signal_description": False,
                "team_summary": False,
                "closure_reason": ANONYMISED,
                "is_anonymised": True,
            }
        )

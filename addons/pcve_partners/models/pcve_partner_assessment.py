from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL

from odoo.addons.pcve_base.models.pcve_language_mixin import (
    LANGUAGE_CONFIRMATION_FIELDS,
)

COLLABORATION_LEVELS = [
    ("information_sharing", "Information sharing"),
    ("consultation", "Consultation"),
    ("dialogue", "Dialogue"),
    ("partnership", "Partnership"),
]
# From the least to the most intense collaboration (the paper's order).
LEVEL_RANK = {level: rank for rank, (level, _label) in enumerate(COLLABORATION_LEVELS)}
OUTCOMES = [
    ("approved", "Approved"),
    ("dialogue_only", "Dialogue only"),
    ("declined", "Declined"),
]
# Written by the decision step only (the decision wizard, action_approve,
# action_dialogue_only, action_decline), never by a create or write: not by
# the assessor, whatever the state, and not by the approver either (the
# validity comes from the setting).
DECISION_FIELDS = {
    "outcome",
    "granted_level",
    "decided_by_id",
    "decision_date",
    "decision_rationale",
    "valid_until",
}
# Written by the workflow buttons only: the moves and who made them.
WORKFLOW_FIELDS = {
    "name",
    "state",
    "submitted_on",
    "submitted_by_id",
    "contributor_ids",
    "partner_informed_date",
    "partner_informed_by_id",
    "partner_informed_method",
    *LANGUAGE_CONFIRMATION_FIELDS,
}
# What the assessor prepares changes only in a draft: the approver decides on
# what was submitted, and nothing of it changes afterwards (over RPC too).
CONTENT_FIELDS = {
    "partner_id",
    "company_id",
    "requested_level",
    "funding_involved",
    "funding_amount",
    "objective",
    "criterion_line_ids",
    "reference_ids",
}
# What the organisation never reads of its assessment on the portal: the
# municipality's own objective, the findings, references and rationale, and who
# prepared and decided it. Staff only (portal users have no other group).
STAFF = "base.group_user"


class PcvePartnerAssessment(models.Model):
    """Assessing a partner ("due diligence") before collaborating.

    The depth grows with the intensity of the collaboration and is full
    whenever funding is involved. Partners who do not pass can still take
    part in dialogue.

    Four eyes: whoever created, changed or submitted an assessment (its
    "Prepared by") never decides it, and the decision and the workflow fields
    are written by the buttons only, never by a create or write (over RPC
    neither).
    """

    _name = "pcve.partner.assessment"
    _description = "Partner assessment"
    _inherit = [
        "pcve.input.mixin",
        "pcve.state.mixin",
        "pcve.language.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    # The moves of the workflow buttons, and their guards.
    _pcve_moves = {
        "state": {
            "draft": {"in_review": "_check_ready_for_review", "cancelled": None},
            "in_review": {
                "decided": "_check_decider",
                "cancelled": None,
                "draft": None,
            },
            "cancelled": {"draft": None},
        }
    }
    _pcve_workflow_fields = tuple(sorted(DECISION_FIELDS | WORKFLOW_FIELDS))
    _order = "create_date desc, id desc"
    # the outcome and the criteria, never the findings, sources or people
    _pcve_portal_fields = {
        "read": (
            "display_name",
            "name",
            "partner_id",
            "state",
            "requested_level",
            "outcome",
            "granted_level",
            "valid_until",
            "criterion_ids",
            "partner_informed_date",
        )
    }
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("pcve_is_partner", "=", True)],
    )
    requested_level = fields.Selection(
        COLLABORATION_LEVELS, required=True, default="dialogue", tracking=True
    )
    funding_involved = fields.Boolean(tracking=True)
    funding_amount = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    objective = fields.Text(
        groups=STAFF,
        help="What the municipality wants to achieve with this collaboration.",
    )
    required_depth = fields.Selection(
        [("light", "Light"), ("full", "Full")],
        compute="_compute_required_depth",
        store=True,
        precompute=True,
        help="Full for a partnership or whenever funding is involved.",
    )
    criterion_line_ids = fields.One2many(
        "pcve.assessment.criterion.line",
        "assessment_id",
        string="Criteria",
        default=lambda self: self._default_criterion_lines(),
        copy=True,
        groups=STAFF,
    )
    reference_ids = fields.One2many(
        "pcve.assessment.reference",
        "assessment_id",
        string="References",
        groups=STAFF,
    )
    criterion_ids = fields.Many2many(
        "pcve.assessment.criterion",
        string="Criteria assessed",
        compute="_compute_criterion_ids",
        compute_sudo=True,
        help="The criteria the partner is assessed on, without ratings, sources or "
        "findings: what the partner reads of its assessment on the portal.",
    )
    serious_concern = fields.Boolean(
        compute="_compute_serious_concern",
        store=True,
        groups=STAFF,
        help="At least one criterion is rated a serious concern.",
    )
    assessor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        default=lambda self: self.env.user,
        groups=STAFF,
        domain=lambda self: [
            (
                "all_group_ids",
                "in",
                self.env.ref("pcve_partners.group_pcve_assessor").ids,
            )
        ],
        help="Who prepares the assessment: its creator, unless a partners manager "
        "hands it over.",
    )
    contributor_ids = fields.Many2many(
        "res.users",
        "pcve_partner_assessment_contributor_rel",
        "assessment_id",
        "user_id",
        string="Prepared by",
        readonly=True,
        copy=False,
        groups=STAFF,
        help="Everyone who created, changed or submitted the assessment: none of "
        "them may decide it (four eyes).",
    )
    submitted_on = fields.Date(readonly=True, copy=False, tracking=True)
    submitted_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True, groups=STAFF
    )
    decided_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        groups=STAFF,
    )
    decision_date = fields.Date(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_review", "In review"),
            ("decided", "Decided"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    outcome = fields.Selection(
        OUTCOMES, readonly=True, copy=False, index=True, tracking=True
    )
    granted_level = fields.Selection(
        COLLABORATION_LEVELS, readonly=True, copy=False, tracking=True
    )
    decision_rationale = fields.Text(
        readonly=True, tracking=True, copy=False, groups=STAFF
    )
    valid_until = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Set by the approval, from the validity period of the settings.",
    )
    # No tracking on intelligence fields: tracking values would outlive the
    # field restriction in the chatter.
    intelligence_check_requested = fields.Boolean(
        groups="pcve_partners.group_pcve_security_liaison", copy=False
    )
    intelligence_check_result = fields.Text(
        groups="pcve_partners.group_pcve_security_liaison", copy=False
    )

    @api.depends("requested_level", "funding_involved")
    def _compute_required_depth(self):
        for assessment in self:
            full = (
                assessment.requested_level == "partnership"
                or assessment.funding_involved
            )
            assessment.required_depth = "full" if full else "light"

    @api.depends("criterion_line_ids.criterion_id")
    def _compute_criterion_ids(self):
        for assessment in self:
            assessment.criterion_ids = assessment.criterion_line_ids.criterion_id

    @api.depends("criterion_line_ids.rating")
    def _compute_serious_concern(self):
        for assessment in self:
            assessment.serious_concern = any(
                line.rating == "serious_concern"
                for line in assessment.criterion_line_ids
            )

    @api.model
    def _default_criterion_lines(self):
        criteria = self.env["pcve.assessment.criterion"].search([("active", "=", True)])
        return [fields.Command.create({"criterion_id": c.id}) for c in criteria]

    @api.constrains("funding_involved", "funding_amount")
    def _check_funding_amount(self):
        labels = {
            name: self._fields[name]._description_string(self.env)
            for name in ("funding_involved", "funding_amount")
        }
        for assessment in self:
            if assessment.funding_amount < 0:
                raise ValidationError(
                    self.env._(
                        "'%(amount)s' cannot be negative.",
                        amount=labels["funding_amount"],
                    )
                )
            if assessment.funding_amount and not assessment.funding_involved:
                raise ValidationError(
                    self.env._(
                        "'%(amount)s' is only kept when '%(involved)s' is ticked: "
                        "tick it, or leave the amount empty.",
                        amount=labels["funding_amount"],
                        involved=labels["funding_involved"],
                    )
                )

    @api.constrains(
        "state",
        "outcome",
        "decided_by_id",
        "assessor_id",
        "submitted_by_id",
        "contributor_ids",
        "decision_rationale",
    )
    def _check_decision(self):
        for assessment in self.filtered(lambda a: a.state == "decided"):
            if not assessment.outcome or not assessment.decided_by_id:
                raise ValidationError(
                    self.env._("A decided assessment needs an outcome and a decider.")
                )
            assessment._check_four_eyes(assessment.decided_by_id)
            if (
                assessment.outcome != "approved"
                and not (assessment.decision_rationale or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "A 'dialogue only' or 'declined' outcome needs a rationale."
                    )
                )

    @api.constrains(
        "state",
        "outcome",
        "granted_level",
        "requested_level",
        "funding_involved",
        "decision_rationale",
    )
    def _check_approval(self):
        levels = dict(self._fields["granted_level"]._description_selection(self.env))
        for assessment in self.filtered(
            lambda a: a.state == "decided" and a.outcome == "approved"
        ):
            if not assessment.granted_level:
                raise ValidationError(self.env._("An approval grants a level."))
            granted = LEVEL_RANK[assessment.granted_level]
            requested = LEVEL_RANK[assessment.requested_level]
            if granted > requested:
                raise ValidationError(
                    self.env._(
                        "An approval grants at most the requested level of "
                        "collaboration (%(requested)s), not %(granted)s.",
                        requested=levels[assessment.requested_level],
                        granted=levels[assessment.granted_level],
                    )
                )
            if (
                granted < requested
                and not (assessment.decision_rationale or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Granting a lower level of collaboration (%(granted)s) than "
                        "requested (%(requested)s) needs a rationale.",
                        requested=levels[assessment.requested_level],
                        granted=levels[assessment.granted_level],
                    )
                )
            if assessment.serious_concern and (
                assessment.granted_level == "partnership" or assessment.funding_involved
            ):
                raise ValidationError(
                    self.env._(
                        "A serious concern forbids approving a partnership or "
                        "funding; 'dialogue only' remains possible."
                    )
                )
            if assessment.funding_involved and not assessment._has_signed_charter():
                raise ValidationError(
                    self.env._(
                        "Funding requires %(partner)s to have signed the currently "
                        "active charter.",
                        partner=assessment.partner_id.name,
                    )
                )

    @api.onchange("funding_involved")
    def _onchange_funding_involved(self):
        """Unticking "Funding involved" clears the amount it hides."""
        if not self.funding_involved:
            self.funding_amount = 0

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        person = self._pcve_person()
        for vals in vals_list:
            if not self.env.su:
                # a new assessment is a draft with a reference still to come
                self._pcve_check_start(self._pcve_given(vals))
                self._check_handover(vals.get("assessor_id"))
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("pcve.partner.assessment")
                    or "/"
                )
            if person:
                vals["contributor_ids"] = [
                    *vals.get("contributor_ids", []),
                    Command.link(person.id),
                ]
        with self._pcve_workflow():
            assessments = super().create(vals_list)
        if person:
            for assessment in assessments.filtered(lambda a: a.assessor_id != person):
                assessment._log_handover(person)
        return assessments

    def write(self, vals):
        self._pcve_check_vals(vals)
        if "assessor_id" in vals and not (self.env.su or self._pcve_in_workflow()):
            self._check_handover(vals["assessor_id"])
        if (
            "funding_involved" in vals
            and not vals["funding_involved"]
            and "funding_amount" not in vals
        ):
            vals = dict(vals, funding_amount=0)
        if CONTENT_FIELDS.intersection(vals):
            self._check_content_change()
        previous = {a: a.assessor_id for a in self} if "assessor_id" in vals else {}
        result = super().write(vals)
        for assessment, assessor in previous.items():
            if assessment.assessor_id != assessor:
                assessment._log_handover(assessor)
        return result

    def action_submit(self):
        person = self._pcve_person()
        self._pcve_move(
            "state",
            "in_review",
            {
                "submitted_on": fields.Date.context_today(self),
                "submitted_by_id": person.id,
                "contributor_ids": [Command.link(person.id)] if person else [],
            },
        )
        return True

    def action_approve(self, granted_level=None, rationale=None):
        """Approve at ``granted_level`` (defaults to the requested level; a
        lower one needs a rationale), with ``rationale`` as the decision
        rationale. The validity follows from the settings."""
        for assessment in self:
            level = granted_level or assessment.requested_level
            assessment._decide("approved", level, rationale=rationale)
        return True

    def action_dialogue_only(self, rationale=None):
        """Invite the partner to dialogue only; ``rationale`` is needed."""
        for assessment in self:
            assessment._decide("dialogue_only", False, rationale=rationale)
        return True

    def action_decline(self, rationale=None):
        """Decline the collaboration; ``rationale`` is needed."""
        for assessment in self:
            assessment._decide("declined", False, rationale=rationale)
        return True

    def action_cancel(self):
        self._pcve_move("state", "cancelled")
        return True

    def action_reset_to_draft(self):
        self._pcve_move(
            "state", "draft", {"submitted_on": False, "submitted_by_id": False}
        )
        return True

    def _pcve_person(self):
        """The user acting, or no one when it is the system (data files, crons)."""
        user = self.env.user
        return user.browse() if user._is_superuser() else user

    def _pcve_workflow_error(self, fnames):
        """Decision and workflow fields are never written directly."""
        decision = DECISION_FIELDS.intersection(fnames)
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in fnames)
        )
        if decision:
            return AccessError(
                self.env._(
                    "%(fields)s: a decision is taken by an approver with the "
                    "decision buttons only, never written directly.",
                    fields=labels,
                )
            )
        return AccessError(
            self.env._(
                "%(fields)s: set by the buttons of the assessment (submit, back "
                "to draft, cancel, inform the partner), never written directly.",
                fields=labels,
            )
        )

    def _pcve_move_error(self, fname, to):
        old = self[:1].state
        if to == "decided" and old == "decided":
            return UserError(self.env._("Only an assessment in review can be decided."))
        if to == "cancelled" and old == "decided":
            return UserError(self.env._("A decided assessment cannot be cancelled."))
        return UserError(
            self.env._(
                "An assessment cannot go from %(old)s to %(new)s.",
                old=self._pcve_label(fname, old),
                new=self._pcve_label(fname, to),
            )
        )

    def _check_handover(self, assessor_id):
        """The creator prepares the assessment; only a partners manager hands
        it over to another assessor, and only while it is a draft."""
        if not assessor_id:
            return
        if any(a.state != "draft" for a in self):
            raise UserError(
                self.env._(
                    "The assessor can only change while the assessment is a draft."
                )
            )
        current = self.assessor_id if self else self.env.user
        if current.ids == [assessor_id]:
            return
        if not self.env.user.has_group("pcve_partners.group_pcve_manager"):
            raise AccessError(
                self.env._(
                    "Only a partners manager hands an assessment over to another "
                    "assessor: you prepare the assessments you create."
                )
            )
        assessor = self.env["res.users"].browse(assessor_id).exists()
        if not assessor.has_group("pcve_partners.group_pcve_assessor"):
            raise ValidationError(
                self.env._(
                    "%(user)s is not an assessor and cannot prepare an assessment.",
                    user=assessor.name or assessor_id,
                )
            )

    def _log_handover(self, previous):
        self.ensure_one()
        self.message_post(
            body=self.env._(
                "Handed over by %(manager)s from %(previous)s to %(assessor)s.",
                manager=self.env.user.name,
                previous=previous.name,
                assessor=self.assessor_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _check_four_eyes(self, decider):
        self.ensure_one()
        if decider in self.assessor_id | self.submitted_by_id | self.contributor_ids:
            raise ValidationError(
                self.env._(
                    "Four eyes: %(user)s created, changed or submitted %(name)s and "
                    "cannot also decide it; another approver decides.",
                    user=decider.name,
                    name=self.name,
                )
            )

    def _check_content_change(self):
        """Refuse changes to the prepared content outside a draft, note who
        changed it (four eyes), and make a change conflict with a concurrent
        submission or decision.

        Findings and references are rows of their own: a transaction changing
        them would not otherwise meet one submitting or deciding on its own
        snapshot. Updating the assessment row makes the later of the two fail
        with a serialization error (Odoo's RPC layer retries it on fresh data,
        where the checks here and in write see the other's outcome).
        """
        if not self:
            return
        if not self.env.su:
            submitted = self.filtered(lambda a: a.state != "draft")
            if submitted:
                raise UserError(
                    self.env._(
                        "Assessment %(name)s is no longer a draft: its partner, "
                        "level, funding, objective, findings and references "
                        "change only in a draft (set it back to draft first).",
                        name=submitted[0].name,
                    )
                )
        person = self._pcve_person()
        newcomers = self.filtered(lambda a: person and person not in a.contributor_ids)
        if newcomers:
            newcomers._pcve_workflow_write(
                {"contributor_ids": [Command.link(person.id)]}
            )
        self.env.cr.execute(
            SQL(
                "UPDATE pcve_partner_assessment SET write_date = write_date "
                "WHERE id IN %s",
                tuple(self.ids),
            )
        )

    def _check_ready_for_review(self, vals):
        """Guard of the submission: a full assessment is complete."""
        self.ensure_one()
        if self.required_depth != "full":
            return
        incomplete = self.criterion_line_ids.filtered(
            lambda line: not line.rating or not (line.source or "").strip()
        )
        if incomplete or not self.criterion_line_ids:
            raise UserError(
                self.env._(
                    "A full assessment needs a rating and a source on every "
                    "criterion before it is submitted. Missing: %(criteria)s",
                    criteria=", ".join(incomplete.criterion_id.mapped("name"))
                    or self.env._("all criteria"),
                )
            )
        if len(self.reference_ids.filtered("cross_checked")) < 2:
            raise UserError(
                self.env._(
                    "A full assessment needs at least two references marked "
                    "cross-checked before it is submitted."
                )
            )

    def _has_signed_charter(self):
        self.ensure_one()
        charter = self.env["pcve.charter"]._get_current(self.company_id)
        if not charter:
            return False
        return bool(
            self.env["pcve.charter.signature"].search_count(
                [
                    ("partner_id", "=", self.partner_id.commercial_partner_id.id),
                    ("charter_id", "=", charter.id),
                ],
                limit=1,
            )
        )

    def _check_decider(self, vals):
        """Guard of the decision: only an approver decides."""
        if not self.env.user.has_group("pcve_partners.group_pcve_approver"):
            raise AccessError(self.env._("Only approvers decide partner assessments."))

    def _decide(self, outcome, level, rationale=None):
        """The decision step: outcome, level, rationale and validity are
        written here and nowhere else."""
        self.ensure_one()
        values = {
            "outcome": outcome,
            "granted_level": level,
            "decided_by_id": self.env.user.id,
            "decision_date": fields.Date.context_today(self),
        }
        if rationale is not None:
            values["decision_rationale"] = rationale
        if outcome == "approved":
            values["valid_until"] = fields.Date.context_today(self) + relativedelta(
                years=self.company_id._pcve_setting("pcve_assessment_validity_years")
            )
        self._pcve_move("state", "decided", values)
        if outcome == "approved":
            # The assessment weighed everything, the liaison's intelligence
            # check included: it resolves every open observation of its
            # company, also those (intelligence) its approver may not read.
            # Another municipality's observations are its own to resolve.
            self.env["pcve.partner.observation"].sudo().search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "open"),
                ]
            )._resolve_by_assessment(self)
        if outcome != "approved":
            self.activity_schedule(
                "pcve_partners.mail_activity_type_inform_partner",
                user_id=self.assessor_id.id,
                summary=self.env._("Inform the partner of the outcome"),
            )

    @api.model
    def _cron_validity(self, batch_size=100):
        """Schedule re-assessments ahead of expiry, each company with its own
        notice (one query for all; ``valid_until`` is indexed), a batch at a
        time with a commit after each; drop lapsed levels. Only what is due
        costs: the assessments within notice that have no re-assessment yet."""
        Cron = self.env["ir.cron"]
        today = fields.Date.context_today(self)
        valid = Domain(
            [
                ("state", "=", "decided"),
                ("outcome", "=", "approved"),
                ("valid_until", ">=", today),
            ]
        )
        within_notice = Domain.OR(
            Domain("company_id", "=", company.id)
            & Domain(
                "valid_until",
                "<=",
                today
                + relativedelta(
                    days=company._pcve_setting("pcve_reassessment_notice_days")
                ),
            )
            for (company,) in self._read_group(valid, ["company_id"])
        )
        expiring = self.search(valid & within_notice, order="valid_until, id")
        activity_type = self.env.ref("pcve_partners.mail_activity_type_reassessment")
        already = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", expiring.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        scheduled = set(already.mapped("res_id"))
        due = expiring.filtered(lambda a: a.id not in scheduled)
        for start in range(0, len(due), batch_size):
            batch = due[start : start + batch_size]
            batch.fetch(["valid_until", "assessor_id"])
            for assessment in batch:
                assessment.activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=assessment.valid_until,
                    user_id=assessment.assessor_id.id,
                    summary=self.env._(
                        "Re-assess this partner before the level lapses"
                    ),
                )
            remaining = len(due) - start - len(batch)
            if not Cron._commit_progress(len(batch), remaining=remaining):
                return len(due) - remaining
        self.env["res.partner"]._pcve_recompute_lapsed_levels()
        return len(due)

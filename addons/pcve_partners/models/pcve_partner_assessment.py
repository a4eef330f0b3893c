from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

COLLABORATION_LEVELS = [
    ("information_sharing", "Information sharing"),
    ("consultation", "Consultation"),
    ("dialogue", "Dialogue"),
    ("partnership", "Partnership"),
]
# From the least to the most intense collaboration (the paper's order).
LEVEL_RANK = {level: rank for rank, (level, _label) in enumerate(COLLABORATION_LEVELS)}
# Transitions a write may make; every action goes through write, so the
# rules below hold over RPC too.
TRANSITIONS = {
    "draft": {"in_review", "cancelled"},
    "in_review": {"decided", "cancelled", "draft"},
    "decided": set(),
    "cancelled": {"draft"},
}
DECISION_FIELDS = {
    "state",
    "outcome",
    "granted_level",
    "decided_by_id",
    "decision_date",
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
# Part of a decision once it is taken.
DECIDED_FIELDS = {"decision_rationale", "valid_until"}


class PcvePartnerAssessment(models.Model):
    """Assessing a partner ("due diligence") before collaborating.

    The depth grows with the intensity of the collaboration and is full
    whenever funding is involved. Partners who do not pass can still take
    part in dialogue.
    """

    _name = "pcve.partner.assessment"
    _description = "Partner assessment"
    _inherit = ["pcve.input.mixin", "pcve.thread.mixin", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
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
        help="What the municipality wants to achieve with this collaboration."
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
    )
    reference_ids = fields.One2many(
        "pcve.assessment.reference", "assessment_id", string="References"
    )
    serious_concern = fields.Boolean(
        compute="_compute_serious_concern",
        store=True,
        help="At least one criterion is rated a serious concern.",
    )
    assessor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=lambda self: [
            (
                "all_group_ids",
                "in",
                self.env.ref("pcve_partners.group_pcve_assessor").ids,
            )
        ],
    )
    submitted_on = fields.Date(readonly=True, copy=False, tracking=True)
    decided_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True, index=True
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
        [
            ("approved", "Approved"),
            ("dialogue_only", "Dialogue only"),
            ("declined", "Declined"),
        ],
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    granted_level = fields.Selection(
        COLLABORATION_LEVELS, readonly=True, copy=False, tracking=True
    )
    decision_rationale = fields.Text(tracking=True, copy=False)
    valid_until = fields.Date(copy=False, tracking=True, index=True)
    partner_informed_date = fields.Date(readonly=True, copy=False, tracking=True)
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
        for assessment in self:
            if assessment.funding_amount < 0:
                raise ValidationError(
                    self.env._("A funding amount cannot be negative.")
                )
            if assessment.funding_amount and not assessment.funding_involved:
                raise ValidationError(
                    self.env._(
                        "A funding amount is only possible when funding is involved."
                    )
                )

    @api.constrains(
        "state", "outcome", "decided_by_id", "assessor_id", "decision_rationale"
    )
    def _check_decision(self):
        for assessment in self.filtered(lambda a: a.state == "decided"):
            if not assessment.outcome or not assessment.decided_by_id:
                raise ValidationError(
                    self.env._("A decided assessment needs an outcome and a decider.")
                )
            if assessment.decided_by_id == assessment.assessor_id:
                raise ValidationError(
                    self.env._(
                        "Four eyes: %(user)s prepared this assessment and cannot "
                        "also decide it.",
                        user=assessment.assessor_id.name,
                    )
                )
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

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        for vals in vals_list:
            if not self.env.su and vals.get("state", "draft") != "draft":
                raise UserError(self.env._("A new assessment starts as a draft."))
            if not self.env.su and DECISION_FIELDS.intersection(vals) - {"state"}:
                raise AccessError(
                    self.env._("A decision is taken with the decision buttons.")
                )
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("pcve.partner.assessment")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        self._pcve_check_vals(vals)
        if not self.env.su:
            if "assessor_id" in vals and any(a.state != "draft" for a in self):
                raise UserError(
                    self.env._(
                        "The assessor can only change while the assessment is a draft."
                    )
                )
            if CONTENT_FIELDS.intersection(vals):
                self._check_content_change()
            if DECIDED_FIELDS.intersection(vals) and any(
                a.state == "decided" for a in self
            ):
                raise UserError(
                    self.env._(
                        "A decided assessment keeps its rationale and validity: "
                        "start a new assessment instead."
                    )
                )
            if DECISION_FIELDS.intersection(vals):
                self._check_write_decision(vals)
        if vals.get("state") == "in_review" and "submitted_on" not in vals:
            vals = dict(vals, submitted_on=fields.Date.context_today(self))
        return super().write(vals)

    def _check_write_decision(self, vals):
        """Guard state and decision fields against direct writes (e.g. over RPC)."""
        user = self.env.user
        new_state = vals.get("state")
        for assessment in self:
            if new_state and new_state != assessment.state:
                if new_state not in TRANSITIONS[assessment.state]:
                    labels = dict(
                        self._fields["state"]._description_selection(self.env)
                    )
                    raise UserError(
                        self.env._(
                            "An assessment cannot go from %(old)s to %(new)s.",
                            old=labels[assessment.state],
                            new=labels[new_state],
                        )
                    )
                if new_state == "in_review":
                    assessment._check_ready_for_review()
        deciding = new_state == "decided" or (
            set(vals) & {"outcome", "granted_level", "decided_by_id", "decision_date"}
        )
        if deciding:
            if not user.has_group("pcve_partners.group_pcve_approver"):
                raise AccessError(
                    self.env._("Only approvers decide partner assessments.")
                )
            if new_state != "decided":
                # outcome, level, decider and date are written with the
                # decision itself: never alone, never afterwards
                raise AccessError(
                    self.env._("A decision is taken with the decision buttons.")
                )
            if any(a.state != "in_review" for a in self) and new_state == "decided":
                raise UserError(
                    self.env._("Only an assessment in review can be decided.")
                )
            if vals.get("decided_by_id", user.id) != user.id:
                raise AccessError(
                    self.env._("A decision is recorded in your own name.")
                )

    def _check_content_change(self):
        """Refuse changes to the prepared content outside a draft, and make a
        change conflict with a concurrent submission or decision.

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
        self.env.cr.execute(
            SQL(
                "UPDATE pcve_partner_assessment SET write_date = write_date "
                "WHERE id IN %s",
                tuple(self.ids),
            )
        )

    def _check_ready_for_review(self):
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

    def action_submit(self):
        self.write({"state": "in_review"})
        return True

    def action_approve(self, granted_level=None, rationale=None):
        """Approve at ``granted_level`` (defaults to the requested level; a
        lower one needs a rationale). A ``rationale`` given is written as the
        decision rationale together with the decision."""
        for assessment in self:
            level = (
                granted_level or assessment.granted_level or assessment.requested_level
            )
            assessment._decide("approved", level, rationale=rationale)
        return True

    def action_dialogue_only(self):
        for assessment in self:
            assessment._decide("dialogue_only", False)
        return True

    def action_decline(self):
        for assessment in self:
            assessment._decide("declined", False)
        return True

    def action_cancel(self):
        if any(a.state == "decided" for a in self):
            raise UserError(self.env._("A decided assessment cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        self.write({"state": "draft"})
        return True

    def action_inform_partner(self):
        """Send the partner the outcome letter and close the reminder."""
        template = self.env.ref("pcve_partners.mail_template_assessment_outcome")
        for assessment in self:
            if assessment.state != "decided":
                raise UserError(
                    self.env._("A partner is informed once the assessment is decided.")
                )
            if not assessment.partner_id.email:
                raise UserError(
                    self.env._(
                        "%(partner)s has no email address to send the outcome to.",
                        partner=assessment.partner_id.name,
                    )
                )
            assessment.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            assessment.partner_informed_date = fields.Date.context_today(assessment)
            assessment.activity_feedback(
                ["pcve_partners.mail_activity_type_inform_partner"],
                feedback=self.env._("Partner informed."),
            )
        return True

    def action_preview_outcome_letter(self):
        """Preview the outcome letter, in the partner's language."""
        self.ensure_one()
        self.check_access("read")
        if self.state != "decided":
            raise UserError(
                self.env._("A partner is informed once the assessment is decided.")
            )
        template = self.env.ref("pcve_partners.mail_template_assessment_outcome")
        return template._pcve_preview_action(self)

    def _decide(self, outcome, level, rationale=None):
        self.ensure_one()
        values = {
            "state": "decided",
            "outcome": outcome,
            "granted_level": level,
            "decided_by_id": self.env.user.id,
            "decision_date": fields.Date.context_today(self),
        }
        if rationale is not None:
            values["decision_rationale"] = rationale
        if outcome == "approved" and not self.valid_until:
            values["valid_until"] = fields.Date.context_today(self) + relativedelta(
                years=self._validity_years()
            )
        self.write(values)
        if outcome != "approved":
            self.activity_schedule(
                "pcve_partners.mail_activity_type_inform_partner",
                user_id=self.assessor_id.id,
                summary=self.env._("Inform the partner of the outcome"),
            )

    @api.model
    def _validity_years(self):
        param = self.env["ir.config_parameter"].sudo()
        return int(param.get_param("pcve_partners.assessment_validity_years", 2))

    @api.model
    def _notice_days(self):
        param = self.env["ir.config_parameter"].sudo()
        return int(param.get_param("pcve_partners.reassessment_notice_days", 60))

    @api.model
    def _cron_validity(self):
        """Schedule re-assessments ahead of expiry; drop lapsed levels."""
        today = fields.Date.context_today(self)
        expiring = self.search(
            [
                ("state", "=", "decided"),
                ("outcome", "=", "approved"),
                ("valid_until", ">=", today),
                ("valid_until", "<=", today + relativedelta(days=self._notice_days())),
            ]
        )
        activity_type = self.env.ref("pcve_partners.mail_activity_type_reassessment")
        already = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", expiring.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        scheduled = set(already.mapped("res_id"))
        for assessment in expiring.filtered(lambda a: a.id not in scheduled):
            assessment.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=assessment.valid_until,
                user_id=assessment.assessor_id.id,
                summary=self.env._("Re-assess this partner before the level lapses"),
            )
        self.env["res.partner"]._pcve_recompute_lapsed_levels()

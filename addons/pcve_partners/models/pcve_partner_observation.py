from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# What an observation says about the partner: fixed once recorded. A mistaken
# one is dismissed with a resolution and recorded anew, so that a red flag is
# never lowered by an edit.
RECORDED_FIELDS = ("partner_id", "severity", "category", "observed_on", "company_id")


class PcvePartnerObservation(models.Model):
    """Something learnt about a partner between two assessments.

    Trust moves between assessments: an open red observation caps the
    partner's collaboration level at dialogue until a newer approved
    assessment resolves it, or an approver dismisses it with a resolution.
    """

    _name = "pcve.partner.observation"
    _description = "Partner observation"
    _inherit = [
        "pcve.input.mixin",
        "pcve.state.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    # Resolved by a newer approved assessment only (the workflow); dismissed by
    # an approver, with a resolution.
    _pcve_moves = {"state": {"open": {"dismissed": "_check_dismissal"}}}
    _pcve_workflow_fields = ("closed_by_id", "closed_on")
    _order = "observed_on desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("pcve_is_partner", "=", True)],
    )
    severity = fields.Selection(
        [("observation", "Observation"), ("concern", "Concern"), ("red", "Red flag")],
        required=True,
        default="observation",
        index=True,
        tracking=True,
        help="A red flag caps the partner's collaboration level at dialogue while "
        "it is open.",
    )
    category = fields.Selection(
        [
            ("statement", "Public statement"),
            ("funding", "Funding"),
            ("conduct", "Conduct"),
            ("safeguarding", "Safeguarding"),
            ("intelligence", "Intelligence"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        index=True,
        help="Intelligence observations are read by the security liaison only.",
    )
    description = fields.Text(required=True)
    source = fields.Char(help="Where the observation comes from.")
    observed_on = fields.Date(required=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved"), ("dismissed", "Dismissed")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        group_expand=True,
    )
    resolution = fields.Text(
        help="Why the observation no longer weighs: needed to dismiss it."
    )
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    closed_on = fields.Date(readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.model_create_multi
    def create(self, vals_list):
        observations = super().create(vals_list)
        observations.filtered(lambda o: o.severity == "red")._notify_red_flag()
        return observations

    def write(self, vals):
        if not self._pcve_in_workflow():
            recorded = [name for name in RECORDED_FIELDS if name in vals]
            if recorded and not self.env.su:
                raise UserError(
                    self.env._(
                        "%(fields)s of an observation are kept as recorded: "
                        "dismiss it with a resolution and record a new one.",
                        fields=", ".join(
                            self._fields[name]._description_string(self.env)
                            for name in recorded
                        ),
                    )
                )
            if {"resolution", "description", "source"} & set(vals) and any(
                observation.state != "open" for observation in self
            ):
                raise UserError(
                    self.env._(
                        "A resolved or dismissed observation is closed: it "
                        "changes no more."
                    )
                )
        return super().write(vals)

    def action_dismiss(self, resolution=None):
        """Dismiss the observation; ``resolution`` (or the one written on it)
        says why it no longer weighs."""
        values = self._closing_values()
        if resolution is not None:
            values["resolution"] = resolution
        self._pcve_move("state", "dismissed", values)
        return True

    def _closing_values(self):
        return {
            "closed_by_id": self.env.user.id,
            "closed_on": fields.Date.context_today(self),
        }

    def _check_dismissal(self, vals):
        """Guard of the dismissal: an approver, with a resolution."""
        if not self.env.user.has_group("pcve_partners.group_pcve_approver"):
            raise AccessError(
                self.env._("Only approvers dismiss an observation on a partner.")
            )
        resolution = vals.get("resolution", self.resolution)
        if not isinstance(resolution, str) or not resolution.strip():
            raise UserError(
                self.env._(
                    "Dismissing an observation needs a resolution: say why it no "
                    "longer weighs."
                )
            )

    def _resolve_by_assessment(self, assessment):
        """A newer approved assessment resolves the open observations."""
        values = dict(
            self._closing_values(),
            state="resolved",
            resolution=self.env._(
                "Resolved by the approved assessment %(name)s of %(date)s.",
                name=assessment.name,
                date=assessment.decision_date,
            ),
        )
        return self._pcve_workflow_write(values)

    def _notify_red_flag(self):
        """A red flag: the assessor of the valid assessment re-assesses the
        partner, and each active memorandum of the partner gets a note. Neither
        says what was observed (it may be intelligence)."""
        activity_type = self.env.ref("pcve_partners.mail_activity_type_reassessment")
        partners = self.partner_id
        latest = {}
        for assessment in self.env["pcve.partner.assessment"].search(
            [
                ("partner_id", "in", partners.ids),
                ("state", "=", "decided"),
                ("outcome", "=", "approved"),
            ],
            order="decision_date desc, id desc",
        ):
            latest.setdefault(assessment.partner_id, assessment)
        agreements = (
            self.env["pcve.agreement"]
            .search([("partner_id", "in", partners.ids), ("state", "=", "active")])
            .grouped("partner_id")
        )
        for observation in self:
            partner = observation.partner_id
            assessment = latest.get(partner)
            if assessment:
                assessment.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=assessment.assessor_id.id,
                    summary=self.env._(
                        "Re-assess this partner: a red flag was recorded"
                    ),
                )
            for agreement in agreements.get(partner, ()):
                agreement.message_post(
                    body=self.env._(
                        "A red flag was recorded on %(partner)s on %(date)s: its "
                        "collaboration level is capped at dialogue until a new "
                        "assessment.",
                        partner=partner.display_name,
                        date=observation.observed_on,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

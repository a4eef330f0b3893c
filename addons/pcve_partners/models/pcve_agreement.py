from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.pcve_base.models.pcve_language_mixin import (
    LANGUAGE_CONFIRMATION_FIELDS,
)


class PcveAgreement(models.Model):
    """Memorandum of understanding that concludes a positive assessment."""

    _name = "pcve.agreement"
    _description = "Memorandum of understanding"
    _inherit = [
        "pcve.input.mixin",
        "pcve.state.mixin",
        "pcve.language.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    # Signed and active after an approved assessment (_check_assessment) and
    # the partner's own "collaborate" (_check_reciprocity), then ended; a draft
    # may be cancelled. Ended and cancelled are final. The signed text passes
    # the language check (create, write).
    _pcve_moves = {
        "state": {
            "draft": {"active": "_check_reciprocity", "cancelled": None},
            "active": {"ended": None},
        }
    }
    # The partner's objectives come from its feedback, never from our side.
    _pcve_workflow_fields = ("partner_objectives", *LANGUAGE_CONFIRMATION_FIELDS)
    # What both sides sign, checked by the language rules before signature.
    _pcve_language_fields = ("objectives", "benefits_municipality", "benefits_partner")
    _order = "date_start desc, id desc"
    # the organisation's active memoranda (the PDF prints the rest)
    _pcve_portal_fields = {
        "read": (
            "display_name",
            "name",
            "partner_id",
            "state",
            "date_start",
            "date_end",
        )
    }
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, check_company=True
    )
    assessment_id = fields.Many2one(
        "pcve.partner.assessment",
        index=True,
        check_company=True,
        groups="pcve_partners.group_pcve_assessor",
        domain="[('partner_id', '=', partner_id), ('state', '=', 'decided'),"
        " ('outcome', '=', 'approved')]",
    )
    objectives = fields.Html(required=True)
    partner_objectives = fields.Html(
        string="Partner's objectives",
        readonly=True,
        copy=False,
        help="The partner's own goals, copied from its feedback when the "
        "memorandum is signed: the objectives are co-created.",
    )
    benefits_municipality = fields.Html(string="Benefits for the municipality")
    benefits_partner = fields.Html(string="Benefits for the partner")
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        group_expand=True,
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if agreement.date_end and agreement.date_end < agreement.date_start:
                raise ValidationError(
                    self.env._("A memorandum cannot end before it starts.")
                )

    @api.constrains("partner_id", "assessment_id", "state")
    def _check_assessment(self):
        for agreement in self:
            assessment = agreement.assessment_id
            if assessment and assessment.partner_id != agreement.partner_id:
                raise ValidationError(
                    self.env._("The assessment must be of the same partner.")
                )
            if agreement.state == "active" and (
                not assessment
                or assessment.state != "decided"
                or assessment.outcome != "approved"
            ):
                raise ValidationError(
                    self.env._(
                        "A memorandum becomes active only after an approved "
                        "assessment of the partner."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        signed = agreements.filtered(lambda a: a.state == "active")
        signed._pcve_language_gate()
        signed._copy_partner_objectives()
        return agreements

    def write(self, vals):
        """A signature checks the wording of what is signed, as written (the
        language rules; "send anyway" with a reason)."""
        signing = self.filtered(lambda a: a.state != "active")
        result = super().write(vals)
        if vals.get("state") == "active":
            signing._pcve_language_gate()
            self._copy_partner_objectives()
        return result

    def action_activate(self):
        return self._pcve_move("state", "active")

    def action_end(self):
        return self._pcve_move("state", "ended")

    def action_cancel(self):
        return self._pcve_move("state", "cancelled")

    def _approved_assessment(self):
        """The approved assessment the memorandum rests on, if it is one."""
        assessment = self.assessment_id
        if assessment.state == "decided" and assessment.outcome == "approved":
            return assessment
        return assessment.browse()

    def _pcve_reciprocity_feedback(self):
        """The partner's newest feedback since the approval the memorandum
        rests on, when it says "collaborate"."""
        self.ensure_one()
        assessment = self._approved_assessment()
        if not assessment.decision_date:
            return self.env["pcve.partner.feedback"]
        feedback = self.env["pcve.partner.feedback"].search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("recorded_on", ">=", assessment.decision_date),
            ],
            order="recorded_on desc, id desc",
            limit=1,
        )
        return feedback.filtered(lambda f: f.decision == "collaborate")

    def _check_reciprocity(self, vals):
        """Guard of the signature: the partner said it wants to collaborate,
        after the assessment (without an approved one, _check_assessment
        refuses)."""
        assessment = self._approved_assessment()
        if assessment and not self._pcve_reciprocity_feedback():
            raise ValidationError(
                self.env._(
                    "Reciprocity: a memorandum is signed only once %(partner)s "
                    "said it wants to collaborate. Record its feedback with the "
                    "decision 'Collaborate' on or after %(date)s, the approval of "
                    "the assessment it rests on.",
                    partner=self.partner_id.display_name,
                    date=assessment.decision_date,
                )
            )

    def _copy_partner_objectives(self):
        """On signature: the partner's objectives from the feedback the
        signature rests on."""
        for agreement in self.filtered(lambda a: not a.partner_objectives):
            objectives = agreement._pcve_reciprocity_feedback().partner_objectives
            if objectives:
                agreement._pcve_workflow_write({"partner_objectives": objectives})

    def _pcve_language_send(self):
        return self.action_activate()

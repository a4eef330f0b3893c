from odoo import api, fields, models

from ..models.pcve_partner_assessment import COLLABORATION_LEVELS, LEVEL_RANK, OUTCOMES


class PcveAssessmentApproveWizard(models.TransientModel):
    """The decision step: the approver approves at the requested level of
    collaboration or a lower one, or decides "dialogue only" or "declined",
    with the rationale.

    Only a front for :meth:`pcve.partner.assessment.action_approve`,
    ``action_dialogue_only`` and ``action_decline``, where every rule of the
    decision is checked (over RPC too).
    """

    _name = "pcve.assessment.approve.wizard"
    _description = "Decide a partner assessment"
    _inherit = ["pcve.input.mixin"]

    assessment_id = fields.Many2one(
        "pcve.partner.assessment", required=True, ondelete="cascade"
    )
    outcome = fields.Selection(OUTCOMES, required=True, default="approved")
    requested_level = fields.Selection(related="assessment_id.requested_level")
    serious_concern = fields.Boolean(related="assessment_id.serious_concern")
    granted_level = fields.Selection(
        COLLABORATION_LEVELS,
        compute="_compute_granted_level",
        store=True,
        readonly=False,
        precompute=True,
        help="The requested level or a lower one.",
    )
    below_requested = fields.Boolean(
        string="Lower than requested", compute="_compute_below_requested"
    )
    rationale = fields.Text(
        help="Kept as the decision rationale of the assessment; needed for "
        "'dialogue only', 'declined' and a lower level than requested.",
    )

    @api.depends("assessment_id")
    def _compute_granted_level(self):
        for wizard in self:
            wizard.granted_level = wizard.assessment_id.requested_level

    @api.depends("granted_level", "requested_level")
    def _compute_below_requested(self):
        for wizard in self:
            wizard.below_requested = bool(
                wizard.granted_level
                and wizard.requested_level
                and LEVEL_RANK[wizard.granted_level]
                < LEVEL_RANK[wizard.requested_level]
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._pcve_check_vals_list(vals_list)
        self._check_assessment_access(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._pcve_check_vals(vals)
        self._check_assessment_access([vals])
        return super().write(vals)

    def action_decide(self):
        """Decide the assessment: the chosen outcome, level and rationale."""
        self.ensure_one()
        assessment = self.assessment_id
        rationale = self.rationale or False
        if self.outcome == "approved":
            assessment.action_approve(
                granted_level=self.granted_level, rationale=rationale
            )
        elif self.outcome == "dialogue_only":
            assessment.action_dialogue_only(rationale=rationale)
        else:
            assessment.action_decline(rationale=rationale)
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _check_assessment_access(self, vals_list):
        """Computed and related fields read the assessment as superuser: the
        wizard only opens on an assessment its user may change."""
        ids = {vals["assessment_id"] for vals in vals_list if vals.get("assessment_id")}
        self.env["pcve.partner.assessment"].browse(ids).check_access("write")

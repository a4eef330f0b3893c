from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PcveAgreement(models.Model):
    """Memorandum of understanding that concludes a positive assessment."""

    _name = "pcve.agreement"
    _description = "Memorandum of understanding"
    _inherit = [
        "pcve.input.mixin",
        "pcve.state.mixin",
        "pcve.thread.mixin",
        "mail.activity.mixin",
    ]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    # Signed and active after an approved assessment (_check_assessment), then
    # ended; a draft may be cancelled. Ended and cancelled are final.
    _pcve_moves = {
        "state": {
            "draft": {"active": None, "cancelled": None},
            "active": {"ended": None},
        }
    }
    _order = "date_start desc, id desc"
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

    def action_activate(self):
        return self._pcve_move("state", "active")

    def action_end(self):
        return self._pcve_move("state", "ended")

    def action_cancel(self):
        return self._pcve_move("state", "cancelled")

from odoo import fields, models

TRAINING_KINDS = [
    ("transcultural_competence", "Transcultural competence"),
    ("safe_space_moderation", "Safe-space moderation"),
    ("faith_volunteer_briefing", "Faith volunteer briefing"),
    ("leadership", "Leadership"),
    ("media_and_communities", "Media and communities"),
    ("other", "Other"),
]


class PcveTraining(models.Model):
    """A training the municipality offers or recognises: transcultural
    competence, moderation, courses for faith leaders."""

    _name = "pcve.training"
    _description = "Training"
    _inherit = ["pcve.input.mixin", "pcve.thread.mixin"]
    _pcve_company_manager_group = "pcve_partners.group_pcve_manager"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    kind = fields.Selection(TRAINING_KINDS, required=True, default="other", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    participation_ids = fields.One2many(
        "pcve.training.participation", "training_id", string="Participants"
    )

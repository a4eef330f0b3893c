from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    pcve_training_ids = fields.One2many(
        "pcve.training.participation",
        "user_id",
        string="Trainings",
        groups="pcve_partners.group_pcve_user",
    )
    pcve_valid_training_kinds = fields.Char(
        string="Valid trainings",
        compute="_compute_pcve_valid_training_kinds",
        search="_search_pcve_valid_training_kinds",
        compute_sudo=True,
        help="The kinds of training the user holds today (his own, or his "
        "contact's), comma-separated: other addons' gates read them.",
    )

    @api.depends(
        "pcve_training_ids.kind",
        "pcve_training_ids.valid_until",
        "partner_id.pcve_valid_training_kinds",
    )
    @api.depends_context("date")
    def _compute_pcve_valid_training_kinds(self):
        held = self.env["pcve.training.participation"]._pcve_kinds_held(self)
        for user in self:
            user.pcve_valid_training_kinds = held[user.id]

    def _search_pcve_valid_training_kinds(self, operator, value):
        return self.env["pcve.training.participation"]._pcve_holders_domain(
            "res.users", operator, value
        )

    def _pcve_home_action(self):
        """The window a user lands on when opening Community Engagement.

        Each pcve addon overrides this for its roles and falls back on super(),
        so every role gets a home of its own (as Project opens on "My tasks")
        instead of Discuss: approvers the assessments waiting for a decision,
        assessors the drafts they prepare, staff the partners.
        """
        self.ensure_one()
        Action = self.env["ir.actions.act_window"]
        if self.has_group("pcve_partners.group_pcve_assessor"):
            action = Action._for_xml_id("pcve_partners.pcve_partner_assessment_action")
            search = (
                "to_decide"
                if self.has_group("pcve_partners.group_pcve_approver")
                else "to_prepare"
            )
            action["context"] = {f"search_default_{search}": 1}
            return action
        if self.has_group("pcve_partners.group_pcve_user"):
            return Action._for_xml_id("pcve_partners.res_partner_action_pcve")
        return super()._pcve_home_action()

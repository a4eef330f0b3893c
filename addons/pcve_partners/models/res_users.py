from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

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

from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _pcve_home_action(self):
        """The window a user lands on when opening Community Engagement.

        Each pcve addon overrides this for its roles and falls back on super(),
        so every role gets a home of its own (as Project opens on "My tasks")
        instead of Discuss, which stays the home of a role no addon knows.
        """
        self.ensure_one()
        return self.env["ir.actions.actions"]._for_xml_id("mail.action_discuss")

from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _pcve_home_action(self):
        """The window a user lands on when opening Community Engagement.

        Each pcve addon overrides this for its roles and falls back on super(),
        so every role gets a home of its own (as Project opens on "My tasks")
        instead of Discuss.
        """
        self.ensure_one()
        if self.has_group("pcve_partners.group_pcve_assessor"):
            xmlid = "pcve_partners.pcve_partner_assessment_action"
        else:
            xmlid = "pcve_partners.res_partner_action_pcve"
        return self.env["ir.actions.act_window"]._for_xml_id(xmlid)

from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _pcve_home_action(self):
        """Organisers land on the session calendar they plan in, safe-space
        users on the concerns register they answer."""
        self.ensure_one()
        if self.has_group("pcve_safespaces.group_safespace_organiser"):
            xmlid = "pcve_safespaces.pcve_safespace_session_action"
        elif self.has_group("pcve_safespaces.group_safespace_user"):
            xmlid = "pcve_safespaces.pcve_concern_action"
        else:
            return super()._pcve_home_action()
        return self.env["ir.actions.act_window"]._for_xml_id(xmlid)

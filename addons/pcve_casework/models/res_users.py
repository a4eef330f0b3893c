from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _pcve_home_action(self):
        """Case managers land on the open cases of their municipality, the
        case team (workers and volunteers) on "My cases"."""
        self.ensure_one()
        if self.has_group("pcve_casework.group_case_manager"):
            xmlid = "pcve_casework.pcve_case_action"
        elif self.has_group("pcve_casework.group_case_volunteer"):
            xmlid = "pcve_casework.pcve_case_action_my"
        else:
            return super()._pcve_home_action()
        return self.env["ir.actions.act_window"]._for_xml_id(xmlid)

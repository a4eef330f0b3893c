from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _pcve_home_action(self):
        """Evaluation managers land on the evaluation reviews."""
        self.ensure_one()
        if self.has_group("pcve_evaluation.group_evaluation_manager"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "pcve_evaluation.pcve_evaluation_review_action"
            )
        return super()._pcve_home_action()

from odoo import models


class PcveCase(models.Model):
    _inherit = "pcve.case"

    def _pcve_may_read_figures(self):
        """Evaluation managers account for the programme: they read the
        aggregate figures of cases, never a case."""
        return super()._pcve_may_read_figures() or self.env.user.has_group(
            "pcve_evaluation.group_evaluation_manager"
        )

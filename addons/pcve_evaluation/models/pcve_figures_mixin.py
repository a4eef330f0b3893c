from odoo import models


class PcveFiguresMixin(models.AbstractModel):
    _inherit = "pcve.figures.mixin"

    def _pcve_may_read_figures(self):
        """Evaluation managers account for the programme: they read the
        figures of every domain, never its records."""
        return super()._pcve_may_read_figures() or self.env.user.has_group(
            "pcve_evaluation.group_evaluation_manager"
        )

from odoo import fields, models


class PcveCasePlanItem(models.Model):
    _name = "pcve.case.plan.item"
    _description = "Intervention plan item"
    _inherit = ["pcve.case.part.mixin"]
    _order = "done, deadline, id"
    _rec_name = "description"

    case_id = fields.Many2one(
        "pcve.case", required=True, ondelete="cascade", index=True
    )
    description = fields.Char(required=True)
    owner_user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user, index=True
    )
    deadline = fields.Date()
    done = fields.Boolean()
    is_late = fields.Boolean(compute="_compute_is_late")
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.is_late = bool(
                item.deadline and not item.done and item.deadline < today
            )

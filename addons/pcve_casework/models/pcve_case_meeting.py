from odoo import fields, models


class PcveCaseMeeting(models.Model):
    _name = "pcve.case.meeting"
    _description = "Case conference"
    _inherit = ["pcve.case.part.mixin"]
    _order = "date desc, id desc"

    case_id = fields.Many2one(
        "pcve.case", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Subject", default="Case conference", required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    attendee_user_ids = fields.Many2many("res.users", string="Attendees")
    minutes = fields.Html()
    decisions = fields.Text()
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

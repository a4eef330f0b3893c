from odoo import fields, models


class PcveCaseNote(models.Model):
    _name = "pcve.case.note"
    _description = "Case note"
    _inherit = ["pcve.input.mixin"]
    _order = "create_date desc, id desc"
    _rec_name = "body"

    case_id = fields.Many2one(
        "pcve.case", required=True, ondelete="cascade", index=True
    )
    body = fields.Text(required=True)
    visibility = fields.Selection(
        [("team", "Whole team"), ("professionals", "Professionals only")],
        required=True,
        default="team",
        index=True,
        help="Volunteers never see notes for professionals only.",
    )
    author_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)

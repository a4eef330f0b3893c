from odoo import fields, models


class PcveCaseMember(models.Model):
    """With partner profiles installed, the initiative a faith volunteer acts
    on behalf of is chosen among the suite's partners."""

    _inherit = "pcve.case.member"

    acting_on_behalf_of_id = fields.Many2one(domain=[("pcve_is_partner", "=", True)])

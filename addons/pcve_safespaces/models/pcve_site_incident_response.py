from odoo import api, fields, models


class PcveSiteIncidentResponse(models.Model):
    """A response to an incident, ideally a joint one: "small gestures such as
    cleaning the wall of a mosque together can have a great impact" (Finn
    Church Aid)."""

    _name = "pcve.site.incident.response"
    _description = "Incident response"
    _inherit = ["pcve.safespace.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    incident_id = fields.Many2one(
        "pcve.site.incident", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [
            ("joint_cleaning", "Joint cleaning"),
            ("solidarity_visit", "Solidarity visit"),
            ("joint_statement", "Joint statement"),
            ("interfaith_event", "Interfaith event"),
            ("other", "Other"),
        ],
        required=True,
        default="joint_cleaning",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    partner_ids = fields.Many2many(
        "res.partner",
        string="Organisations",
        domain="[('is_company', '=', True)]",
        help="The organisations taking part.",
    )
    session_id = fields.Many2one(
        "pcve.safespace.session",
        string="Safe-space session",
        index="btree_not_null",
        check_company=True,
    )
    is_interfaith = fields.Boolean(
        string="Interfaith",
        compute="_compute_is_interfaith",
        store=True,
        help="Organisations of at least two different faiths take part; an "
        "organisation's faith is that of the sites it runs, else its own.",
    )
    company_id = fields.Many2one(
        related="incident_id.company_id", store=True, index=True
    )

    @api.depends(
        "partner_ids.pcve_faith",
        "partner_ids.pcve_site_ids.faith",
    )
    def _compute_is_interfaith(self):
        faiths = self.partner_ids._pcve_faiths()
        for response in self:
            seen = set().union(*(faiths[p.id] for p in response.partner_ids))
            response.is_interfaith = len(seen) >= 2

    @api.model_create_multi
    def create(self, vals_list):
        responses = super().create(vals_list)
        incidents = responses.incident_id.filtered(lambda i: i.state == "new")
        incidents._pcve_move("state", "responded")
        return responses

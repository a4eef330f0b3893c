from odoo import api, fields, models

from odoo.addons.pcve_base.tools import compute_counts


class PcveCharter(models.Model):
    """A values framework partners sign, e.g. a charter for democratic values."""

    _name = "pcve.charter"
    _description = "Charter of values"
    _inherit = ["pcve.input.mixin", "pcve.thread.mixin"]
    _order = "date_adopted desc, id desc"
    # the current charter (found by company and adoption date) and its text
    _pcve_portal_fields = {
        "read": (
            "display_name",
            "name",
            "version",
            "text",
            "company_id",
            "date_adopted",
        )
    }

    name = fields.Char(required=True, tracking=True, translate=True)
    version = fields.Char(required=True, default="1.0", tracking=True)
    text = fields.Html(translate=True)
    active = fields.Boolean(default=True, tracking=True)
    date_adopted = fields.Date(default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", index=True, default=lambda self: self.env.company
    )
    signature_ids = fields.One2many("pcve.charter.signature", "charter_id")
    signature_count = fields.Integer(compute="_compute_signature_count")

    def _compute_signature_count(self):
        compute_counts(self, "signature_count", "pcve.charter.signature", "charter_id")

    @api.model
    def _get_current(self, company=None):
        """The active charter of ``company`` (the current one by default): the
        one its settings name, else its newest."""
        company = company or self.env.company
        charter = company._pcve_setting("pcve_active_charter_id")
        if charter.active:
            return charter
        return self.search(
            [("company_id", "in", [company.id, False])],
            order="date_adopted desc, id desc",
            limit=1,
        )

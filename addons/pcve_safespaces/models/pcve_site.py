from odoo import api, fields, models

from odoo.addons.pcve_base.tools import compute_counts

# Every faith the register knows: the annual report lists each of them, with
# zeros (equal treatment of all religions). Partners take theirs from it too.
FAITHS = [
    ("christian", "Christian"),
    ("muslim", "Muslim"),
    ("jewish", "Jewish"),
    ("buddhist", "Buddhist"),
    ("hindu", "Hindu"),
    ("sikh", "Sikh"),
    ("humanist", "Humanist"),
    ("none", "No faith"),
    ("other", "Other"),
]


class PcveSite(models.Model):
    """A religious or community site whose incidents the municipality monitors
    (places of worship of every faith, cemeteries, community centres)."""

    _name = "pcve.site"
    _description = "Site"
    _inherit = ["pcve.safespace.mixin"]
    _order = "name, id"
    # the sites the organisation runs, to report an incident at
    _pcve_portal_fields = {"read": ("display_name", "name", "partner_id")}
    _check_company_auto = True

    name = fields.Char(required=True)
    kind = fields.Selection(
        [
            ("place_of_worship", "Place of worship"),
            ("cemetery", "Cemetery"),
            ("community_centre", "Community centre"),
            ("school", "School"),
            ("other", "Other"),
        ],
        required=True,
        default="place_of_worship",
    )
    faith = fields.Selection(FAITHS, required=True)
    community_id = fields.Many2one("pcve.community", index="btree_not_null")
    partner_id = fields.Many2one(
        "res.partner",
        string="Run by",
        index="btree_not_null",
        domain="[('is_company', '=', True)]",
        help="The organisation that runs the site: the faith of the site is its "
        "faith in joint responses.",
    )
    address = fields.Char()
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    incident_ids = fields.One2many("pcve.site.incident", "site_id")
    incident_count = fields.Integer(compute="_compute_incident_count")

    @api.depends("incident_ids")
    def _compute_incident_count(self):
        compute_counts(self, "incident_count", "pcve.site.incident", "site_id")

    def action_view_incidents(self):
        """The incidents at this site, for who may read it."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.actions"]._for_xml_id(
            "pcve_safespaces.pcve_site_incident_action"
        )
        action["domain"] = [("site_id", "=", self.id)]
        action["context"] = {"default_site_id": self.id}
        return action

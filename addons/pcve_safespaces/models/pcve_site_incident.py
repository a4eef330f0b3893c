from odoo import api, fields, models
from odoo.exceptions import UserError

KINDS = [
    ("vandalism", "Vandalism"),
    ("graffiti", "Graffiti"),
    ("arson", "Arson"),
    ("threat", "Threat"),
    ("hate_speech_offline", "Hate speech (offline)"),
    ("hate_speech_online", "Hate speech (online)"),
    ("desecration", "Desecration"),
    ("assault", "Assault"),
    ("other", "Other"),
]


class PcveSiteIncident(models.Model):
    """An incident against a site, whatever its faith, and how it was
    answered: the register behind the annual report (Greece's "monitoring of
    incidents against all religious sites")."""

    _name = "pcve.site.incident"
    _description = "Site incident"
    _inherit = ["pcve.safespace.mixin", "pcve.thread.mixin", "mail.activity.mixin"]
    _order = "occurred_on desc, id desc"
    # reported at one of the organisation's sites: what, when, where
    _pcve_portal_fields = {
        "read": (
            "display_name",
            "site_id",
            "kind",
            "occurred_on",
            "description",
            "state",
        ),
        "create": ("site_id", "kind", "occurred_on", "description"),
    }
    _check_company_auto = True
    # Responded once a joint response is recorded (the response moves it),
    # then closed; a closed incident stays closed.
    _pcve_moves = {
        "state": {
            "new": {"responded": "_pcve_check_responses"},
            "responded": {"closed": None},
        }
    }

    site_id = fields.Many2one(
        "pcve.site", required=True, index=True, check_company=True, tracking=True
    )
    faith = fields.Selection(related="site_id.faith", store=True)
    community_id = fields.Many2one(related="site_id.community_id")
    occurred_on = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    kind = fields.Selection(KINDS, required=True, tracking=True)
    severity = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
        tracking=True,
    )
    reported_to_police = fields.Boolean(tracking=True)
    description = fields.Text()
    # Who reported it may be a victim or a witness: organisers and managers
    # only, and never tracked (no chatter line shows it).
    reporter_partner_id = fields.Many2one(
        "res.partner",
        string="Reported by",
        groups="pcve_safespaces.group_safespace_organiser",
    )
    crisis_id = fields.Many2one(
        "pcve.crisis", index="btree_not_null", check_company=True, tracking=True
    )
    state = fields.Selection(
        [("new", "New"), ("responded", "Responded"), ("closed", "Closed")],
        required=True,
        default="new",
        tracking=True,
        group_expand=True,
    )
    response_ids = fields.One2many("pcve.site.incident.response", "incident_id")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )

    @api.depends("site_id", "kind", "occurred_on")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for incident in self:
            incident.display_name = " - ".join(
                part
                for part in (
                    incident.site_id.name,
                    kinds.get(incident.kind),
                    incident.occurred_on
                    and fields.Date.to_string(incident.occurred_on),
                )
                if part
            )

    def action_close(self):
        return self._pcve_move("state", "closed")

    def action_open_crisis(self):
        """Open the crisis of a high-severity incident, creating it the first
        time: a crisis is called by a serious incident, not by every one."""
        self.ensure_one()
        if not self.crisis_id:
            if self.severity != "high":
                raise UserError(
                    self.env._(
                        "Crisis rule: only a high-severity incident opens a crisis."
                    )
                )
            self.check_access("write")
            self.crisis_id = self.env["pcve.crisis"].create(
                {
                    "name": self.display_name,
                    "incident_date": fields.Datetime.to_datetime(self.occurred_on),
                    "tension_level": "high",
                    "affected_community_ids": self.site_id.community_id.ids,
                    "company_id": self.company_id.id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Crisis"),
            "res_model": "pcve.crisis",
            "res_id": self.crisis_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _pcve_check_responses(self, vals):
        """An incident is responded once a response is recorded."""
        if not self.response_ids:
            raise UserError(
                self.env._(
                    "Response rule: %(incident)s is responded once a joint "
                    "response is recorded.",
                    incident=self.display_name,
                )
            )

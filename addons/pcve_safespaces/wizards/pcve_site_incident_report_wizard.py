from odoo import fields, models


class PcveSiteIncidentReportWizard(models.TransientModel):
    """Asks the year of the annual incident report, then prints it."""

    _name = "pcve.site.incident.report.wizard"
    _description = "Annual incident report"
    _inherit = ["pcve.input.mixin"]

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )

    def action_print(self):
        """The PDF; the dialog closes once it is downloaded (no empty value:
        an XML-RPC client cannot read None)."""
        self.ensure_one()
        action = self.env.ref("pcve_safespaces.incident_annual_report").report_action(
            self
        )
        action = {key: value for key, value in action.items() if value is not None}
        return dict(action, close_on_report_download=True)

from odoo import api, models


class PcveSiteIncidentAnnualReport(models.AbstractModel):
    """The PDF of ``pcve.site.incident.annual_report``: the same figures,
    with the same rights (organisers and managers, their own companies)."""

    _name = "report.pcve_safespaces.report_incident_annual"
    _description = "Annual incident report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["pcve.site.incident.report.wizard"].browse(docids)
        Incident = self.env["pcve.site.incident"]
        return {
            "doc_ids": wizards.ids,
            "doc_model": wizards._name,
            "docs": wizards,
            "reports": {
                wizard.id: Incident.annual_report(wizard.year, wizard.company_id.id)
                for wizard in wizards
            },
            "faiths": dict(Incident._fields["faith"]._description_selection(self.env)),
            "kinds": dict(Incident._fields["kind"]._description_selection(self.env)),
        }

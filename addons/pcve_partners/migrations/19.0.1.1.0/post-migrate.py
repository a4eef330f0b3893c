"""Settings per company: every company takes the assessment validity, the
re-assessment notice and the active charter the database held as system
parameters (a charter of another company is not taken), which then go."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].with_context(active_test=False).search([])
    companies._pcve_settings_from_parameters(
        {
            "pcve_partners.assessment_validity_years": "pcve_assessment_validity_years",
            "pcve_partners.reassessment_notice_days": "pcve_reassessment_notice_days",
            "pcve_partners.active_charter_id": "pcve_active_charter_id",
        }
    )

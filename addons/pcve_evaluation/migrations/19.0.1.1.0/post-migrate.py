"""Settings per company: every company takes the disclosure threshold the
database held as a system parameter, which then goes."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].with_context(active_test=False).search([])
    companies._pcve_settings_from_parameters(
        {"pcve_evaluation.disclosure_threshold": "pcve_disclosure_threshold"}
    )

"""Settings per company: every company takes the advance notice for
invitations and the busy-slot option the database held as system parameters,
which then go."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].with_context(active_test=False).search([])
    companies._pcve_settings_from_parameters(
        {
            "pcve_safespaces.invitation_notice_days": "pcve_invitation_notice_days",
            "pcve_safespaces.show_confidential_busy": "pcve_show_confidential_busy",
        }
    )

"""Incidents come with an audit rule in a noupdate file, whose confirmation
(a function call) runs on a new database only: confirm it here."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("pcve_safespaces.auditlog_rule_pcve_site_incident", False)
    if rule and rule.state != "confirmed":
        rule.set_to_confirmed()

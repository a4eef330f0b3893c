"""Casework no longer depends on pcve_partners: what joins the two lives in the
bridge pcve_casework_partners, which installs itself with both on a new
database. An upgrade does not install new auto-install modules, so a database
that has both gets the bridge here (Odoo's loading loop installs it next)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    partners = Module.search(
        [("name", "=", "pcve_partners"), ("state", "in", ("installed", "to upgrade"))]
    )
    bridge = Module.search(
        [("name", "=", "pcve_casework_partners"), ("state", "=", "uninstalled")]
    )
    if partners and bridge:
        bridge.button_install()

"""The trained-moderator rule of safe spaces lives in the bridge
pcve_safespaces_partners, which installs itself with both addons on a new
database. An upgrade does not install new auto-install modules, so a database
that has safe spaces gets the bridge here (Odoo's loading loop installs it
next)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    safespaces = Module.search(
        [
            ("name", "=", "pcve_safespaces"),
            ("state", "in", ("installed", "to upgrade")),
        ]
    )
    bridge = Module.search(
        [("name", "=", "pcve_safespaces_partners"), ("state", "=", "uninstalled")]
    )
    if safespaces and bridge:
        bridge.button_install()

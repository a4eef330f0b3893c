from odoo.addons.pcve_base.hooks import restore_noupdate

from . import models


def post_init_hook(env):
    """On upgrade from the earlier layout: the audit rules as they were."""
    restore_noupdate(env, "pcve_audit")

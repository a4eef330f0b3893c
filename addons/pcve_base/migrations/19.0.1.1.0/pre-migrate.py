"""Communities get a kind of group, from is_majority (see the hook)."""

from odoo.addons.pcve_base.hooks import group_kind_from_is_majority


def migrate(cr, version):
    group_kind_from_is_majority(cr)

"""Communities get a kind of group: the majority ones become of kind
'majority', the others 'other'. Written before the ORM adds the column, so
that the derived is_majority is not recomputed from an empty kind."""

from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    if column_exists(cr, "pcve_community", "group_kind"):
        return
    create_column(cr, "pcve_community", "group_kind", "varchar")
    cr.execute(
        """UPDATE pcve_community
              SET group_kind = CASE WHEN is_majority THEN 'majority' ELSE 'other' END"""
    )

from odoo import models


class AuditlogLogLineView(models.Model):
    _inherit = "auditlog.log.line.view"

    def _select_query(self):
        return f"{super()._select_query()}, alogl.pcve_field_group_id"

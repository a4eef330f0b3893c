from odoo import models


class PcveSafespaceMixin(models.AbstractModel):
    """What the users of safe spaces never set themselves, through the form,
    an import or XML-RPC alike: the company of a record (the suite's company
    rule, ``pcve.input.mixin``: safe-space managers move it; a new record
    belongs to one of the user's companies). The fields the system records
    are the state machine's workflow fields (``pcve.state.mixin``)."""

    _name = "pcve.safespace.mixin"
    _inherit = ["pcve.input.mixin", "pcve.state.mixin"]
    _description = "Safe-space record"
    _pcve_company_manager_group = "pcve_safespaces.group_safespace_manager"

from odoo import models


class PcveCasePartMixin(models.AbstractModel):
    """What belongs to a case (its team, plan, conferences and notes) is in
    the company of the case. Its ``company_id`` is a stored related field,
    which the ORM would let anyone write: the part would then leave its
    case's company and reach that company's case managers. The suite's
    company rule (``pcve.input.mixin``) refuses it: a related company follows
    its parent record.

    A part moved to another case obeys the record rules there too
    (``_pcve_parent_fields``)."""

    _name = "pcve.case.part.mixin"
    _inherit = ["pcve.input.mixin"]
    _description = "Part of a case"
    _pcve_company_manager_group = "pcve_casework.group_case_manager"
    _pcve_parent_fields = ("case_id",)

    def _pcve_company_error(self):
        return self.env._(
            "The company of a case's team, plan, conferences and notes is "
            "the company of the case: nobody sets it."
        )

from odoo import api, models
from odoo.exceptions import AccessError


class PcveCaseReport(models.AbstractModel):
    """The case report for a case conference or a hand-over: the team, the
    plan, the conferences, the referrals and the notes. Case managers print
    it in full; the professionals of the team print it redacted: no subject
    identity, no notes for professionals only, no free-text signal details,
    no minutes. Volunteers print nothing. Every printing is in the audit
    trail."""

    _name = "report.pcve_casework.report_case"
    _description = "Case report"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["pcve.case"].browse(docids)
        if not self.env.user.has_group("pcve_casework.group_case_worker"):
            raise AccessError(
                self.env._(
                    "Only case managers and the professionals of a case team "
                    "print the case report."
                )
            )
        cases.check_access("read")
        full = self.env.user.has_group("pcve_casework.group_case_manager") and not (
            data or {}
        ).get("redacted")
        cases._pcve_log_access("print")
        return {
            "doc_ids": cases.ids,
            "doc_model": "pcve.case",
            "docs": cases,
            "full": full,
            "parts": {case.id: case._report_parts(full) for case in cases},
        }

"""Since 19.0.2.2.0 a closure ends the team's memberships on the closure date.
Cases closed before kept their teams, who still read them: end those
memberships now, on each case's closure date, as a closure does
(``pcve.case._end_team``). A reopening then brings the professionals back."""

from odoo import SUPERUSER_ID, api

BATCH = 1000


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Case = env["pcve.case"].with_context(active_test=False)
    closed = Case.search(
        [
            ("stage", "=", "closed"),
            ("closed_on", "!=", False),
            ("member_ids", "any", [("active", "=", True)]),
        ],
        order="id",
    )
    for start in range(0, len(closed), BATCH):
        closed[start : start + BATCH]._end_team()

"""The migration 19.0.2.3.0 ends the teams of cases closed before a closure
did so itself (issue #16): run on data as an older version left it."""

import importlib.util
from datetime import timedelta
from pathlib import Path

from odoo import fields
from odoo.tests import tagged

from .common import CaseworkCommon

MIGRATION = Path(__file__).parents[1] / "migrations" / "19.0.2.3.0" / "post-migrate.py"


def _migrate(cr):
    spec = importlib.util.spec_from_file_location("pcve_case_end_teams", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(cr, "19.0.2.2.0")


@tagged("post_install", "-at_install")
class TestEndTeamsOfClosedCases(CaseworkCommon):
    def _close_as_before(self, case, closed_on):
        """A closure as 19.0.2.1.0 made it: stage and date, the team kept."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE pcve_case SET stage = 'closed', closed_on = %s,"
            " closure_reason_code = 'goals_met' WHERE id = %s",
            [closed_on, case.id],
        )
        self.env.invalidate_all()

    def test_teams_of_old_closures_end_on_the_closure_date(self):
        today = fields.Date.context_today(self.case)
        closed_on = today - timedelta(days=20)
        Member = self.env["pcve.case.member"]
        worker = self._member(self.case, self.worker)
        imam = self._member(self.case, self.imam)
        (worker | imam).sudo().date_start = today - timedelta(days=60)
        # one ended before the closure, one due to start after it
        ended = Member.create(
            {
                "case_id": self.case.id,
                "user_id": self.psychologist.id,
                "role": "psychologist",
                "date_start": today - timedelta(days=60),
            }
        )
        late = Member.create(
            {
                "case_id": self.case.id,
                "user_id": self.outsider_worker.id,
                "role": "youth_worker",
                "date_start": today + timedelta(days=3),
            }
        )
        ended.sudo().date_end = closed_on - timedelta(days=5)
        self._close_as_before(self.case, closed_on)
        # the closed case's team still reads it: the gap the migration closes
        self.assertTrue(
            self.Case.with_user(self.worker).search([("id", "=", self.case.id)])
        )
        other_team = self.other_case.member_ids

        _migrate(self.env.cr)

        members = self.case.with_context(active_test=False).member_ids
        self.assertFalse(members.filtered("active"))
        self.assertEqual(worker.date_end, closed_on)
        self.assertEqual(imam.date_end, closed_on)
        self.assertEqual(ended.date_end, closed_on - timedelta(days=5))
        self.assertEqual(late.date_end, late.date_start)
        for user in (self.worker, self.imam):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.Case.with_user(user).search([("id", "=", self.case.id)])
                )
        self.assertNotIn(self.worker.partner_id, self.case.message_partner_ids)
        # an open case keeps its team; a second run changes nothing
        self.assertTrue(other_team.filtered("active"))
        _migrate(self.env.cr)
        self.assertEqual(worker.date_end, closed_on)
        # reopening brings back the professionals the closure ended, only them
        self.case.with_user(self.manager).action_reopen()
        self.assertEqual(self.case.member_ids.user_id, self.worker)

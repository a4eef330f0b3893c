"""The scheduled actions of the evaluation: a follow-up activity for the owner
of an open initiative once its date has passed (once per date), and the next
review drafted when the last done one's period is older than the company's
interval (never twice), with the settings rule of that interval."""

import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import suite_user

from .test_action_plan import INITIATIVE, ActionPlanCommon

REVIEW = "pcve.evaluation.review"


@tagged("post_install", "-at_install")
class TestActionPlanCron(ActionPlanCommon):
    def follow_ups(self, initiative):
        return initiative.activity_ids.filtered(
            lambda a: a.summary == "Follow up this initiative"
        )

    def run_follow_up(self, day, batch_size=100):
        Cron = self.env.registry["ir.cron"]
        with (
            freeze_time(day),
            patch.object(Cron, "_commit_progress", return_value=60.0) as progress,
        ):
            self.env[INITIATIVE]._cron_follow_up(batch_size=batch_size)
        return progress

    def test_follow_up_once_per_date(self):
        initiative = self.initiative
        initiative.sudo().follow_up_date = datetime.date(2031, 3, 1)
        other = initiative.sudo().copy(
            {"name": "Second", "follow_up_date": datetime.date(2031, 2, 1)}
        )
        dropped = initiative.sudo().copy(
            {"name": "Dropped", "follow_up_date": datetime.date(2031, 2, 1)}
        )
        dropped.sudo().write({"state": "dropped"})
        self.run_follow_up("2031-02-28")
        self.assertFalse(self.follow_ups(initiative), "not due yet")
        self.assertEqual(len(self.follow_ups(other)), 1)
        self.assertFalse(self.follow_ups(dropped), "a dropped initiative")
        progress = self.run_follow_up("2031-03-02", batch_size=1)
        self.assertEqual(len(self.follow_ups(initiative)), 1)
        self.assertEqual(self.follow_ups(initiative).user_id, self.owner)
        self.assertEqual(
            [call.kwargs["remaining"] for call in progress.call_args_list], [0]
        )
        # again the next day: nothing new, the due records are not even read
        progress = self.run_follow_up("2031-03-03")
        self.assertFalse(progress.called)
        self.assertEqual(len(self.follow_ups(initiative)), 1)
        self.assertEqual(len(self.follow_ups(other)), 1)
        # a new date is a new follow-up
        initiative.with_user(self.evaluator).follow_up_date = datetime.date(2031, 4, 1)
        self.run_follow_up("2031-04-02")
        self.assertEqual(len(self.follow_ups(initiative)), 2)


@tagged("post_install", "-at_install")
class TestReviewSchedule(ActionPlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review = (
            cls.env[REVIEW]
            .with_user(cls.evaluator)
            .create(
                {
                    "name": "Review 2030",
                    "date_from": "2030-01-01",
                    "date_to": "2030-12-31",
                    "company_id": cls.company.id,
                }
            )
        )
        cls.review.sudo().action_done()

    def drafts(self):
        return self.env[REVIEW].search(
            [("company_id", "=", self.company.id), ("state", "=", "draft")]
        )

    def test_next_review_drafted_once_when_due(self):
        self.assertEqual(self.company.pcve_review_interval_months, 12)
        with freeze_time("2031-12-30"):
            self.env[REVIEW]._cron_schedule_reviews()
        self.assertFalse(self.drafts(), "the interval has not passed")
        with freeze_time("2032-01-02"):
            self.env[REVIEW]._cron_schedule_reviews()
            self.env[REVIEW]._cron_schedule_reviews()
        draft = self.drafts()
        self.assertEqual(len(draft), 1, "never a duplicate")
        self.assertEqual(draft.date_from, datetime.date(2031, 1, 1))
        self.assertEqual(draft.date_to, datetime.date(2031, 12, 31))
        self.assertIn(self.evaluator, draft.activity_ids.user_id)

    def test_interval_per_company(self):
        admin = suite_user(self.env, "ap_settings", "base.group_system", self.company)
        self.company.with_user(admin).pcve_review_interval_months = 6
        with freeze_time("2031-07-01"):
            self.env[REVIEW]._cron_schedule_reviews()
        self.assertEqual(self.drafts().date_to, datetime.date(2031, 6, 30))
        with self.assertRaises(ValidationError):
            self.company.with_user(admin).pcve_review_interval_months = 0
        with self.assertRaises(AccessError):
            self.company.with_user(self.evaluator).pcve_review_interval_months = 3
        with self.assertRpcRefused():
            self.rpc(
                self.evaluator,
                "res.company",
                "write",
                self.company.ids,
                {"pcve_review_interval_months": 3},
            )
        self.assertEqual(self.company.pcve_review_interval_months, 6)

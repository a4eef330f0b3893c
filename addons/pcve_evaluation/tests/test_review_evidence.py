"""The evidence beside the questions of a review: communities without
engagement, newly arrived groups reached, initiatives by structure and
recurring, the partners' view of us (under disclosure control) and the balance
check against stigmatisation; edge cases (empty period, a single community,
below the threshold, newly arrived reached and not), aggregates only, for the
evaluation managers, through the ORM and over XML-RPC."""

import datetime
import json

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import suite_user

from .common import EvaluationHttpCommon

REVIEW = "pcve.evaluation.review"


@tagged("post_install", "-at_install")
class TestReviewEvidence(EvaluationHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Community = cls.env["pcve.community"]

        def community(name, kind):
            return Community.create(
                {"name": name, "group_kind": kind, "company_id": cls.company.id}
            )

        cls.majority = community("Old town", "majority")
        cls.newcomers = community("Asylum seekers at the centre", "newly_arrived")
        cls.minority = community("Riverside families", "established_minority")
        cls.youth = community("Youth clubs", "youth")
        cls.everyday = cls.env["pcve.safespace.topic"].create({"name": "Ev. parking"})
        cls.extremism = cls.env["pcve.safespace.topic"].create(
            {"name": "Ev. extremism", "is_everyday": False}
        )
        cls.day = datetime.date(2031, 5, 4)

    def session(self, communities, topic=None, day=None, state="held"):
        start = datetime.datetime.combine(day or self.day, datetime.time(18))
        return self.env["pcve.safespace.session"].create(
            {
                "name": "Evidence session",
                "start": start,
                "stop": start + datetime.timedelta(hours=2),
                "state": state,
                "confidential": False,
                "community_ids": [(6, 0, communities.ids)],
                "topic_ids": [(6, 0, (topic or self.everyday).ids)],
                "attendance_count": 12,
                "company_id": self.company.id,
            }
        )

    def concern(self, community, day=None):
        return self.env["pcve.concern"].create(
            {
                "name": "Evidence concern",
                "community_id": community.id,
                "raised_on": day or self.day,
                "company_id": self.company.id,
            }
        )

    def evidence(self, review=None):
        review = (review or self.review).with_user(self.manager)
        review.invalidate_recordset()
        return review

    def test_empty_period(self):
        review = self.evidence()
        self.assertEqual(
            review.communities_without_engagement_ids,
            self.majority | self.newcomers | self.minority | self.youth,
        )
        self.assertFalse(review.newly_arrived_reached)
        self.assertEqual(
            json.loads(review.initiative_mode_counts),
            {"reuse": 0, "adapt": 0, "new": 0},
        )
        self.assertEqual(review.recurring_share, 0.0)
        self.assertFalse(review.partner_view_credible)
        self.assertFalse(review.stigma_balance_warning)
        # rated 4 by set-up, while no community is engaged: the form warns
        self.assertTrue(review.actors_evidence_warning)
        self.review.actors_rating = "3"
        self.assertFalse(self.evidence().actors_evidence_warning)

    def test_engagement_and_newly_arrived_reached_or_not(self):
        self.session(self.majority | self.minority)
        # outside the period, or not held: no engagement
        self.session(self.newcomers, day=datetime.date(2030, 12, 31))
        self.session(self.newcomers, state="draft")
        self.concern(self.youth)
        review = self.evidence()
        self.assertEqual(review.communities_without_engagement_ids, self.newcomers)
        self.assertFalse(review.newly_arrived_reached)
        self.review.actors_rating = "5"
        self.assertTrue(self.evidence().actors_evidence_warning, "rated 5, not all in")
        self.concern(self.newcomers)
        review = self.evidence()
        self.assertTrue(review.newly_arrived_reached)
        self.assertFalse(review.communities_without_engagement_ids)
        self.assertFalse(review.actors_evidence_warning)

    def test_active_partner_engages_a_community(self):
        centre = self.env["res.partner"].create(
            {
                "name": "Youth centre",
                "is_company": True,
                "pcve_is_partner": True,
                "pcve_community_ids": [(6, 0, self.youth.ids)],
                "company_id": self.company.id,
            }
        )
        self.assertIn(self.youth, self.evidence().communities_without_engagement_ids)
        # as an approved assessment would leave it
        centre.pcve_collaboration_level = "dialogue"
        review = self.evidence()
        self.assertNotIn(self.youth, review.communities_without_engagement_ids)
        self.assertFalse(review.newly_arrived_reached, "a partner is no reach")

    def test_single_community_scope(self):
        self.review.community_ids = self.minority
        self.session(self.minority)
        self.assertFalse(self.evidence().communities_without_engagement_ids)
        self.review.community_ids = self.newcomers
        self.assertEqual(
            self.evidence().communities_without_engagement_ids, self.newcomers
        )

    def test_stigma_balance(self):
        self.session(self.minority, topic=self.extremism)
        self.session(self.minority, topic=self.extremism)
        self.session(self.youth, topic=self.extremism)
        self.session(self.majority)  # everyday topic: does not count
        review = self.evidence()
        self.assertTrue(review.stigma_balance_warning, "2 of 3 on one community")
        self.assertEqual(review.stigma_community_id, self.minority)
        self.session(self.youth, topic=self.extremism)
        self.assertFalse(self.evidence().stigma_balance_warning, "2 of 4")
        self.session(self.minority, topic=self.extremism)
        self.session(self.minority, topic=self.extremism)
        self.assertTrue(self.evidence().stigma_balance_warning, "4 of 6")
        self.session(self.majority, topic=self.extremism)
        self.assertFalse(
            self.evidence().stigma_balance_warning, "the majority has one too"
        )

    def test_initiatives_by_mode_and_recurring(self):
        plan = self.env["pcve.action.plan"].create(
            {
                "name": "Plan 2031",
                "company_id": self.company.id,
                "period_start": "2031-01-01",
                "period_end": "2033-12-31",
            }
        )
        later = self.env["pcve.action.plan"].create(
            {
                "name": "Plan 2040",
                "company_id": self.company.id,
                "period_start": "2040-01-01",
            }
        )
        centre = self.env["res.partner"].create({"name": "Centre"})
        Initiative = self.env["pcve.action.plan.initiative"]
        for name, mode, recurring, on in (
            ("a", "reuse", True, plan),
            ("b", "reuse", False, plan),
            ("c", "adapt", True, plan),
            ("d", "new", False, plan),
            ("e", "reuse", True, later),
        ):
            Initiative.create(
                {
                    "plan_id": on.id,
                    "name": name,
                    "structure_mode": mode,
                    "structure_partner_id": centre.id,
                    "new_structure_rationale": "Nothing like it exists.",
                    "recurring": recurring,
                }
            )
        review = self.evidence()
        self.assertEqual(
            json.loads(review.initiative_mode_counts),
            {"reuse": 2, "adapt": 1, "new": 1},
        )
        self.assertEqual(review.recurring_share, 50.0)

    def test_partner_view_below_and_above_the_threshold(self):
        review = self.env[REVIEW].create(
            {
                "name": "Review 2020",
                "date_from": "2020-01-01",
                "date_to": "2020-12-31",
                "company_id": self.company.id,
            }
        )
        threshold = self.company.pcve_disclosure_threshold
        ratings = ["2", "3", "4", "4", "5"]
        names = (
            "rating_objectives_clear",
            "rating_acts_on_concerns",
            "rating_not_instrumentalising",
            "rating_transparent_assessment",
            "rating_respects_agenda",
        )
        for index in range(threshold + 1):
            partner = self.env["res.partner"].create(
                {
                    "name": f"Feedback partner {index}",
                    "pcve_is_partner": True,
                    "company_id": self.company.id,
                }
            )
            self.env["pcve.partner.feedback"].create(
                {
                    "partner_id": partner.id,
                    "decision": "collaborate",
                    "recorded_on": "2020-06-01",
                    "company_id": self.company.id,
                    **dict(zip(names, ratings, strict=True)),
                }
            )
            shown = self.evidence(review).partner_view_credible
            if index + 1 <= threshold:
                self.assertFalse(shown, f"{index + 1} partners: below the threshold")
        self.assertEqual(shown, 4.0)

    def test_only_evaluation_managers_read_the_evidence(self):
        fields = ["communities_without_engagement_ids", "stigma_balance_warning"]
        self.session(self.minority)
        read = self.rpc(self.manager, REVIEW, "read", self.review.ids, fields)[0]
        self.assertEqual(
            set(read["communities_without_engagement_ids"]),
            set((self.majority | self.newcomers | self.youth).ids),
        )
        staff = suite_user(
            self.env, "ev_staff2", "pcve_partners.group_pcve_user", self.company
        )
        with self.assertRaises(AccessError):
            self.review.with_user(staff).read(fields)
        with self.assertRpcRefused():
            self.rpc(staff, REVIEW, "read", self.review.ids, fields)
        # the figures themselves are for managers only
        with self.assertRaises(AccessError):
            self.env["pcve.safespace.session"].with_user(
                staff
            )._pcve_engagement_figures(
                self.company, self.review.date_from, self.review.date_to
            )

    def test_query_count_does_not_grow(self):
        fields = [
            "communities_without_engagement_ids",
            "newly_arrived_reached",
            "initiative_mode_counts",
            "recurring_share",
            "partner_view_credible",
            "stigma_balance_warning",
        ]
        review = self.review.with_user(self.manager)

        def count_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            review.read(fields)
            return self.env.cr.sql_log_count - before

        self.session(self.minority, topic=self.extremism)
        count_queries()  # warm the caches
        small = count_queries()
        for _index in range(10):
            self.session(self.majority | self.minority | self.youth)
            self.concern(self.newcomers)
        Community = self.env["pcve.community"]
        Community.create(
            [{"name": f"C{n}", "company_id": self.company.id} for n in range(10)]
        )
        self.assertEqual(count_queries(), small)
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            review.read(fields)

from functools import partial

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

MODEL = "pcve.partner.assessment"


@tagged("post_install", "-at_install")
class TestAssessmentConcurrency(TransactionCase):
    """Two real connections act on one submitted assessment at once.

    Both transactions take their snapshot before either commits; the first
    commits, the second then meets its change. The second must fail with a
    serialization error (nothing of it is written), and when Odoo's RPC layer
    retries it on fresh data it must get a clear error: exactly one outcome
    holds and the four-eyes rule with it.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = db_connect(cls.env.cr.dbname)
        users = {
            key: cls.env.ref(f"pcve_partners.{xmlid}", raise_if_not_found=False)
            for key, xmlid in (
                ("assessor", "user_assessor_demo"),
                ("approver", "user_approver_demo"),
                ("manager", "user_pcve_manager_demo"),
            )
        }
        if not all(users.values()):
            cls.skipTest(cls, "the demo users are needed: other connections see them")
        cls.uids = {key: user.id for key, user in users.items()}

    def setUp(self):
        super().setUp()
        self.assessment_id = self._committed_assessment()
        self.addCleanup(self._drop, self.assessment_id)

    # ------------------------------------------------------------------ helpers
    def _committed_assessment(self, requested_level="dialogue"):
        """A submitted assessment, committed so that other connections see it."""
        with self.db.cursor() as cr:
            env = api.Environment(cr, self.uids["assessor"], {})
            partner = (
                env["res.partner"]
                .sudo()
                .search([("pcve_is_partner", "=", True)], limit=1)
            )
            assessment = env[MODEL].create(
                {
                    "partner_id": partner.id,
                    "requested_level": requested_level,
                }
            )
            if requested_level == "partnership":
                assessment.criterion_line_ids.write(
                    {"rating": "no_concern", "source": "Annual report"}
                )
                assessment.write(
                    {
                        "reference_ids": [
                            (0, 0, {"name": "Youth department", "cross_checked": True}),
                            (0, 0, {"name": "Police officer", "cross_checked": True}),
                        ]
                    }
                )
            else:
                assessment.action_submit()
            env.flush_all()
            return assessment.id

    def _drop(self, assessment_id):
        """Delete through the ORM: messages, activities and the partner's
        collaboration level follow."""
        with self.db.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})[MODEL].browse(assessment_id).unlink()

    def _act(self, env, who, method, **kwargs):
        records = env(user=self.uids[who])[MODEL].browse(self.assessment_id)
        getattr(records, method)(**kwargs)

    def _reassign(self, env, who, new_assessor):
        """Back to draft and hand the assessment to someone else (a partners
        manager's handover)."""
        records = env(user=self.uids[who])[MODEL].browse(self.assessment_id)
        records.action_reset_to_draft()
        records.write({"assessor_id": self.uids[new_assessor]})

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def _race(self, first, second):
        """Run ``first`` and ``second`` from one snapshot; return the error the
        second gets when it is retried as Odoo's RPC layer does."""
        cr1, cr2 = self.db.cursor(), self.db.cursor()
        try:
            cr1.execute("SELECT 1")
            cr2.execute("SELECT 1")
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            first(env1)
            env1.flush_all()
            cr1.commit()
            with self.assertRaises(SerializationFailure):
                second(env2)
                env2.flush_all()
            cr2.rollback()
            env2.transaction.reset()
            with self.assertRaises(UserError) as caught:
                retrying(partial(second, env2), env2)
            return caught.exception
        finally:
            cr1.close()
            cr2.close()

    def _final(self):
        with self.db.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            assessment = env[MODEL].browse(self.assessment_id)
            return {
                "state": assessment.state,
                "outcome": assessment.outcome,
                "decided_by": assessment.decided_by_id.id,
                "assessor": assessment.assessor_id.id,
                "references": len(assessment.reference_ids.filtered("cross_checked")),
                "activities": len(assessment.activity_ids),
            }

    # ------------------------------------------------------------------ tests
    def test_approve_while_cancelling(self):
        error = self._race(
            partial(self._act, who="approver", method="action_approve"),
            partial(self._act, who="assessor", method="action_cancel"),
        )
        self.assertIn("cannot be cancelled", str(error))
        final = self._final()
        self.assertEqual((final["state"], final["outcome"]), ("decided", "approved"))
        self.assertEqual(final["decided_by"], self.uids["approver"])

    def test_cancel_while_approving(self):
        error = self._race(
            partial(self._act, who="assessor", method="action_cancel"),
            partial(self._act, who="approver", method="action_approve"),
        )
        self.assertIn("from Cancelled to Decided", str(error))
        final = self._final()
        self.assertEqual((final["state"], final["outcome"]), ("cancelled", False))
        self.assertFalse(final["decided_by"])

    def test_two_approvers_decide_at_once(self):
        error = self._race(
            partial(self._act, who="approver", method="action_approve"),
            partial(
                self._act,
                who="manager",
                method="action_decline",
                rationale="Agreed in the review meeting.",
            ),
        )
        self.assertIn("Only an assessment in review can be decided", str(error))
        final = self._final()
        self.assertEqual((final["state"], final["outcome"]), ("decided", "approved"))
        self.assertEqual(final["decided_by"], self.uids["approver"])
        # the decline lost entirely: no "inform the partner" activity either
        self.assertEqual(final["activities"], 0)

    def test_handover_while_approver_decides(self):
        """The manager makes the approver the assessor while he decides: the
        approver never decides an assessment he prepares."""
        error = self._race(
            partial(self._reassign, who="manager", new_assessor="approver"),
            partial(self._act, who="approver", method="action_approve"),
        )
        self.assertIn("from Draft to Decided", str(error))
        final = self._final()
        self.assertEqual(final["state"], "draft")
        self.assertEqual(final["assessor"], self.uids["approver"])
        self.assertFalse(final["decided_by"])

    def test_approver_decides_while_manager_hands_over(self):
        error = self._race(
            partial(self._act, who="approver", method="action_approve"),
            partial(self._reassign, who="manager", new_assessor="approver"),
        )
        self.assertIn("from Decided to Draft", str(error))
        final = self._final()
        self.assertEqual(final["state"], "decided")
        self.assertEqual(final["assessor"], self.uids["assessor"])
        self.assertNotEqual(final["decided_by"], final["assessor"])

    def test_reference_removed_while_submitting(self):
        """A full assessment is submitted with two cross-checked references
        while the assessor removes one: without the row update both would
        commit, and an assessment with one reference would be in review."""
        self.assessment_id = self._committed_assessment("partnership")
        self.addCleanup(self._drop, self.assessment_id)

        def remove_reference(env):
            records = env(user=self.uids["assessor"])[MODEL].browse(self.assessment_id)
            records.reference_ids[:1].unlink()

        error = self._race(
            partial(self._act, who="assessor", method="action_submit"),
            remove_reference,
        )
        self.assertIn("no longer a draft", str(error))
        self.assertEqual(self._final()["references"], 2)
        self.assertEqual(self._final()["state"], "in_review")

    def test_submitting_while_reference_removed(self):
        self.assessment_id = self._committed_assessment("partnership")
        self.addCleanup(self._drop, self.assessment_id)

        def remove_reference(env):
            records = env(user=self.uids["assessor"])[MODEL].browse(self.assessment_id)
            records.reference_ids[:1].unlink()

        error = self._race(
            remove_reference,
            partial(self._act, who="assessor", method="action_submit"),
        )
        self.assertIn("two references", str(error))
        final = self._final()
        self.assertEqual((final["state"], final["references"]), ("draft", 1))

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ASSESSMENT, PcvePartnersRpcCommon


@tagged("post_install", "-at_install")
class TestAssessmentFourEyes(PcvePartnersRpcCommon):
    """Nobody decides an assessment he created, changed or submitted, whatever
    ``assessor_id`` says: through the ORM and over XML-RPC."""

    def _submitted(self, user=None, **vals):
        assessment = self._assessment(user=user, **vals)
        assessment.with_user(user or self.assessor).action_submit()
        return assessment

    def test_creator_is_the_assessor(self):
        """(a) The creator cannot name a colleague as the assessor."""
        for user in (self.assessor, self.approver):
            with self.assertRaisesRule(AccessError, "Only a partners manager"):
                self._assessment(user=user, assessor_id=self.assessor2.id)
            with self.assertRpcRefused("Only a partners manager"):
                self.rpc(
                    user,
                    ASSESSMENT,
                    "create",
                    {"partner_id": self.partner.id, "assessor_id": self.assessor2.id},
                )
        self.assertFalse(
            self.Assessment.search([("assessor_id", "=", self.assessor2.id)])
        )
        # by default, and when naming himself, the creator prepares it
        mine = self._assessment(user=self.approver)
        self.assertEqual(mine.assessor_id, self.approver)
        self.assertEqual(mine.contributor_ids, self.approver)
        rpc_id = self.rpc(
            self.approver,
            ASSESSMENT,
            "create",
            {"partner_id": self.partner.id, "assessor_id": self.approver.id},
        )
        self.assertEqual(self.Assessment.browse(rpc_id).assessor_id, self.approver)

    def test_only_a_manager_hands_over_and_it_is_logged(self):
        draft = self._assessment(user=self.approver)
        for user in (self.approver, self.assessor, self.approver2):
            with self.assertRaisesRule(AccessError, "Only a partners manager"):
                draft.with_user(user).write({"assessor_id": self.assessor2.id})
            with self.assertRpcRefused("Only a partners manager"):
                self.rpc(
                    user,
                    ASSESSMENT,
                    "write",
                    draft.ids,
                    {"assessor_id": self.assessor2.id},
                )
        self.assertEqual(draft.assessor_id, self.approver)
        # not to someone who does not assess
        with self.assertRaisesRule(ValidationError, "is not an assessor"):
            draft.with_user(self.manager).write({"assessor_id": self.staff.id})
        self.rpc(
            self.manager,
            ASSESSMENT,
            "write",
            draft.ids,
            {"assessor_id": self.assessor2.id},
        )
        self.assertEqual(draft.assessor_id, self.assessor2)
        logged = draft.message_ids.filtered(lambda m: "Handed over" in (m.body or ""))
        self.assertIn(
            f"from {self.approver.name} to {self.assessor2.name}", logged.body
        )
        self.assertEqual(logged.author_id, self.manager.partner_id)
        # the approver who created it still cannot decide it
        draft.with_user(self.assessor2).action_submit()
        self.assertEqual(draft.submitted_by_id, self.assessor2)
        with self.assertRaisesRule(ValidationError, "Four eyes"):
            draft.with_user(self.approver).action_approve()
        with self.assertRpcRefused("Four eyes"):
            self.rpc(self.approver, ASSESSMENT, "action_approve", draft.ids)
        self.assertEqual(draft.state, "in_review")
        self.assertTrue(
            self.rpc(self.approver2, ASSESSMENT, "action_approve", draft.ids)
        )
        self.assertEqual(draft.decided_by_id, self.approver2)

    def test_manager_creates_for_an_assessor(self):
        assessment = self._assessment(user=self.manager, assessor_id=self.assessor.id)
        self.assertEqual(assessment.assessor_id, self.assessor)
        logged = assessment.message_ids.filtered(
            lambda m: "Handed over" in (m.body or "")
        )
        self.assertIn(f"to {self.assessor.name}", logged.body)
        assessment.with_user(self.assessor).action_submit()
        with self.assertRaisesRule(ValidationError, "Four eyes"):
            assessment.with_user(self.manager).action_approve()
        assessment.with_user(self.approver).action_approve()

    def test_submitter_and_changer_do_not_decide(self):
        """Whoever changes the content or submits it is recorded."""
        assessment = self._assessment()
        assessment.criterion_line_ids[:1].with_user(self.approver).write(
            {"finding": "Checked the statutes."}
        )
        self.assertEqual(assessment.contributor_ids, self.assessor | self.approver)
        assessment.with_user(self.approver2).action_submit()
        self.assertEqual(assessment.submitted_by_id, self.approver2)
        for approver in (self.approver, self.approver2):
            with self.assertRaisesRule(ValidationError, "Four eyes"):
                assessment.with_user(approver).action_approve()
            with self.assertRpcRefused("Four eyes"):
                self.rpc(approver, ASSESSMENT, "action_approve", assessment.ids)
        self.assertEqual(assessment.state, "in_review")
        self.assertEqual(
            self.rpc(
                self.manager,
                ASSESSMENT,
                "read",
                assessment.ids,
                ["submitted_by_id", "contributor_ids"],
            )[0]["submitted_by_id"][0],
            self.approver2.id,
        )
        assessment.with_user(self.manager).action_approve()
        self.assertEqual(assessment.decided_by_id, self.manager)

    def test_reset_rewrite_resubmit_by_an_approver(self):
        """(b) An approver sets a submitted assessment back, rewrites and
        resubmits it: another approver decides it."""
        assessment = self._submitted()
        approver = assessment.with_user(self.approver)
        approver.action_reset_to_draft()
        self.assertFalse(assessment.submitted_by_id)
        approver.write({"objective": "Rewritten by the approver."})
        approver.action_submit()
        with self.assertRaisesRule(ValidationError, "Four eyes"):
            approver.action_approve()
        self.assertEqual(assessment.state, "in_review")
        # the same over RPC, step by step
        other = self._submitted()
        self.assertTrue(
            self.rpc(self.approver, ASSESSMENT, "action_reset_to_draft", other.ids)
        )
        self.rpc(
            self.approver, ASSESSMENT, "write", other.ids, {"funding_involved": False}
        )
        self.assertTrue(self.rpc(self.approver, ASSESSMENT, "action_submit", other.ids))
        with self.assertRpcRefused("another approver decides"):
            self.rpc(self.approver, ASSESSMENT, "action_approve", other.ids)
        self.assertEqual(other.state, "in_review")
        self.assertTrue(
            self.rpc(self.approver2, ASSESSMENT, "action_approve", other.ids)
        )
        self.assertEqual(other.decided_by_id, self.approver2)

    def test_sending_back_for_rework_keeps_the_approver(self):
        """Setting back alone changes nothing of the content: the approver who
        sent it back may still decide what the assessor resubmits."""
        assessment = self._submitted()
        assessment.with_user(self.approver).action_reset_to_draft()
        assessment.write({"objective": "Completed by the assessor."})
        assessment.action_submit()
        self.assertEqual(assessment.contributor_ids, self.assessor)
        assessment.with_user(self.approver).action_approve()
        self.assertEqual(assessment.decided_by_id, self.approver)

    def test_prepared_by_cannot_be_written(self):
        assessment = self._submitted()
        for user in (self.assessor, self.approver, self.manager):
            for vals in (
                {"contributor_ids": [(5, 0, 0)]},
                {"submitted_by_id": self.approver2.id},
                {"state": "draft"},
            ):
                with self.assertRaisesRule(AccessError, "never written directly"):
                    assessment.with_user(user).write(vals)
                with self.assertRpcRefused("never written directly"):
                    self.rpc(user, ASSESSMENT, "write", assessment.ids, vals)
        with self.assertRpcRefused("never written directly"):
            self.rpc(
                self.approver,
                ASSESSMENT,
                "create",
                {"partner_id": self.partner.id, "contributor_ids": [(6, 0, [])]},
            )
        self.assertEqual(assessment.contributor_ids, self.assessor)
        self.assertEqual(assessment.submitted_by_id, self.assessor)
        self.assertEqual(assessment.state, "in_review")

    def test_copy_is_prepared_by_who_copies(self):
        decided = self._submitted()
        decided.with_user(self.approver).action_approve()
        copy = decided.with_user(self.approver).copy()
        self.assertEqual(copy.assessor_id, self.approver)
        self.assertEqual(copy.contributor_ids, self.approver)
        self.assertFalse(copy.submitted_by_id)
        self.assertEqual(copy.state, "draft")
        copy.with_user(self.assessor).action_submit()
        with self.assertRaisesRule(ValidationError, "Four eyes"):
            copy.with_user(self.approver).action_approve()

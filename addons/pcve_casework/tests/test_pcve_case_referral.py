"""Referrals to existing services (issue #16): consent, the moves, who sees
them, through the ORM and over XML-RPC."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaseworkCommon, CaseworkRpcCommon

REFERRAL = "pcve.case.referral"
CONSENT = "needs the consent of the person or a guardian"
MOVES = "a referral moves from draft to requested"
WORKFLOW = "recorded by the system"
FIXED = "prepared as a draft"


class ReferralSetup:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["res.partner"].create(
            {
                "name": "Youth centre De Schakel",
                "is_company": True,
                "email": "intake@deschakel.example.org",
            }
        )
        cls.Referral = cls.env[REFERRAL]
        cls.referral = (
            cls.Referral.with_user(cls.worker)
            .create(cls._referral_values(consent_given_by="subject"))
            .with_env(cls.env)
        )

    @classmethod
    def _referral_values(cls, **values):
        return dict(
            {
                "case_id": cls.case.id,
                "service_partner_id": cls.service.id,
                "service_type": "youth_work",
                "reason": "Wants a place to go in the evenings.",
                "consent_date": fields.Date.today(),
            },
            **values,
        )

    def _mails(self):
        return self.env["mail.mail"].search(
            [("email_to", "ilike", "intake@deschakel.example.org")]
        )


@tagged("post_install", "-at_install")
class TestReferral(ReferralSetup, CaseworkCommon):
    def test_request_with_consent(self):
        referral = self.referral.with_user(self.worker)
        self.assertIs(referral.action_request(), True)
        self.assertEqual(referral.state, "requested")
        self.assertTrue(referral.requested_on)
        self.assertEqual(
            (referral.access_token_expiry - referral.requested_on).days, 14
        )
        [mail] = self._mails()
        self.assertIn("/pcve/referral/", mail.body_html)
        # the link is the service's: not in the chatter, only its hash stored
        self.assertNotIn(referral.access_token_hash, mail.body_html)
        self.assertFalse(
            referral.message_ids.filtered(lambda m: "/pcve/referral/" in m.body)
        )
        self.assertIn("Referral requested by", referral.message_ids[0].body)

    def test_consent_is_required(self):
        for values in (
            {"consent_given_by": "none"},
            {"consent_given_by": "guardian", "consent_date": False},
        ):
            with self.subTest(values=values):
                referral = self.Referral.with_user(self.worker).create(
                    self._referral_values(**values)
                )
                with self.assertRaisesRule(UserError, CONSENT):
                    referral.action_request()
                self.assertEqual(referral.state, "draft")

    def test_override_by_a_case_manager_with_reason(self):
        referral = self.Referral.with_user(self.worker).create(
            self._referral_values(
                consent_given_by="none",
                consent_override_reason="Acute risk: the school must know today.",
            )
        )
        with self.assertRaisesRule(UserError, CONSENT):
            referral.action_request()
        referral.with_user(self.manager).write({"consent_override_reason": False})
        with self.assertRaisesRule(UserError, CONSENT):
            referral.with_user(self.manager).action_request()
        referral.with_user(self.manager).write(
            {"consent_override_reason": "Acute risk: the school must know today."}
        )
        referral.with_user(self.manager).action_request()
        self.assertEqual(referral.state, "requested")
        override = referral.message_ids.filtered(
            lambda m: "Requested without consent" in m.body
        )
        self.assertEqual(override.author_id, self.manager.partner_id)
        self.assertIn("Acute risk", override.body)

    def test_closed_case_cannot_be_referred(self):
        self.case.with_user(self.worker).write({"closure_reason_code": "referred_on"})
        self.case.with_user(self.worker).action_close()
        with self.assertRaisesRule(UserError, "is closed"):
            self.referral.with_user(self.manager).action_request()
        self.assertEqual(self.referral.state, "draft")

    def test_moves(self):
        referral = self.referral.with_user(self.worker)
        with self.assertRaisesRule(UserError, MOVES):
            referral.action_accept()
        with self.assertRaisesRule(UserError, MOVES):
            referral.action_complete("Done")
        with self.assertRaisesRule(UserError, MOVES):
            referral.action_decline("Full")
        referral.action_request()
        with self.assertRaisesRule(UserError, MOVES):
            referral.action_complete("Done")
        referral.action_accept()
        self.assertTrue(referral.answered_on)
        self.assertFalse(referral.access_token_hash)
        with self.assertRaisesRule(UserError, "needs its outcome"):
            referral.action_complete("  ")
        referral.action_complete("Joined the futsal team.")
        self.assertEqual(referral.state, "completed")
        with self.assertRaisesRule(UserError, MOVES):
            referral.action_cancel()
        # anything not yet completed may be cancelled
        for state_path in ([], ["action_request"], ["action_request", "decline"]):
            other = self.Referral.with_user(self.worker).create(
                self._referral_values(consent_given_by="guardian")
            )
            for step in state_path:
                if step == "decline":
                    other.action_decline("No place")
                else:
                    getattr(other, step)()
            self.assertIs(other.action_cancel(), True)
            self.assertEqual(other.state, "cancelled")

    def test_decline_needs_its_reason(self):
        referral = self.referral.with_user(self.worker)
        referral.action_request()
        for reason in ("", "   "):
            with self.assertRaisesRule(UserError, "needs its reason"):
                referral.action_decline(reason)
        with self.assertRaisesRule(UserError, "as a text"):
            referral.action_decline(42)
        # the form's button asks for it in a dialog
        self.assertEqual(
            referral.action_decline()["res_model"], "pcve.case.referral.answer"
        )
        self.assertEqual(referral.state, "requested")
        wizard = (
            self.env["pcve.case.referral.answer"]
            .with_user(self.worker)
            .create(
                {"referral_id": referral.id, "kind": "decline", "text": "No place."}
            )
        )
        wizard.action_confirm()
        self.assertEqual(referral.state, "declined")
        self.assertEqual(referral.decline_reason, "No place.")

    def test_workflow_fields_are_the_systems(self):
        now = fields.Datetime.now()
        for user in (self.worker, self.manager):
            for vals in (
                {"state": "accepted"},
                {"requested_on": now},
                {"answered_on": now},
                {"decline_reason": "x"},
                {"outcome": "x"},
                {"access_token_hash": "x"},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaisesRule(AccessError, WORKFLOW),
                ):
                    self.referral.with_user(user).write(vals)
            with self.assertRaises(AccessError):
                self.referral.with_user(user).write(
                    {"company_id": self.env["res.company"].create({"name": "B"}).id}
                )
        with self.assertRaisesRule(AccessError, WORKFLOW):
            self.Referral.with_user(self.manager).create(
                self._referral_values(state="requested")
            )
        self.referral.with_user(self.worker).action_request()
        for vals in ({"consent_given_by": "none"}, {"shared_scope": "summary"}):
            with self.subTest(vals=vals), self.assertRaisesRule(AccessError, FIXED):
                self.referral.with_user(self.manager).write(vals)
        self.assertEqual(self.referral.state, "requested")

    def test_who_sees_referrals(self):
        self.assertEqual(self.Referral.with_user(self.worker).search([]), self.referral)
        self.assertIn(self.referral, self.Referral.with_user(self.manager).search([]))
        for user in (self.outsider_worker, self.psychologist):
            with self.subTest(user=user.login):
                self.assertFalse(self.Referral.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self.referral.with_user(user).read(["reason"])
        self.assertEqual(self.case.with_user(self.worker).referral_count, 1)

    def test_volunteers_never_see_referrals(self):
        self.referral.message_post(body="Youth centre called back")
        Referral = self.Referral.with_user(self.imam)
        for call in (
            lambda: Referral.search([]),
            lambda: Referral.search_count([]),
            lambda: self.referral.with_user(self.imam).read(["reason"]),
            lambda: Referral._read_group([], ["state"], ["__count"]),
            lambda: self.referral.with_user(self.imam).export_data(["reason"]),
            lambda: self.case.with_user(self.imam).read(["referral_ids"]),
        ):
            # AccessError, or UserError (no export right): both refuse
            with self.assertRaises(UserError):
                call()
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.imam)
            .search([("model", "=", REFERRAL)])
        )
        # nor is he made a follower: a user is told, the system leaves him out
        with self.assertRaisesRule(UserError, "professionals and case managers"):
            self.referral.with_user(self.worker).message_subscribe(
                partner_ids=self.imam.partner_id.ids
            )
        self.referral.message_subscribe(partner_ids=self.imam.partner_id.ids)
        self.assertNotIn(self.imam.partner_id, self.referral.message_partner_ids)

    def test_closing_the_case_ends_the_teams_access(self):
        self.case.with_user(self.worker).write({"closure_reason_code": "referred_on"})
        self.case.with_user(self.worker).action_close()
        self.assertFalse(self.Referral.with_user(self.worker).search([]))
        self.assertIn(self.referral, self.Referral.with_user(self.manager).search([]))


@tagged("post_install", "-at_install")
class TestReferralRpc(ReferralSetup, CaseworkRpcCommon):
    def test_rules_over_rpc(self):
        refused = self.Referral.with_user(self.worker).create(
            self._referral_values(consent_given_by="none")
        )
        with self.assertRpcRefused(CONSENT):
            self.rpc(self.worker, REFERRAL, "action_request", [refused.id])
        for user in (self.imam, self.outsider_worker, self.other_volunteer):
            with self.subTest(user=user.login), self.assertRpcRefused("access"):
                self.rpc(user, REFERRAL, "action_request", [self.referral.id])
        with self.assertRpcRefused("access"):
            self.rpc(self.imam, REFERRAL, "search_read", [], ["reason"])
        with self.assertRpcRefused("access"):
            self.rpc(
                self.imam, REFERRAL, "formatted_read_group", [], ["state"], ["__count"]
            )
        with self.assertRpcRefused(WORKFLOW):
            self.rpc(
                self.worker,
                REFERRAL,
                "write",
                [self.referral.id],
                {"state": "accepted"},
            )
        self.assertIs(
            self.rpc(self.worker, REFERRAL, "action_request", [self.referral.id]), True
        )
        with self.assertRpcRefused("needs its reason"):
            self.rpc(self.worker, REFERRAL, "action_decline", [self.referral.id], "")
        with self.assertRpcRefused("as a text"):
            self.rpc(self.worker, REFERRAL, "action_decline", [self.referral.id], 7)
        self.assertIs(
            self.rpc(
                self.worker, REFERRAL, "action_decline", [self.referral.id], "Full."
            ),
            True,
        )
        self.referral.invalidate_recordset()
        self.assertEqual(self.referral.decline_reason, "Full.")
        with self.assertRpcRefused(WORKFLOW):
            self.rpc(
                self.manager,
                REFERRAL,
                "write",
                [self.referral.id],
                {"decline_reason": "Other"},
            )
        self.assertIs(
            self.rpc(self.manager, REFERRAL, "action_cancel", [self.referral.id]),
            True,
        )

    def test_accept_and_complete_over_rpc(self):
        referral = [self.referral.id]
        self.rpc(self.worker, REFERRAL, "action_request", referral)
        with self.assertRpcRefused("access"):
            self.rpc(self.outsider_worker, REFERRAL, "action_accept", referral)
        self.assertIs(self.rpc(self.worker, REFERRAL, "action_accept", referral), True)
        with self.assertRpcRefused("needs its outcome"):
            self.rpc(self.worker, REFERRAL, "action_complete", referral, "")
        self.assertIs(
            self.rpc(self.worker, REFERRAL, "action_complete", referral, "Joined."),
            True,
        )
        [read] = self.rpc(
            self.manager, REFERRAL, "read", referral, ["state", "outcome"]
        )
        self.assertEqual((read["state"], read["outcome"]), ("completed", "Joined."))

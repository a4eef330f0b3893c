from markupsafe import Markup

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.pcve_base.tests.language_common import (
    CLEAN,
    FLAGGED,
    RULE,
    WIZARD,
    LanguageGateCase,
)

from .common import ASSESSMENT, PcvePartnersRpcCommon

AGREEMENT = "pcve.agreement"
REASON = "The partner asked for these words in its own objectives."


@tagged("post_install", "-at_install")
class TestLanguageGate(LanguageGateCase, PcvePartnersRpcCommon):
    """The language check before the outcome letter goes out and a memorandum
    is signed: a flagged text only through "send anyway" with a reason,
    recorded by the system and logged, over the ORM and XML-RPC alike."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.no_email = cls.env["res.partner"].create(
            {"name": "Buurthuis Zonder Mail", "pcve_is_partner": True}
        )
        cls.template = cls.env.ref("pcve_partners.mail_template_assessment_outcome")

    def _declined(self, partner):
        assessment = self._assessment(partner_id=partner.id)
        assessment.action_submit()
        assessment.with_user(self.approver).action_decline(rationale="Not now.")
        return assessment

    def _flag_letter(self):
        """A manager's edit of the letter that links a community with a threat."""
        self.template.body_html = Markup(self.template.body_html) + Markup(FLAGGED)

    def _rpc_wizard(self, user, record, reason):
        values = {"res_model": record._name, "res_id": record.id, "reason": reason}
        wizard = self.rpc(user, WIZARD, "create", values)
        return self.rpc(user, WIZARD, "action_send_anyway", [wizard])

    # ----------------------------------------------------- outcome letter
    def test_clean_letter_goes_out(self):
        assessment = self._declined(self.partner)
        self.assertFalse(assessment.language_warning)
        self.assertIs(
            self.rpc(
                self.assessor, ASSESSMENT, "action_inform_partner", assessment.ids
            ),
            True,
        )
        self.assertEqual(assessment.partner_informed_method, "email")
        self.assertFalse(assessment.language_confirmed_on)

    def test_flagged_letter_refused(self):
        email = self._declined(self.partner)
        post = self._declined(self.no_email)
        self._flag_letter()
        self.assertIn(RULE, email.language_warning)
        with self.assertRaisesRule(UserError, RULE):
            email.with_user(self.assessor).action_inform_partner()
        with self.assertRaisesRule(UserError, RULE):
            post.with_user(self.assessor).action_print_letter()
        for assessment, method in (
            (email, "action_inform_partner"),
            (post, "action_print_letter"),
        ):
            with self.assertRpcRefused(RULE):
                self.rpc(self.assessor, ASSESSMENT, method, assessment.ids)
            with self.assertRaisesRule(UserError, "needs a reason"):
                self._wizard(self.assessor, assessment, " ").action_send_anyway()
            with self.assertRpcRefused("needs a reason"):
                self._rpc_wizard(self.assessor, assessment, "")
        self.assertFalse(any((email | post).mapped("partner_informed_date")))
        self.assertFalse(any((email | post).mapped("language_confirmed_on")))

    def test_flagged_letter_sent_anyway_with_reason(self):
        email = self._declined(self.partner)
        post = self._declined(self.no_email)
        self._flag_letter()
        action = self._rpc_wizard(self.assessor, email, REASON)
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        self.assertEqual(email.partner_informed_method, "email")
        self._assert_confirmed(email, self.assessor, REASON)
        # assessments are audited: the confirmation is in the audit trail too
        # (who and when; the trail keeps no free text)
        lines = (
            self.env["auditlog.log.line"]
            .sudo()
            .search(
                [
                    ("log_id.model_id.model", "=", ASSESSMENT),
                    ("log_id.res_id", "=", email.id),
                    ("field_id.name", "=", "language_confirmed_reason"),
                ]
            )
        )
        self.assertTrue(lines)
        self.assertEqual(lines.log_id.user_id, self.assessor)
        action = self._wizard(self.assessor, post, REASON).action_send_anyway()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(post.partner_informed_method, "letter")
        self._assert_confirmed(post, self.assessor, REASON)

    def test_letter_refused_to_who_may_not_send(self):
        assessment = self._declined(self.partner)
        self._flag_letter()
        for user in (self.staff, self.employee):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    assessment.with_user(user).action_inform_partner()
                with self.assertRpcRefused():
                    self.rpc(user, ASSESSMENT, "action_inform_partner", assessment.ids)
                with self.assertRpcRefused():
                    self._rpc_wizard(user, assessment, REASON)
                with self.assertRaises(AccessError):
                    self._wizard(user, assessment, REASON).action_send_anyway()
        self.assertFalse(assessment.partner_informed_date)
        self.assertFalse(assessment.language_confirmed_on)

    # --------------------------------------------------------- memorandum
    def _memorandum(self, objectives):
        assessment = self._approved()
        self._feedback()
        return self._agreement(assessment, objectives=objectives)

    def test_clean_memorandum_is_signed(self):
        agreement = self._memorandum(CLEAN)
        self.assertFalse(agreement.language_warning)
        self.assertIs(
            self.rpc(self.assessor, AGREEMENT, "action_activate", agreement.ids), True
        )
        self.assertEqual(agreement.state, "active")

    def test_flagged_memorandum_refused(self):
        agreement = self._memorandum(CLEAN)
        agreement.with_user(self.assessor).benefits_partner = FLAGGED
        self.assertIn(RULE, agreement.language_warning)
        with self.assertRaisesRule(UserError, RULE):
            agreement.with_user(self.assessor).action_activate()
        with self.assertRpcRefused(RULE):
            self.rpc(self.assessor, AGREEMENT, "action_activate", agreement.ids)
        # the state written directly obeys the same gate
        with self.assertRpcRefused(RULE):
            self.rpc(
                self.assessor, AGREEMENT, "write", agreement.ids, {"state": "active"}
            )
        # and the text cannot change in the signature's own write
        clean = self._memorandum(CLEAN)
        with self.assertRpcRefused(RULE):
            self.rpc(
                self.assessor,
                AGREEMENT,
                "write",
                clean.ids,
                {"state": "active", "objectives": FLAGGED},
            )
        # nor created signed
        values = {
            "name": "MoU signed at once",
            "partner_id": self.partner.id,
            "assessment_id": clean.assessment_id.id,
            "objectives": FLAGGED,
            "state": "active",
        }
        with self.assertRpcRefused(RULE):
            self.rpc(self.assessor, AGREEMENT, "create", values)
        with self.assertRaisesRule(UserError, "needs a reason"):
            self._wizard(self.assessor, agreement, "").action_send_anyway()
        with self.assertRpcRefused("needs a reason"):
            self._rpc_wizard(self.assessor, agreement, "  ")
        self.assertEqual((agreement | clean).mapped("state"), ["draft", "draft"])
        self.assertFalse(agreement.language_confirmed_on)

    def test_flagged_memorandum_signed_anyway_with_reason(self):
        agreement = self._memorandum(FLAGGED)
        action = self._rpc_wizard(self.assessor, agreement, REASON)
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        self.assertEqual(agreement.state, "active")
        self._assert_confirmed(agreement, self.assessor, REASON)

    def test_memorandum_refused_to_who_may_not_sign(self):
        agreement = self._memorandum(FLAGGED)
        for user in (self.staff, self.employee):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    agreement.with_user(user).action_activate()
                with self.assertRpcRefused():
                    self.rpc(user, AGREEMENT, "action_activate", agreement.ids)
                with self.assertRpcRefused():
                    self._rpc_wizard(user, agreement, REASON)
                with self.assertRaises(AccessError):
                    self._wizard(user, agreement, REASON).action_send_anyway()
        self.assertEqual(agreement.state, "draft")
        self.assertFalse(agreement.language_confirmed_on)

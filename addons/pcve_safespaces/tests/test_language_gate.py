from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.pcve_base.tests.language_common import (
    CLEAN,
    FLAGGED,
    RULE,
    WIZARD,
    LanguageGateCase,
)

from .common import SafespacesRpcCommon

CONCERN = "pcve.concern"
CRISIS = "pcve.crisis"
REASON = "Quoting the words of the residents' own letter."


@tagged("post_install", "-at_install")
class TestLanguageGate(LanguageGateCase, SafespacesRpcCommon):
    """The language check before a "you said, we did" reply and a crisis's
    joint message go out: a flagged text goes out only through "send anyway"
    with a reason, recorded by the system and logged, over the ORM and
    XML-RPC alike."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.raiser = cls.env["res.partner"].create(
            {"name": "Resident Anouk", "email": "anouk@example.org", "lang": "en_US"}
        )

    def _assert_reply_refused(self, concern, body, rule=RULE, pattern=None):
        """A composer reply of ``body`` on ``concern`` is refused for
        ``rule``, through the ORM and over XML-RPC."""
        reply = {"pcve_concern_reply": True}
        pattern = pattern or f"Language rules: .*\n.*{rule}"
        with self.assertRaisesRule(UserError, pattern):
            concern.with_user(self.user).with_context(**reply).message_post(body=body)
        with self.assertRpcRefused(rule):
            self.rpc(
                self.user,
                CONCERN,
                "message_post",
                concern.ids,
                body=body,
                context=reply,
            )

    def _concern(self, response):
        concern = (
            self.env[CONCERN]
            .with_user(self.user)
            .create(
                {
                    "name": "Nobody listens to the youth of Kanaalwijk",
                    "raised_by_partner_id": self.raiser.id,
                    "response": response,
                }
            )
        )
        concern.action_respond()
        return concern

    def _crisis(self, message):
        return (
            self.env[CRISIS]
            .with_user(self.organiser)
            .create({"name": "Graffiti on the mosque", "joint_message": message})
        )

    def _joint_messages(self, crisis):
        return crisis.message_ids.filtered(lambda m: "drawn into" in m.body)

    # ------------------------------------------------------------ concerns
    def test_concern_clean_reply_goes_out(self):
        concern = self._concern(CLEAN)
        self.assertFalse(concern.language_warning)
        action = concern.with_user(self.user).action_send_reply()
        self.assertEqual(action["res_model"], "mail.compose.message")
        action = self.rpc(self.user, CONCERN, "action_send_reply", concern.ids)
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertFalse(concern.language_confirmed_on)

    def test_concern_flagged_reply_refused(self):
        concern = self._concern(FLAGGED)
        self.assertIn(RULE, concern.language_warning)
        with self.assertRaisesRule(UserError, f"Language rules: .*\n.*{RULE}"):
            concern.with_user(self.user).action_send_reply()
        for context in ({}, {"pcve_concern_reply": True, "force_send": True}):
            with self.assertRpcRefused(RULE):
                self.rpc(
                    self.user,
                    CONCERN,
                    "action_send_reply",
                    concern.ids,
                    context=context,
                )
        # "send anyway" without a reason
        for reason in ("", "   "):
            with self.assertRaisesRule(UserError, "needs a reason"):
                self._wizard(self.user, concern, reason).action_send_anyway()
        wizard = self.rpc(
            self.user, WIZARD, "create", {"res_model": CONCERN, "res_id": concern.id}
        )
        with self.assertRpcRefused("needs a reason"):
            self.rpc(self.user, WIZARD, "action_send_anyway", [wizard])
        self.assertFalse(concern.language_confirmed_on)
        self.assertFalse(concern.reported_back)

    def test_concern_reply_sent_anyway_with_reason(self):
        concern = self._concern(FLAGGED)
        wizard = self.rpc(
            self.user,
            WIZARD,
            "create",
            {"res_model": CONCERN, "res_id": concern.id, "reason": REASON},
        )
        self.assertIn(RULE, self.env[WIZARD].browse(wizard).warning)
        action = self.rpc(self.user, WIZARD, "action_send_anyway", [wizard])
        self.assertEqual(action["res_model"], "mail.compose.message")
        self._assert_confirmed(concern, self.user, REASON)

    def test_concern_reply_edited_in_the_composer_is_checked(self):
        """The composer's body may be edited after the check: the reply as
        sent passes the rules too, over the ORM and XML-RPC."""
        concern = self._concern(CLEAN)
        reply = {"pcve_concern_reply": True}
        self._assert_reply_refused(concern, FLAGGED)
        self.assertFalse(concern.reported_back)
        concern.with_user(self.user).with_context(**reply).message_post(body=CLEAN)
        self.assertTrue(concern.reported_back)
        # confirmed with "send anyway": the edited reply goes out as it is
        flagged = self._concern(FLAGGED)
        self._wizard(self.user, flagged, REASON).action_send_anyway()
        flagged.with_user(self.user).with_context(**reply).message_post(body=FLAGGED)
        self.assertTrue(flagged.reported_back)

    def test_concern_send_anyway_covers_one_reply(self):
        """ "Send anyway" covers the one reply it was confirmed for: a later
        reply is checked again, over the ORM and XML-RPC alike; the record
        of the confirmation stays."""
        reply = {"pcve_concern_reply": True}
        again = FLAGGED + "<p>As we said before.</p>"
        # confirmed and replied in the composer it opens
        concern = self._concern(FLAGGED)
        action = self._wizard(self.user, concern, REASON).action_send_anyway()
        self.assertTrue(concern.language_confirmed_digest)
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.user)
            .with_context(**action["context"])
        )
        Form(composer).save().action_send_mail()
        self.assertTrue(concern.reported_back)
        # the same composer once more, or another reply: checked again
        with self.assertRaisesRule(UserError, f"Language rules: .*\n.*{RULE}"):
            Form(composer).save().action_send_mail()
        mine = concern.with_user(self.user).with_context(**reply)
        with self.assertRaisesRule(UserError, f"Language rules: .*\n.*{RULE}"):
            mine.message_post(body=again, message_type="comment")
        self.assertFalse(concern.language_confirmed_digest)
        self.assertEqual(concern.language_confirmed_reason, REASON)
        with self.assertRpcRefused(RULE):
            self.rpc(
                self.user,
                CONCERN,
                "message_post",
                concern.ids,
                body=again,
                context=reply,
            )
        # confirmed and replied over XML-RPC
        other = self._concern(FLAGGED)
        wizard = self.rpc(
            self.user,
            WIZARD,
            "create",
            {"res_model": CONCERN, "res_id": other.id, "reason": REASON},
        )
        self.rpc(self.user, WIZARD, "action_send_anyway", [wizard])
        self.rpc(
            self.user,
            CONCERN,
            "message_post",
            other.ids,
            body=FLAGGED,
            message_type="comment",
            context=reply,
        )
        with self.assertRpcRefused(RULE):
            self.rpc(
                self.user,
                CONCERN,
                "message_post",
                other.ids,
                body=again,
                message_type="comment",
                context=reply,
            )
        with self.assertRaisesRule(UserError, f"Language rules: .*\n.*{RULE}"):
            other.with_user(self.user).with_context(**reply).message_post(body=again)
        self.env.invalidate_all()
        for record in (concern, other):
            sent = record.message_ids.filtered(
                lambda m: m.message_type == "comment" and "drawn into" in m.body
            )
            self.assertEqual(len(sent), 1)

    def test_concern_send_anyway_covers_the_text_confirmed(self):
        """A confirmation covers the concern's text as confirmed: once the
        response changed, the reply is checked again. Nobody sets the
        confirmation by hand (create, write, a client's default)."""
        concern = self._concern(FLAGGED)
        self._wizard(self.user, concern, REASON).action_send_anyway()
        confirmed = concern.language_confirmed_digest
        concern.with_user(self.user).response = FLAGGED + "<p>Edited later.</p>"
        self._assert_reply_refused(concern, FLAGGED)
        self.assertFalse(concern.reported_back)
        digest = concern._pcve_language_digest()
        forged = {"language_confirmed_digest": digest}
        with self.assertRaisesRule(AccessError, "recorded by the system"):
            concern.with_user(self.user).write(forged)
        with self.assertRpcRefused("recorded by the system"):
            self.rpc(self.user, CONCERN, "write", concern.ids, forged)
        values = {"name": "Forged", "response": FLAGGED}
        with self.assertRaisesRule(AccessError, "recorded by the system"):
            self.env[CONCERN].with_user(self.user).create(dict(values, **forged))
        for vals, context in (
            (dict(values, **forged), {}),
            (values, {"default_language_confirmed_digest": digest}),
        ):
            with self.assertRpcRefused("recorded by the system"):
                self.rpc(self.user, CONCERN, "create", vals, context=context)
        self.assertEqual(concern.language_confirmed_digest, confirmed)

    def test_concern_send_anyway_covers_the_wording_confirmed(self):
        """A confirmation covers what the confirmed text raised: a reply that
        breaks another rule is refused, through the ORM and XML-RPC."""
        self.env["pcve.language.rule"].create(
            {
                "name": "Neighbourhoods linked with crime",
                "lang": "en",
                "community_terms": "estate",
                "threat_terms": "gang",
                "suggestion": "Speak of the residents as partners.",
            }
        )
        reply = {"pcve_concern_reply": True}
        concern = self._concern(FLAGGED)
        self._wizard(self.user, concern, REASON).action_send_anyway()
        other = "<p>The estate is run by a gang.</p>"
        crime = "Neighbourhoods linked with crime"
        self._assert_reply_refused(concern, other, rule=crime, pattern=crime)
        self.assertTrue(concern.language_confirmed_digest)
        concern.with_user(self.user).with_context(**reply).message_post(body=FLAGGED)
        self.assertFalse(concern.language_confirmed_digest)

    def test_concern_reply_refused_to_who_may_not_send(self):
        concern = self._concern(FLAGGED)
        with self.assertRaises(AccessError):
            concern.with_user(self.outsider).action_send_reply()
        with self.assertRpcRefused():
            self.rpc(self.outsider, CONCERN, "action_send_reply", concern.ids)
        with self.assertRaises(AccessError):
            self._wizard(self.outsider, concern, REASON).action_send_anyway()
        with self.assertRpcRefused():
            self.rpc(
                self.outsider,
                WIZARD,
                "create",
                {"res_model": CONCERN, "res_id": concern.id, "reason": REASON},
            )
        self.assertFalse(concern.language_confirmed_on)

    # -------------------------------------------------------------- crises
    def test_crisis_clean_joint_message_goes_out(self):
        crisis = self._crisis(CLEAN)
        self.assertFalse(crisis.language_warning)
        self.assertIs(
            crisis.with_user(self.organiser).action_send_joint_message(), True
        )
        self.assertIs(
            self.rpc(self.organiser, CRISIS, "action_send_joint_message", crisis.ids),
            True,
        )
        sent = crisis.message_ids.filtered(lambda m: "all forms of extremism" in m.body)
        self.assertEqual(len(sent), 2)
        self.assertEqual(sent.mapped("message_type"), ["comment", "comment"])

    def test_crisis_flagged_joint_message_refused(self):
        crisis = self._crisis(FLAGGED)
        self.assertIn(RULE, crisis.language_warning)
        with self.assertRaisesRule(UserError, RULE):
            crisis.with_user(self.organiser).action_send_joint_message()
        with self.assertRpcRefused(RULE):
            self.rpc(self.organiser, CRISIS, "action_send_joint_message", crisis.ids)
        with self.assertRaisesRule(UserError, "needs a reason"):
            self._wizard(self.organiser, crisis, "").action_send_anyway()
        wizard = self.rpc(
            self.organiser,
            WIZARD,
            "create",
            {"res_model": CRISIS, "res_id": crisis.id, "reason": " "},
        )
        with self.assertRpcRefused("needs a reason"):
            self.rpc(self.organiser, WIZARD, "action_send_anyway", [wizard])
        self.assertFalse(self._joint_messages(crisis))
        self.assertFalse(crisis.language_confirmed_on)

    def test_crisis_joint_message_sent_anyway_with_reason(self):
        crisis = self._crisis(FLAGGED)
        wizard = self.rpc(
            self.organiser,
            WIZARD,
            "create",
            {"res_model": CRISIS, "res_id": crisis.id, "reason": REASON},
        )
        action = self.rpc(self.organiser, WIZARD, "action_send_anyway", [wizard])
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        self.assertEqual(len(self._joint_messages(crisis)), 1)
        self._assert_confirmed(crisis, self.organiser, REASON)
        # the manager sends it again, with his own reason: recorded as his
        crisis.with_user(self.manager).joint_message = FLAGGED + "<p>Again.</p>"
        self._wizard(
            self.manager, crisis, "Agreed by all partners."
        ).action_send_anyway()
        self.assertEqual(crisis.language_confirmed_by_id, self.manager)
        self.assertEqual(len(self._joint_messages(crisis)), 2)

    def test_crisis_joint_message_refused_to_who_may_not_send(self):
        crisis = self._crisis(FLAGGED)
        for user in (self.user, self.outsider):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    crisis.with_user(user).action_send_joint_message()
                with self.assertRpcRefused():
                    self.rpc(user, CRISIS, "action_send_joint_message", crisis.ids)
                with self.assertRaises(AccessError):
                    self._wizard(user, crisis, REASON).action_send_anyway()
        # a clean message is refused to them too
        crisis.joint_message = CLEAN
        with self.assertRpcRefused():
            self.rpc(self.user, CRISIS, "action_send_joint_message", crisis.ids)
        self.assertFalse(crisis.language_confirmed_on)
        self.assertFalse(
            crisis.message_ids.filtered(lambda m: m.message_type == "comment")
        )

    def test_wizard_only_for_checked_texts(self):
        """The dialog sends the texts of the language check, nothing else."""
        for model, res_id in (("res.partner", self.raiser.id), ("pcve.venue", 1)):
            wizard = self.rpc(
                self.organiser,
                WIZARD,
                "create",
                {"res_model": model, "res_id": res_id, "reason": REASON},
            )
            with self.assertRpcRefused("Send anyway works on the texts"):
                self.rpc(self.organiser, WIZARD, "action_send_anyway", [wizard])
        session = self._create_session(self.organiser)
        wizard = self._wizard(self.organiser, session, REASON)
        with self.assertRaisesRule(UserError, "no text is sent from this dialog"):
            wizard.action_send_anyway()

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SafespacesCommon


@tagged("post_install", "-at_install")
class TestSafespaceInvitation(SafespacesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre.capacity = 0
        cls.session = cls.env["pcve.safespace.session"].create(
            cls._session_values(
                organiser_id=cls.organiser.id,
                invitation_note="We start with parking around the school.",
            )
        )
        cls.invitations = cls.env["pcve.safespace.invitation"].create(
            [
                {"session_id": cls.session.id, "partner_id": partner.id}
                for partner in cls.invitees[:3]
            ]
        )
        cls.invitations[2].state = "declined"

    def _mails(self):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "pcve.safespace.invitation"),
                ("res_id", "in", self.invitations.ids),
            ]
        )

    def test_send_lists_who_else_is_invited(self):
        self.session.with_user(self.organiser).action_send_invitations()
        mails = self._mails()
        self.assertEqual(len(mails), 2, "declined invitees are not mailed again")
        first = mails.filtered(lambda m: m.res_id == self.invitations[0].id)
        self.assertEqual(first.recipient_ids, self.invitees[0])
        self.assertIn("Invitee 1", first.body_html)
        self.assertNotIn("Invitee 0</li>", first.body_html)
        self.assertIn("not coming", first.body_html)
        self.assertIn("Invitee 2", first.body_html)
        self.assertIn("parking around the school", first.body_html)
        ics = first.attachment_ids
        self.assertEqual(ics.mimetype, "text/calendar")
        content = base64.b64decode(ics.datas).decode()
        self.assertIn("DTSTART:20300305T180000Z", content)
        self.assertIn("SUMMARY:Dialogue circle Kanaalwijk", content)
        self.assertIn("Buurthuis De Brug", content)
        self.assertTrue(all(self.invitations[:2].mapped("sent_on")))
        self.assertFalse(self.invitations[2].sent_on)
        self.assertIn("Invitations sent to", self.session.message_ids[0].body)

    def test_nothing_to_send(self):
        empty = self._create_session(user=self.organiser)
        with self.assertRaisesRule(UserError, "Nobody is invited"):
            empty.action_send_invitations()
        self.invitees[1].email = False
        with self.assertRaisesRule(UserError, "No email address for: Invitee 1"):
            self.session.with_user(self.organiser).action_send_invitations()
        self.assertFalse(self._mails())

    def test_not_after_the_session(self):
        self.session.action_confirm()
        self.session.action_mark_held()
        with self.assertRaisesRule(UserError, "before the session"):
            self.session.with_user(self.organiser).action_send_invitations()
        self.assertFalse(self._mails())

    def test_only_the_organiser_sends(self):
        with self.assertRaises(AccessError):
            self.session.with_user(self.other_organiser).action_send_invitations()
        with self.assertRaises(AccessError):
            self.session.with_user(self.user).action_send_invitations()
        self.assertFalse(self._mails())

    def test_language_warning_before_sending(self):
        session = self.session.with_user(self.organiser)
        session.invitation_note = "We talk about Muslim radicalisation in the area."
        self.assertIn("muslim", session.language_warning)
        action = session.action_send_invitations()
        self.assertEqual(action["res_model"], "pcve.safespace.send.wizard")
        self.assertFalse(self._mails(), "nothing is sent before the warning is seen")
        wizards = (
            self.env["pcve.safespace.send.wizard"]
            .with_user(self.organiser)
            .with_context(**action["context"])
        )
        wizard = wizards.create({"reason": "  "})
        self.assertIn("Dialogue circle Kanaalwijk", wizard.warning)
        with self.assertRaisesRule(UserError, "needs a reason"):
            wizard.action_send()
        self.assertFalse(self._mails())
        with self.assertRaisesRule(UserError, "Language rules: the text"):
            session._send_invitations(short_notice_confirmed=True)
        form = Form(wizards)
        form.reason = "Quoting the question of the neighbourhood council."
        form.save().action_send()
        self.assertEqual(len(self._mails()), 2, "sent anyway, with a reason")
        self.assertEqual(
            session.language_confirmed_reason,
            "Quoting the question of the neighbourhood council.",
        )
        self.assertEqual(session.language_confirmed_by_id, self.organiser)
        self.assertTrue(
            session.message_ids.filtered(
                lambda m: (
                    "Sent despite the language warning" in m.body
                    and "neighbourhood council" in m.body
                )
            )
        )

    def test_inclusive_wording_sends_directly(self):
        session = self.session.with_user(self.organiser)
        session.invitation_note = "Together against all forms of extremism."
        self.assertFalse(session.language_warning)
        self.assertIs(session.action_send_invitations(), True)
        self.assertEqual(len(self._mails()), 2)

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SafespacesCommon


@tagged("post_install", "-at_install")
class TestSafespaceAdvanceNotice(SafespacesCommon):
    """Settings: invitations go out at least N days (default 14) before a
    session; later needs the organiser's confirmation; crisis response excepted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre.capacity = 0
        now = fields.Datetime.now().replace(microsecond=0)
        cls.soon = cls._invited_session("Neighbourhood table soon", now, 10)
        cls.later = cls._invited_session("Neighbourhood table later", now, 20)

    @classmethod
    def _invited_session(cls, name, now, days, **values):
        start = now + timedelta(days=days)
        session = cls.env["pcve.safespace.session"].create(
            cls._session_values(
                name=name,
                start=start,
                stop=start + timedelta(hours=2),
                organiser_id=cls.organiser.id,
                **values,
            )
        )
        cls.env["pcve.safespace.invitation"].create(
            [
                {"session_id": session.id, "partner_id": partner.id}
                for partner in cls.invitees[:2]
            ]
        )
        return session

    def _mails(self, session):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "pcve.safespace.invitation"),
                ("res_id", "in", session.sudo().invitation_ids.ids),
            ]
        )

    def _set_notice(self, days):
        self.env["res.config.settings"].create(
            {"pcve_invitation_notice_days": days}
        ).execute()

    def _wizard(self, action, reason=None):
        self.assertEqual(action["res_model"], "pcve.safespace.send.wizard")
        form = Form(
            self.env["pcve.safespace.send.wizard"]
            .with_user(self.organiser)
            .with_context(**action["context"])
        )
        if reason:
            form.reason = reason
        return form.save()

    def test_default_is_fourteen_days(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.pcve_invitation_notice_days, 14)
        self.assertTrue(self.soon.is_short_notice)
        self.assertFalse(self.later.is_short_notice)
        self.assertIs(
            self.later.with_user(self.organiser).action_send_invitations(), True
        )
        self.assertEqual(len(self._mails(self.later)), 2)

    def test_short_notice_needs_the_organisers_confirmation(self):
        session = self.soon.with_user(self.organiser)
        action = session.action_send_invitations()
        self.assertFalse(self._mails(self.soon), "nothing goes out before the step")
        # A client-sent context key does not skip the step.
        action = session.with_context(
            pcve_language_checked=True, pcve_notice_confirmed=True
        ).action_send_invitations()
        self.assertFalse(self._mails(self.soon))
        wizard = self._wizard(action)
        self.assertEqual(wizard.short_notice_ids, self.soon)
        self.assertEqual(wizard.notice_days, 14)
        self.assertFalse(wizard.warning)
        self.assertNotIn("confirm_short_notice", wizard._fields)

    def test_send_anyway_sends_and_records_the_confirmation(self):
        """The button is the confirmation: no checkbox to tick first."""
        wizard = self._wizard(
            self.soon.with_user(self.organiser).action_send_invitations()
        )
        self.assertEqual(wizard.action_send(), {"type": "ir.actions.act_window_close"})
        self.assertEqual(len(self._mails(self.soon)), 2)
        log = self.soon.message_ids[0].body
        self.assertIn("Invitations sent to Invitee 0, Invitee 1.", log)
        self.assertIn("Sent at short notice (less than 14 days", log)
        self.assertIn("confirmed by ss_organiser", log)
        self.assertEqual(self.soon.message_ids[0].author_id, self.organiser.partner_id)
        self.assertTrue(all(self.soon.sudo().invitation_ids.mapped("sent_on")))

    def test_changing_the_setting_changes_what_is_short_notice(self):
        self._set_notice(7)
        self.assertFalse(self.soon.is_short_notice)
        self.assertIs(
            self.soon.with_user(self.organiser).action_send_invitations(), True
        )
        self.assertNotIn("short notice", self.soon.message_ids[0].body)
        self._set_notice(30)
        later = self.later.with_user(self.organiser)
        self.assertTrue(later.is_short_notice)
        action = later.action_send_invitations()
        self.assertEqual(self._wizard(action).notice_days, 30)
        self.assertFalse(self._mails(self.later))

    def test_crisis_response_is_exempt(self):
        crisis = (
            self.env["pcve.crisis"]
            .with_user(self.organiser)
            .create(
                {
                    "name": "Arson at the community centre",
                    "incident_date": datetime.now(),
                }
            )
        )
        self.soon.crisis_id = crisis
        self.assertFalse(self.soon.is_short_notice)
        self.assertIs(
            self.soon.with_user(self.organiser).action_send_invitations(), True
        )
        self.assertEqual(len(self._mails(self.soon)), 2)

    def test_wording_and_short_notice_in_one_step(self):
        self.soon.invitation_note = "We talk about Muslim radicalisation in the area."
        action = self.soon.with_user(self.organiser).action_send_invitations()
        wizard = self._wizard(action, reason="The council's own words, quoted.")
        self.assertIn("muslim", wizard.warning)
        self.assertEqual(wizard.short_notice_ids, self.soon)
        wizard.action_send()
        self.assertEqual(self.soon.language_confirmed_by_id, self.organiser)
        self.assertEqual(len(self._mails(self.soon)), 2)

    def test_blocking_errors_come_before_the_step(self):
        self.invitees[1].email = False
        with self.assertRaisesRule(UserError, "No email address for: Invitee 1"):
            self.soon.with_user(self.organiser).action_send_invitations()

    def test_setting_is_validated(self):
        for days in (0, -1, 366):
            with self.subTest(days=days):
                with self.assertRaises(ValidationError) as cm:
                    self.env["res.config.settings"].create(
                        {"pcve_invitation_notice_days": days}
                    )
                self.assertIn("between 1 and 365 days", str(cm.exception))
        self.assertEqual(self.soon._invitation_notice_days(), 14)

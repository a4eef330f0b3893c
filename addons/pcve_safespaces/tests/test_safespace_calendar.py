"""Sessions in calendars (issue #18): each confirmed or held session has its
calendar entry, in sync with the session, busy-only for everyone but the
organiser when confidential, and not editable from the calendar."""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import SafespacesRpcCommon

EVENT = "calendar.event"
SESSION = "pcve.safespace.session"
CALENDAR_RULE = "Session rule: this calendar entry follows a safe-space session"


@tagged("post_install", "-at_install")
class TestSafespaceCalendar(SafespacesRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.moderator_user = new_test_user(cls.env, login="ss_moderator_user")
        cls.colleague = new_test_user(cls.env, login="ss_colleague")
        cls.declining = new_test_user(cls.env, login="ss_declining")
        cls.stranger = new_test_user(cls.env, login="ss_stranger")

    def _confirmed(self, **values):
        session = self._create_session(
            self.organiser,
            moderator_partner_id=self.moderator_user.partner_id.id,
            **values,
        )
        Invitation = self.env["pcve.safespace.invitation"].with_user(self.organiser)
        for partner, state in (
            (self.colleague.partner_id, "accepted"),
            (self.declining.partner_id, "declined"),
            (self.invitees[0], "invited"),
        ):
            Invitation.create(
                {"session_id": session.id, "partner_id": partner.id, "state": state}
            )
        session.with_user(self.organiser).action_confirm()
        return session

    def test_confirmed_session_has_its_entry(self):
        draft = self._create_session(self.organiser)
        self.assertFalse(draft.calendar_event_id)
        session = self._confirmed()
        event = session.calendar_event_id
        self.assertEqual(event.pcve_session_id, session)
        self.assertEqual((event.start, event.stop), (session.start, session.stop))
        self.assertEqual(event.name, session.name)
        self.assertEqual(event.location, "Buurthuis De Brug")
        self.assertEqual(event.user_id, self.organiser)
        self.assertEqual(
            event.partner_ids,
            self.organiser.partner_id
            | self.moderator_user.partner_id
            | self.colleague.partner_id,
        )
        self.assertEqual((event.privacy, event.show_as), ("private", "busy"))
        # the calendar's own defaults give the reminders: none set here
        self.assertFalse(event.alarm_ids)

    def test_entry_follows_the_session(self):
        session = self._confirmed()
        event = session.calendar_event_id
        later = session.start + timedelta(days=1)
        session.with_user(self.organiser).write(
            {"start": later, "stop": later + timedelta(hours=2)}
        )
        self.assertEqual(event.start, later)
        # a colleague declines: he leaves the entry
        session.sudo().invitation_ids.filtered(
            lambda i: i.partner_id == self.colleague.partner_id
        ).with_user(self.organiser).action_decline()
        self.assertNotIn(self.colleague.partner_id, event.partner_ids)
        session.with_user(self.organiser).action_cancel()
        self.assertFalse(event.exists())
        self.assertFalse(session.calendar_event_id)
        session.with_user(self.organiser).action_draft()
        session.with_user(self.organiser).action_confirm()
        event = session.calendar_event_id
        self.assertTrue(event)
        session.with_user(self.organiser).action_mark_held()
        self.assertTrue(event.exists())
        other = self._confirmed()
        other_event = other.calendar_event_id
        other.with_user(self.organiser).unlink()
        self.assertFalse(other_event.exists())

    def test_confidential_entry_busy_only(self):
        session = self._confirmed()
        event = session.calendar_event_id
        self.env.invalidate_all()
        mine = event.with_user(self.organiser)
        self.assertEqual(mine.name, session.name)
        for user in (self.colleague, self.moderator_user, self.stranger):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                theirs = self.env[EVENT].with_user(user).browse(event.id)
                self.assertEqual(theirs.name, "Busy")
                self.assertFalse(theirs.location)
                [row] = self.rpc(user, EVENT, "read", [event.id], ["name", "location"])
                self.assertEqual((row["name"], row["location"]), ("Busy", False))
        [row] = self.rpc(self.organiser, EVENT, "read", [event.id], ["name"])
        self.assertEqual(row["name"], session.name)
        # a session that is not confidential: its attendees see it, others
        # (of any municipality) see a busy slot
        open_session = self._confirmed(confidential=False)
        [row] = self.rpc(
            self.colleague,
            EVENT,
            "read",
            [open_session.calendar_event_id.id],
            ["name", "location"],
        )
        self.assertEqual(row["name"], open_session.name)
        [row] = self.rpc(
            self.stranger,
            EVENT,
            "read",
            [open_session.calendar_event_id.id],
            ["name", "location"],
        )
        self.assertEqual((row["name"], row["location"]), ("Busy", False))

    def test_entry_not_edited_from_the_calendar(self):
        session = self._confirmed(confidential=False)
        event = session.calendar_event_id
        later = session.start + timedelta(days=2)
        for user in (self.organiser, self.manager, self.colleague):
            with self.subTest(user=user.login):
                with self.assertRaisesRule(UserError, CALENDAR_RULE):
                    event.with_user(user).write({"start": later, "stop": later})
                with self.assertRpcRefused(CALENDAR_RULE):
                    self.rpc(user, EVENT, "write", [event.id], {"name": "Moved"})
        with self.assertRaisesRule(UserError, CALENDAR_RULE):
            event.with_user(self.organiser).unlink()
        with self.assertRpcRefused(CALENDAR_RULE):
            self.rpc(self.organiser, EVENT, "unlink", [event.id])
        with self.assertRpcRefused(CALENDAR_RULE):
            self.rpc(
                self.organiser,
                EVENT,
                "create",
                {
                    "name": "Fake",
                    "start": "2030-01-01 10:00:00",
                    "stop": "2030-01-01 11:00:00",
                    "pcve_session_id": session.id,
                },
            )
        self.assertEqual(event.start, session.start)
        with self.assertRpcRefused("recorded by the system"):
            self.rpc(
                self.organiser,
                SESSION,
                "write",
                [session.id],
                {"calendar_event_id": False},
            )

    def test_sync_query_count(self):
        def drafts(count):
            return self.env[SESSION].create(
                [self._session_values(name=f"Session {i}") for i in range(count)]
            )

        counts = []
        for size in (1, 2, 6):  # the first warms the caches
            sessions = drafts(size)
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE pcve_safespace_session SET state = 'confirmed' WHERE id IN %s",
                [tuple(sessions.ids)],
            )
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            sessions._sync_calendar_events()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(len(sessions.calendar_event_id), size)
        self.assertEqual(counts[1], counts[2], counts)

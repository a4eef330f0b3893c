from datetime import timedelta

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SafespacesCommon


@tagged("post_install", "-at_install")
class TestSafespaceSession(SafespacesCommon):
    def test_venue_neutrality(self):
        self.assertTrue(self.centre.is_neutral)
        self.assertFalse(self.police.is_neutral)
        for venue_type in ("security_office", "social_services_office"):
            self.police.venue_type = venue_type
            self.assertFalse(self.police.is_neutral)
        self.police.venue_type = "library"
        self.assertTrue(self.police.is_neutral)

    def test_seeded_everyday_topics(self):
        names = self.env["pcve.safespace.topic"].search([]).mapped("name")
        for name in ("Parking", "Housing", "Running water", "Extremism (all forms)"):
            self.assertIn(name, names)

    def test_stop_after_start(self):
        with self.assertRaisesRule(ValidationError, "must end after it starts"):
            self._create_session(stop=self.start - timedelta(hours=1))
        session = self._create_session()
        with self.assertRaisesRule(ValidationError, "must end after it starts"):
            session.stop = session.start
        # without a stop, a session lasts two hours
        values = self._session_values()
        del values["stop"]
        session = self.env["pcve.safespace.session"].create(values)
        self.assertEqual(session.stop, self.start + timedelta(hours=2))

    def test_attendance_figures(self):
        session = self._create_session()
        with self.assertRaisesRule(ValidationError, "cannot be negative"):
            session.write({"attendance_count": -1})
        with self.assertRaisesRule(ValidationError, "women and youth"):
            session.write({"attendance_count": 5, "attendance_women": 6})
        with self.assertRaisesRule(ValidationError, "women and youth"):
            session.write({"attendance_count": 5, "attendance_youth": 6})
        session.write(
            {"attendance_count": 5, "attendance_women": 3, "attendance_youth": 5}
        )
        self.assertEqual(session.attendance_women, 3)

    def test_invitations_respect_capacity(self):
        session = self._create_session()
        Invitation = self.env["pcve.safespace.invitation"]
        Invitation.create(
            [
                {"session_id": session.id, "partner_id": partner.id}
                for partner in self.invitees[:3]
            ]
        )
        with self.assertRaisesRule(ValidationError, "Capacity rule"):
            Invitation.create(
                {"session_id": session.id, "partner_id": self.invitees[3].id}
            )
        # a declined invitation frees a place
        session.invitation_ids[0].action_decline()
        Invitation.create({"session_id": session.id, "partner_id": self.invitees[3].id})
        with self.assertRaisesRule(ValidationError, "Capacity rule"):
            session.invitation_ids[0].state = "accepted"
        # moving to a smaller venue is refused too
        small = self.env["pcve.venue"].create({"name": "Café Hoek", "capacity": 2})
        with self.assertRaisesRule(ValidationError, "Capacity rule"):
            session.venue_id = small

    def test_confirm_confidential_rules(self):
        session = self._create_session(user=self.organiser, venue_id=self.police.id)
        self.assertTrue(session.confidential)
        with self.assertRaisesRule(ValidationError, "Neutral venue rule"):
            session.action_confirm()
        self.assertEqual(session.state, "draft")
        session.venue_override_reason = "Only room available after the flood"
        session.action_confirm()
        self.assertEqual(session.state, "confirmed")
        # a confirmed session keeps to the rules
        with self.assertRaisesRule(ValidationError, "Neutral venue rule"):
            session.venue_override_reason = False

        no_moderator = self._create_session(
            user=self.organiser, moderator_partner_id=False
        )
        with self.assertRaisesRule(ValidationError, "Moderator rule"):
            no_moderator.action_confirm()
        self.assertEqual(no_moderator.state, "draft")

        open_media = self._create_session(user=self.organiser, media_policy="open")
        with self.assertRaisesRule(ValidationError, "Media rule"):
            open_media.action_confirm()
        self.assertEqual(open_media.state, "draft")

    def test_confirm_batch_is_all_or_nothing(self):
        good = self._create_session(user=self.organiser)
        bad = self._create_session(user=self.organiser, media_policy="open")
        with self.assertRaisesRule(ValidationError, "Media rule"):
            (good | bad).action_confirm()
        self.assertEqual((good | bad).mapped("state"), ["draft", "draft"])

    def test_non_confidential_session_may_be_open(self):
        session = self._create_session(
            user=self.organiser,
            confidential=False,
            media_policy="open",
            moderator_partner_id=False,
            venue_id=self.police.id,
        )
        session.action_confirm()
        self.assertEqual(session.state, "confirmed")

    def test_state_flow(self):
        session = self._create_session(user=self.organiser)
        with self.assertRaisesRule(UserError, "Only confirmed sessions"):
            session.action_mark_held()
        session.action_confirm()
        with self.assertRaisesRule(UserError, "Only draft sessions"):
            session.action_confirm()
        session.action_mark_held()
        self.assertEqual(session.state, "held")
        with self.assertRaisesRule(UserError, "held cannot be cancelled"):
            session.action_cancel()

    def test_majority_community_flag(self):
        session = self._create_session()
        self.assertFalse(session.includes_majority)
        session.community_ids |= self.majority
        self.assertTrue(session.includes_majority)

    def test_user_cannot_create_sessions(self):
        with self.assertRaises(AccessError):
            self._create_session(user=self.user, confidential=False)

    # ------------------------------------------------------------ finished
    def test_held_session_keeps_its_content(self):
        """After the session only what happened is recorded: attendance (also
        named, through the invitations), the ground rules and the agreements
        in the description."""
        session = self._create_session(user=self.organiser)
        session.action_confirm()
        session.action_mark_held()
        for user in (self.organiser, self.manager):
            with self.subTest(user=user.login):
                held = session.with_user(user)
                for values in (
                    {"name": "Rewritten"},
                    {"start": self.start - timedelta(days=1)},
                    {"venue_id": self.police.id},
                    {"confidential": False},
                    {"community_ids": [(4, self.majority.id)]},
                    {"invitation_note": "Too late"},
                ):
                    with self.assertRaisesRule(UserError, "Session rule: .* was held"):
                        held.write(values)
                held.write(
                    {
                        "attendance_count": 9,
                        "attendance_women": 4,
                        "attendance_youth": 2,
                        "rule_group_delineated": True,
                        "description": "<p>Agreed: a second meeting.</p>",
                        "invitation_ids": [
                            (
                                0,
                                0,
                                {
                                    "partner_id": self.invitees[0].id,
                                    "state": "attended",
                                },
                            )
                        ]
                        if user == self.organiser
                        else [],
                        # unchanged values sent along are no change
                        "name": session.name,
                        "venue_id": self.centre.id,
                    }
                )
        self.assertEqual(session.name, "Dialogue circle Kanaalwijk")
        self.assertEqual(session.attendance_count, 9)
        self.assertEqual(session.invitation_ids.state, "attended")
        with self.assertRaises(AccessError):
            session.with_user(self.user).write({"attendance_count": 3})

    def test_cancelled_session_changes_only_back_to_draft(self):
        session = self._create_session(user=self.organiser)
        session.action_cancel()
        for values in ({"name": "Other"}, {"attendance_count": 3}):
            with self.assertRaisesRule(UserError, "is cancelled; reset it to draft"):
                session.write(values)
        self.assertIs(session.action_draft(), True)
        session.write({"name": "Rescheduled circle"})
        self.assertEqual(session.name, "Rescheduled circle")

    def test_form_keeps_finished_sessions_readonly(self):
        arch = etree.fromstring(
            self.env["pcve.safespace.session"].get_views([(False, "form")])["views"][
                "form"
            ]["arch"]
        )
        readonly = {
            node.get("name"): node.get("readonly")
            for node in arch.iterfind(".//sheet//field")
        }
        for name in ("name", "start", "stop", "venue_id", "confidential"):
            self.assertEqual(readonly[name], "state in ('held', 'cancelled')", name)
        for name in ("attendance_count", "description", "invitation_ids"):
            self.assertEqual(readonly[name], "state == 'cancelled'", name)

    def test_cancelled_sessions_are_struck_out_and_hidden_by_default(self):
        session = self._create_session()
        self.assertFalse(session.is_striked)
        session.action_cancel()
        self.assertTrue(session.is_striked)
        Session = self.env["pcve.safespace.session"].with_user(self.user)
        calendar = etree.fromstring(
            Session.get_views([(False, "calendar")])["views"]["calendar"]["arch"]
        )
        self.assertIn("is_striked", [f.get("name") for f in calendar.iter("field")])
        action = self.env.ref("pcve_safespaces.pcve_safespace_session_action")
        self.assertIn("'search_default_not_cancelled': 1", action.context)

    def test_a_session_starts_as_a_draft(self):
        """Created held, a session would skip the safe-space rules and count as
        held in the evaluation."""
        for user in (self.organiser, self.manager):
            for state in ("confirmed", "held", "cancelled"):
                with (
                    self.subTest(user=user.login, state=state),
                    self.assertRaisesRule(UserError, "starts as a draft"),
                ):
                    self._create_session(user=user, state=state)
        session = self._create_session(user=self.organiser, state="draft")
        self.assertEqual(session.state, "draft")
        with self.assertRaises(AccessError):
            self._create_session(user=self.user, confidential=False)

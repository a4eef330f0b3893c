import itertools
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

# The whole tour's time limit (Odoo's default is 60 s): on a loaded machine a tour
# takes minutes; each step still fails on its own when what it waits for never comes.
TOUR_TIMEOUT = 900


@tagged("post_install", "-at_install")
class TestSafespacesTour(HttpCase):
    def test_organiser_plans_a_series_records_attendance_and_a_concern(self):
        organiser = new_test_user(
            self.env,
            login="pcve_ss_tour",
            name="Tour Organiser Ilias",
            groups="pcve_safespaces.group_safespace_organiser",
            tz="Europe/Brussels",
        )
        venue = self.env["pcve.venue"].create(
            {"name": "Tourvenue community centre", "venue_type": "community_centre"}
        )
        moderator = self.env["res.partner"].create({"name": "Tourmoderator Ilse"})
        action = self.env.ref("pcve_safespaces.pcve_safespace_series_action")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "pcve_safespaces_organiser_tour",
            login="pcve_ss_tour",
            timeout=TOUR_TIMEOUT,
        )

        series = self.env["pcve.safespace.series"].search(
            [("name", "=", "Tour dialogue table")]
        )
        self.assertEqual(len(series), 1)
        self.assertEqual(series.organiser_id, organiser)
        self.assertEqual(
            (series.rrule_type, series.interval, series.end_type, series.count),
            ("weekly", 2, "count", 4),
        )
        sessions = series.session_ids.sorted("start")
        self.assertEqual(len(sessions), 4)
        self.assertEqual(
            [
                later.start - earlier.start
                for earlier, later in itertools.pairwise(sessions)
            ],
            [timedelta(weeks=2)] * 3,
        )
        self.assertLess(sessions[0].start, fields.Datetime.now())
        for session in sessions:
            self.assertEqual(session.organiser_id, organiser)
            self.assertEqual(session.venue_id, venue)
            self.assertEqual(session.moderator_partner_id, moderator)
            self.assertTrue(session.confidential)
        first = sessions[0]
        self.assertEqual(first.state, "held")
        self.assertEqual(
            (first.attendance_count, first.attendance_women, first.attendance_youth),
            (12, 5, 3),
        )
        self.assertEqual(set(sessions[1:].mapped("state")), {"draft"})
        self.assertFalse(any(sessions[1:].mapped("attendance_count")))

        concern = self.env["pcve.concern"].search(
            [("name", "=", "No safe crossing near the primary school")]
        )
        self.assertEqual(len(concern), 1)
        self.assertEqual(concern.session_id, first)
        self.assertEqual(concern.topic, "traffic_safety")
        self.assertEqual(concern.responsible_user_id, organiser)
        self.assertEqual(concern.state, "new")
        self.assertEqual(concern.raised_on, fields.Date.context_today(concern))

    def test_safespace_user_answers_a_concern_you_said_we_did(self):
        user = new_test_user(
            self.env,
            login="pcve_ss_reply",
            name="Tour Safespace Sam",
            groups="pcve_safespaces.group_safespace_user",
            tz="Europe/Brussels",
        )
        association = self.env["res.partner"].create(
            {
                "name": "Buurtvereniging De Kade",
                "email": "bestuur@dekade.example.org",
                "lang": "en_US",
            }
        )
        concern = self.env["pcve.concern"].create(
            {
                "name": "Broken street light on the Kade",
                "topic": "public_space",
                "raised_by_partner_id": association.id,
                "responsible_user_id": user.id,
                "description": "<p>It is dark on the way home from the mosque.</p>",
            }
        )
        action = self.env.ref("pcve_safespaces.pcve_concern_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{concern.id}",
            "pcve_safespaces_concern_reply_tour",
            login="pcve_ss_reply",
            timeout=TOUR_TIMEOUT,
        )
        self.assertEqual(concern.state, "responded")
        self.assertIn("The street light was repaired on Monday.", concern.response)
        self.assertEqual(concern.responded_by_id, user)
        self.assertTrue(concern.reported_back)
        reply = concern.message_ids.filtered(lambda m: association in m.partner_ids)
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.author_id, user.partner_id)
        self.assertIn("The street light was repaired on Monday.", reply.body)
        self.assertEqual(
            self.env["mail.mail"]
            .search([("mail_message_id", "=", reply.id)])
            .recipient_ids,
            association,
        )
        logged = concern.message_ids.filtered(
            lambda m: "Response recorded:" in (m.body or "")
        )
        self.assertEqual(len(logged), 1)
        self.assertEqual(logged.author_id, user.partner_id)

    def test_organiser_sends_invitations_at_short_notice(self):
        organiser = new_test_user(
            self.env,
            login="pcve_ss_notice",
            name="Tour Organiser Olga",
            groups="pcve_safespaces.group_safespace_organiser",
            tz="Europe/Brussels",
        )
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        moderator = self.env["res.partner"].create({"name": "Tourmoderator Ilse"})
        session = self.env["pcve.safespace.session"].create(
            {
                "name": "Tour kitchen table",
                "start": start,
                "stop": start + timedelta(hours=2),
                "organiser_id": organiser.id,
                "moderator_partner_id": moderator.id,
                "invitation_note": "We talk about the playground.",
            }
        )
        invitees = self.env["res.partner"].create(
            [
                {"name": "Tour invitee Anouk", "email": "anouk@example.org"},
                {"name": "Tour invitee Bram", "email": "bram@example.org"},
            ]
        )
        self.env["pcve.safespace.invitation"].create(
            [{"session_id": session.id, "partner_id": p.id} for p in invitees]
        )
        self.assertTrue(session.is_short_notice)
        action = self.env.ref("pcve_safespaces.pcve_safespace_session_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{session.id}",
            "pcve_safespaces_short_notice_tour",
            login="pcve_ss_notice",
            timeout=TOUR_TIMEOUT,
        )
        invitations = session.invitation_ids
        self.assertTrue(all(invitations.mapped("sent_on")))
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "pcve.safespace.invitation"),
                ("res_id", "in", invitations.ids),
            ]
        )
        self.assertEqual(mails.recipient_ids, invitees)
        log = session.message_ids.filtered(
            lambda m: "Sent at short notice" in (m.body or "")
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(log.author_id, organiser.partner_id)
        self.assertIn("confirmed by Tour Organiser Olga", log.body)

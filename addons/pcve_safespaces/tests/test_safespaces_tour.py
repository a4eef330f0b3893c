import itertools
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


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

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSafespacesTour(HttpCase):
    def test_organiser_plans_a_session_and_records_attendance(self):
        organiser = new_test_user(
            self.env,
            login="pcve_ss_tour",
            groups="pcve_safespaces.group_safespace_organiser",
            tz="Europe/Brussels",
        )
        self.env["pcve.venue"].create(
            {"name": "Tourvenue community centre", "venue_type": "community_centre"}
        )
        self.env["res.partner"].create({"name": "Tourmoderator Ilse"})
        action = self.env.ref("pcve_safespaces.pcve_safespace_session_action")
        self.start_tour(
            f"/odoo/action-{action.id}?view_type=list",
            "pcve_safespaces_organiser_tour",
            login="pcve_ss_tour",
        )
        session = self.env["pcve.safespace.session"].search(
            [("name", "=", "Tour dialogue table")]
        )
        self.assertEqual(session.organiser_id, organiser)
        self.assertTrue(session.confidential)
        self.assertEqual(session.state, "held")
        self.assertEqual(
            (
                session.attendance_count,
                session.attendance_women,
                session.attendance_youth,
            ),
            (12, 5, 3),
        )

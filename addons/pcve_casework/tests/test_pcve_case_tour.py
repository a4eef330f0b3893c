import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .test_pcve_case_access_log import case_reads

# The whole tour's time limit (Odoo's default is 60 s): on a loaded machine a tour
# takes minutes; each step still fails on its own when what it waits for never comes.
TOUR_TIMEOUT = 900


@tagged("post_install", "-at_install")
class TestCaseworkVolunteerTour(HttpCase):
    def test_volunteer_tour(self):
        volunteer = new_test_user(
            self.env,
            login="pcve_tour_vol",
            name="Tour Volunteer Yusuf",
            groups="pcve_casework.group_case_volunteer",
        )
        worker = new_test_user(
            self.env, login="pcve_tour_sw", groups="pcve_casework.group_case_worker"
        )
        initiative = self.env["res.partner"].create(
            {"name": "Moskee De Vrede: jongerenwerking", "is_company": True}
        )
        Case = self.env["pcve.case"]
        mine = Case.create(
            {
                "subject_pseudonym": "Tourcase-Mine",
                "lead_user_id": worker.id,
                "member_ids": [
                    (0, 0, {"user_id": worker.id, "role": "social_worker"}),
                    (
                        0,
                        0,
                        {
                            "user_id": volunteer.id,
                            "role": "faith_volunteer",
                            "acting_on_behalf_of_id": initiative.id,
                        },
                    ),
                ],
                "plan_item_ids": [
                    (
                        0,
                        0,
                        {
                            "description": "Accompany him to the boxing club",
                            "owner_user_id": volunteer.id,
                        },
                    ),
                ],
                "meeting_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Monthly case conference",
                            "attendee_user_ids": [(6, 0, (worker | volunteer).ids)],
                        },
                    ),
                ],
                "note_ids": [
                    (0, 0, {"body": "Team note visible"}),
                    (
                        0,
                        0,
                        {
                            "body": "Professionals only secret",
                            "visibility": "professionals",
                        },
                    ),
                ],
            }
        )
        Case.create(
            {
                "subject_pseudonym": "Tourcase-Other",
                "lead_user_id": worker.id,
                "member_ids": [(0, 0, {"user_id": worker.id, "role": "social_worker"})],
            }
        )
        self.start_tour(
            "/odoo",
            "pcve_casework_volunteer_tour",
            login="pcve_tour_vol",
            timeout=TOUR_TIMEOUT,
        )
        note = mine.note_ids.filtered(
            lambda n: n.body == "Brought him to the youth centre"
        )
        self.assertEqual(note.author_id, volunteer)
        self.assertEqual(note.visibility, "team")
        # the rest of the team reads it
        self.assertIn(note, mine.with_user(worker).note_ids)
        log = case_reads(self.env, mine, volunteer)
        # the kanban and its groups are not logged; the form opening is, in
        # the audit trail
        self.assertEqual(set(log.mapped("method")), {"open"})

    def test_close_and_reopen_tours(self):
        """A case worker closes a case in the web client, the case manager
        reopens it; each tour waits for the reloaded form before going on."""
        worker = new_test_user(
            self.env,
            login="pcve_tour_close_sw",
            groups="pcve_casework.group_case_worker",
        )
        manager = new_test_user(
            self.env,
            login="pcve_tour_close_mgr",
            groups="pcve_casework.group_case_manager",
        )
        case = self.env["pcve.case"].create(
            {
                "subject_pseudonym": "Tourcase-Close",
                "stage": "monitoring",
                "lead_user_id": worker.id,
                "member_ids": [(0, 0, {"user_id": worker.id, "role": "social_worker"})],
            }
        )
        # the day in the closing worker's own time zone
        today = fields.Date.context_today(case.with_user(worker))
        self.start_tour(
            "/odoo",
            "pcve_casework_close_tour",
            login="pcve_tour_close_sw",
            timeout=TOUR_TIMEOUT,
        )
        self.assertEqual(case.stage, "closed")
        self.assertEqual(case.closure_reason_code, "goals_met")
        self.assertEqual(case.closure_reason, "Stable for a year: school and a job.")
        self.assertEqual(case.closed_on, today)
        self.assertEqual(case.retention_until, today + relativedelta(years=5))
        # his membership ended with the case: only case managers see it now
        membership = case.with_context(active_test=False).member_ids
        self.assertFalse(membership.active)
        self.assertEqual(membership.date_end, today)
        self.assertFalse(self.env["pcve.case"].with_user(worker).search([]))
        # the closure is in the chatter, by the case worker
        tracking = case.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "stage"
        )
        self.assertEqual(tracking.mapped("new_value_char"), ["Closed"])
        self.assertEqual(tracking.mail_message_id.author_id, worker.partner_id)

        self.start_tour(
            f"/odoo/cases/{case.id}",
            "pcve_casework_reopen_tour",
            login="pcve_tour_close_mgr",
            timeout=TOUR_TIMEOUT,
        )
        self.assertEqual(case.stage, "assessment")
        self.assertFalse(case.closed_on)
        self.assertFalse(case.retention_until)
        self.assertFalse(case.closure_reason)
        self.assertFalse(case.closure_reason_code)
        # the social worker is back on the team
        self.assertEqual(self.env["pcve.case"].with_user(worker).search([]), case)
        reopened = case.message_ids.filtered(lambda m: "reopened by" in m.body)
        self.assertEqual(reopened.author_id, manager.partner_id)

    def test_web_content_follows_the_case(self):
        worker = new_test_user(
            self.env, login="pcve_web_sw", groups="pcve_casework.group_case_worker"
        )
        new_test_user(
            self.env, login="pcve_web_out", groups="pcve_casework.group_case_worker"
        )
        case = self.env["pcve.case"].create(
            {
                "subject_pseudonym": "Web-content",
                "lead_user_id": worker.id,
                "member_ids": [(0, 0, {"user_id": worker.id, "role": "social_worker"})],
            }
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "report.txt",
                "raw": b"secret",
                "res_model": "pcve.case",
                "res_id": case.id,
            }
        )
        url = f"/web/content/{attachment.id}?download=true"
        self.authenticate("pcve_web_out", "pcve_web_out")
        self.assertNotEqual(self.url_open(url).status_code, 200)
        self.authenticate("pcve_web_sw", "pcve_web_sw")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"secret")

    def test_referral_tour(self):
        """A case worker refers his case to a youth centre with the person's
        consent in the web client; the youth centre accepts through its link,
        as an anonymous visitor."""
        worker = new_test_user(
            self.env, login="pcve_tour_ref_sw", groups="pcve_casework.group_case_worker"
        )
        case = self.env["pcve.case"].create(
            {
                "subject_pseudonym": "Tourcase-Referral",
                "lead_user_id": worker.id,
                "member_ids": [(0, 0, {"user_id": worker.id, "role": "social_worker"})],
            }
        )
        self.env["res.partner"].create(
            {"name": "Jeugdhuis Tour", "is_company": True, "email": "t@example.org"}
        )
        self.start_tour(
            f"/odoo/my-cases/{case.id}",
            "pcve_casework_referral_tour",
            login="pcve_tour_ref_sw",
            timeout=TOUR_TIMEOUT,
        )
        referral = case.sudo().referral_ids
        self.assertEqual(referral.state, "requested")
        self.assertEqual(referral.consent_given_by, "subject")
        self.assertEqual(referral.consent_date, fields.Date.context_today(referral))
        self.assertEqual(referral.create_uid, worker)
        mail = self.env["mail.mail"].search(
            [("email_to", "ilike", "t@example.org")], limit=1
        )
        [token] = re.findall(r"/pcve/referral/([A-Za-z0-9_-]+)", mail.body_html)
        # the youth centre, not logged in, opens its link and accepts
        self.logout()
        page = self.url_open(f"/pcve/referral/{token}")
        self.assertIn("Tourcase-Referral", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer = self.url_open(
            f"/pcve/referral/{token}", data={"answer": "accept", "csrf_token": csrf}
        )
        self.assertIn("you accepted the referral", answer.text)
        self.assertEqual(referral.state, "accepted")
        self.assertTrue(
            referral.message_ids.filtered(
                lambda m: "answered through its link" in m.body
            )
        )

"""The service's link /pcve/referral/<token>, as an anonymous visitor:
right, used, expired and unknown tokens (issue #16)."""

import re
import secrets
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import CaseworkSetup
from .test_pcve_case_referral import ReferralSetup

INVALID = "This link is no longer valid."
LINK = re.compile(r"/pcve/referral/([A-Za-z0-9_-]+)")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestReferralLink(ReferralSetup, CaseworkSetup, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subject = cls.env["res.partner"].create({"name": "Youssef Testperson"})
        cls.case.write({"subject_partner_id": cls.subject.id})
        cls.env["pcve.case.note"].create(
            {"case_id": cls.case.id, "body": "Meets the imam on Fridays."}
        )

    def _request(self, referral=None):
        referral = referral or self.referral
        referral.with_user(self.worker).action_request()
        mail = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertEqual(mail.email_to, self.service.email_formatted)
        [token] = LINK.findall(mail.body_html)
        self.assertGreaterEqual(len(token), 43)  # 256 bits, urlsafe base64
        return token

    def _open(self, token):
        return self.url_open(f"/pcve/referral/{token}")

    def _csrf(self, token):
        """The form's CSRF token, from the page while the link is valid."""
        return CSRF.search(self._open(token).text).group(1)

    def _answer(self, token, csrf=None, **data):
        data["csrf_token"] = csrf or self._csrf(token)
        return self.url_open(f"/pcve/referral/{token}", data=data)

    def _openings(self, referral):
        return self.env["auditlog.log"].search(
            [
                ("model_id.model", "=", "pcve.case.referral"),
                ("res_id", "=", referral.id),
                ("method", "=", "open"),
            ]
        )

    def _assert_invalid(self, response):
        self.assertEqual(response.status_code, 404)
        self.assertIn(INVALID, response.text)
        self.assertNotIn(self.case.subject_pseudonym, response.text)

    def test_page_shows_only_the_shared_scope(self):
        token = self._request()
        response = self._open(token)
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(self.case.subject_pseudonym, page)
        self.assertIn("Youth work", page)
        for secret in (
            self.subject.name,
            self.case.signal_description,
            "Meets the imam",
            self.referral.reason,
        ):
            self.assertNotIn(secret, page)
        # Summary: the reason and the type of concern, still nothing else
        summary = self.Referral.with_user(self.worker).create(
            self._referral_values(consent_given_by="guardian", shared_scope="summary")
        )
        page = self._open(self._request(summary)).text
        self.assertIn(summary.reason, page)
        self.assertIn("Religiously motivated extremism", page)
        self.assertNotIn(self.subject.name, page)
        self.assertNotIn(self.case.signal_description, page)
        self.assertNotIn("Meets the imam", page)

    def test_every_opening_is_logged(self):
        token = self._request()
        self._open(token)
        self._open(token)
        openings = self._openings(self.referral)
        self.assertEqual(len(openings), 2)
        self.assertEqual(openings.user_id, self.env.ref("base.public_user"))

    def test_service_accepts_once(self):
        token = self._request()
        csrf = self._csrf(token)
        response = self._answer(token, csrf, answer="accept")
        self.assertEqual(response.status_code, 200)
        self.assertIn("you accepted the referral", response.text)
        self.assertEqual(self.referral.state, "accepted")
        self.assertTrue(self.referral.answered_on)
        self.assertTrue(
            self.referral.message_ids.filtered(
                lambda m: "answered through its link" in m.body
            )
        )
        # a used link
        self._assert_invalid(self._open(token))
        self._assert_invalid(self._answer(token, csrf, answer="decline", reason="x"))
        self.assertEqual(self.referral.state, "accepted")

    def test_service_declines_with_a_reason(self):
        token = self._request()
        response = self._answer(token, answer="decline", reason="  ")
        self.assertIn("give your reason", response.text)
        self.assertEqual(self.referral.state, "requested")
        self._answer(token, answer="decline", reason="No place until March.")
        self.assertEqual(self.referral.state, "declined")
        self.assertEqual(self.referral.decline_reason, "No place until March.")

    def test_expired_unknown_and_cancelled_links(self):
        token = self._request()
        csrf = self._csrf(token)
        opened = self._openings(self.referral)
        later = fields.Datetime.now() + timedelta(days=14, minutes=1)
        with freeze_time(later):
            self._assert_invalid(self._open(token))
            # a form answered after the expiry: refused (its CSRF token too is
            # past its age), never the referral
            late = self._answer(token, csrf, answer="accept")
            self.assertIn(late.status_code, (400, 404))
            self.assertNotIn(self.case.subject_pseudonym, late.text)
        self.assertEqual(self.referral.state, "requested")
        self.assertEqual(self._openings(self.referral), opened)
        # the real token with its last character changed
        other = token[:-1] + ("B" if token.endswith("A") else "A")
        for unknown in (secrets.token_urlsafe(32), "x", other):
            with self.subTest(token=unknown):
                self._assert_invalid(self._open(unknown))
        # a link without expiry (imported data): no longer valid, not a 500
        self.referral.sudo().access_token_expiry = False
        self._assert_invalid(self._open(token))
        self.referral.with_user(self.worker).action_cancel()
        self._assert_invalid(self._open(token))

    def test_the_link_days_are_the_companys(self):
        self.env.company.pcve_referral_link_days = 3
        token = self._request()
        with freeze_time(fields.Datetime.now() + timedelta(days=2)):
            self.assertEqual(self._open(token).status_code, 200)
        with freeze_time(fields.Datetime.now() + timedelta(days=3, minutes=1)):
            self._assert_invalid(self._open(token))

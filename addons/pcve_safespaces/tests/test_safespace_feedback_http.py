"""Anonymous participant feedback over the real routes (issue #18): the page
/pcve/feedback/<token> as an anonymous visitor (one-time, expired, forged and
session links), and the rows and the request over XML-RPC."""

import re
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import SafespacesRpcCommon
from .feedback_common import FEEDBACK, GOOD, SESSION, TOKEN, FeedbackFixtures

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
INVALID = "This feedback link is not valid, or was already used."


@tagged("post_install", "-at_install")
class TestSafespaceFeedbackHttp(FeedbackFixtures, SafespacesRpcCommon):
    def setUp(self):
        super().setUp()
        self.session = self._held_session()

    def _answers(self, session):
        return self.env[FEEDBACK].sudo().search([("session_id", "=", session.id)])

    def _open(self, token):
        return self.url_open(f"/pcve/feedback/{token}")

    def _post(self, token, csrf=None, **data):
        if csrf is None:
            csrf = CSRF.search(self._open(token).text).group(1)
        data = {name: str(value) for name, value in data.items()}
        return self.url_open(
            f"/pcve/feedback/{token}", data=dict(data, csrf_token=csrf)
        )

    def _request(self):
        action = self.session.with_user(self.organiser).action_request_feedback()
        return self._mailed_tokens(self.session), action["data"]["url"].rsplit("/", 1)[
            1
        ]

    def test_one_time_link(self):
        [token, *_others], _sheet = self._request()
        page = self._open(token)
        self.assertEqual(page.status_code, 200)
        self.assertIn("How was the session?", page.text)
        # confidential: the page does not name the session
        self.assertNotIn(self.session.name, page.text)
        csrf = CSRF.search(page.text).group(1)
        answered = self._post(token, csrf, comment="Good evening", **GOOD)
        self.assertEqual(answered.status_code, 200)
        self.assertIn("your answers were recorded anonymously", answered.text)
        feedback = self._answers(self.session)
        self.assertEqual(len(feedback), 1)
        self.assertEqual(feedback.create_uid, self.env.ref("base.public_user"))
        self.assertEqual(feedback.comment, "Good evening")
        # reused: the page and the post are refused, nothing more is stored
        self.assertEqual(self._open(token).status_code, 404)
        again = self._post(token, csrf, **GOOD)
        self.assertEqual(again.status_code, 404)
        self.assertIn(INVALID, again.text)
        self.assertEqual(len(self._answers(self.session)), 1)

    def test_expired_and_forged_links(self):
        [token, second, _third], _sheet = self._request()
        with freeze_time(fields.Datetime.now() + timedelta(days=30, minutes=1)):
            expired = self._open(token)
            self.assertEqual(expired.status_code, 410)
            self.assertIn("expired", expired.text)
        # posted with a valid form, after the link expired
        csrf = CSRF.search(self._open(second).text).group(1)
        link, _status = self.env[TOKEN]._find_by_token(second)
        link.expires_on = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self._post(second, csrf, **GOOD).status_code, 410)
        for forged in (token[:-2] + "xy", "a" * 43, "short", "x" * 300):
            with self.subTest(forged=forged[:10]):
                response = self._open(forged)
                self.assertEqual(response.status_code, 404)
                self.assertIn(INVALID, response.text)
                self.assertEqual(self._post(forged, csrf, **GOOD).status_code, 404)
        self.assertFalse(self._answers(self.session))

    def test_bad_answers_store_nothing(self):
        [token, *_others], _sheet = self._request()
        for bad in (
            dict(GOOD, felt_safe=7),
            {"felt_safe": 3},
            dict(GOOD, comment="x" * 2001),
        ):
            with self.subTest(bad=str(bad)[:40]):
                response = self._post(token, **bad)
                self.assertEqual(response.status_code, 400)
                self.assertIn("Feedback rule", response.text)
        self.assertEqual(
            self._post(token, comment="y" * 20_000, **GOOD).status_code, 413
        )
        self.assertFalse(self._answers(self.session))
        # the link still works for a right answer
        self.assertEqual(self._post(token, **GOOD).status_code, 200)

    def test_session_link_once_per_browser_and_bounded(self):
        _tokens, sheet = self._request()  # 6 attending, 3 mailed: 3 uses
        self.assertEqual(self._post(sheet, **GOOD).status_code, 200)
        # the same browser again
        again = self._open(sheet)
        self.assertEqual(again.status_code, 410)
        self.assertIn("already given from this browser", again.text)
        # other browsers, until the attendees without a mail are reached
        for _i in range(2):
            self.opener.cookies.clear()
            self.assertEqual(self._post(sheet, **GOOD).status_code, 200)
        self.opener.cookies.clear()
        self.assertEqual(self._open(sheet).status_code, 404)
        self.assertEqual(len(self._answers(self.session)), 3)

    def test_rows_refused_over_rpc(self):
        self._give(self.session, 4)
        [feedback, *_rest] = self._answers(self.session).ids
        calls = {
            "search": ("search", [[]], {}),
            "read": ("read", [[feedback], ["felt_safe"]], {}),
            "search_read": ("search_read", [[]], {"fields": ["comment"]}),
            "group": (
                "formatted_read_group",
                [[], ["session_id"], ["felt_safe:avg"]],
                {},
            ),
            "read_group": ("read_group", [[], ["felt_safe:avg"], ["session_id"]], {}),
            "export": ("export_data", [[feedback], ["comment"]], {}),
            "create": ("create", [dict(GOOD, session_id=self.session.id)], {}),
        }
        for user in (self.user, self.organiser, self.manager, self.outsider):
            for name, (method, args, kwargs) in calls.items():
                with self.subTest(user=user.login, call=name), self.assertRpcRefused():
                    self.rpc(user, FEEDBACK, method, *args, **kwargs)
            with self.subTest(user=user.login, call="tokens"), self.assertRpcRefused():
                self.rpc(user, TOKEN, "search_read", [], ["token_hash"])
        # the aggregates through the session
        [row] = self.rpc(
            self.organiser,
            SESSION,
            "read",
            [self.session.id],
            ["feedback_count", "feedback_felt_safe_avg"],
        )
        self.assertEqual(row["feedback_count"], 4)
        self.assertEqual(row["feedback_felt_safe_avg"], 5)

    def test_request_over_rpc(self):
        # a confidential session: others may not even read it
        for user in (self.other_organiser, self.user, self.outsider):
            with self.subTest(user=user.login), self.assertRpcRefused("access"):
                self.rpc(user, SESSION, "action_request_feedback", [self.session.id])
        # one they read: the rule says who asks
        open_session = self._held_session(confidential=False)
        for user in (self.other_organiser, self.user):
            with (
                self.subTest(user=user.login),
                self.assertRpcRefused("Feedback rule: only the organiser"),
            ):
                self.rpc(user, SESSION, "action_request_feedback", [open_session.id])
        action = self.rpc(
            self.organiser, SESSION, "action_request_feedback", [self.session.id]
        )
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertIn("/pcve/feedback/", action["data"]["url"])
        with self.assertRpcRefused("Feedback rule: .* already asked"):
            self.rpc(
                self.organiser, SESSION, "action_request_feedback", [self.session.id]
            )

"""Anonymous participant feedback through the ORM (issue #18): asking for it,
who may, the rows nobody reads or writes, the averages from the disclosure
threshold on, and the links' lifetime."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SafespacesCommon
from .feedback_common import FEEDBACK, GOOD, TOKEN, FeedbackFixtures

AVERAGES = [
    "feedback_felt_safe_avg",
    "feedback_could_speak_freely_avg",
    "feedback_trusts_moderator_avg",
    "feedback_would_come_again_avg",
    "feedback_topic_relevant_avg",
]


class TestSafespaceFeedback(FeedbackFixtures, SafespacesCommon):
    def test_request_as_organiser(self):
        session = self._held_session()
        action = session.with_user(self.organiser).action_request_feedback()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "pcve_safespaces.report_feedback_sheet")
        self.assertIn("/pcve/feedback/", action["data"]["url"])
        # one link per attendee with an e-mail, one session link for the rest
        tokens = self._mailed_tokens(session)
        self.assertEqual(len(tokens), 3)
        links = self.env[TOKEN].sudo().search([("session_id", "=", session.id)])
        self.assertEqual(sorted(links.mapped("uses_left")), [1, 1, 1, 3])
        # only hashes are stored, and the chatter does not carry the links
        self.assertFalse(set(tokens) & set(links.mapped("token_hash")))
        self.assertNotIn("/pcve/feedback/", str(session.message_ids.mapped("body")))
        self.assertTrue(session.feedback_requested_on)
        # asked once
        with self.assertRaisesRule(UserError, "Feedback rule: .* already asked"):
            session.with_user(self.organiser).action_request_feedback()

    def test_request_as_manager_and_the_sheet(self):
        session = self._held_session()
        action = session.with_user(self.manager).action_request_feedback()
        Report = self.env["ir.actions.report"].with_user(self.manager)
        html = Report._render_qweb_html(
            "pcve_safespaces.report_feedback_sheet", session.ids, data=action["data"]
        )[0].decode()
        self.assertIn(action["data"]["url"], html)
        self.assertIn("data:image/png;base64,", html)

    def test_request_refused(self):
        session = self._held_session()
        for user in (self.other_organiser, self.user, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                session.with_user(user).action_request_feedback()
        open_session = self._held_session(confidential=False)
        for user in (self.other_organiser, self.user):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRule(AccessError, "Feedback rule: only the organiser"),
            ):
                open_session.with_user(user).action_request_feedback()
        self.assertFalse(
            self.env[TOKEN]
            .sudo()
            .search([("session_id", "in", (session | open_session).ids)])
        )
        draft = self._create_session(self.organiser, confidential=False)
        with self.assertRaisesRule(
            UserError, "Feedback rule: .* after a session was held"
        ):
            draft.with_user(self.organiser).action_request_feedback()
        empty = self._held_session(attended=0, attendance=0)
        with self.assertRaisesRule(UserError, "Feedback rule: record who attended"):
            empty.with_user(self.organiser).action_request_feedback()
        with self.assertRaisesRule(UserError, "one record at a time"):
            (session | empty).with_user(self.organiser).action_request_feedback()
        with self.assertRaisesRule(AccessError, "recorded by the system"):
            session.with_user(self.organiser).write(
                {"feedback_requested_on": fields.Datetime.now()}
            )

    def test_answers_are_anonymous_and_written_by_links_only(self):
        session = self._held_session()
        self._give(session, 1)
        feedback = self.env[FEEDBACK].sudo().search([("session_id", "=", session.id)])
        self.assertEqual(feedback.create_uid, self.env.ref("base.public_user"))
        self.assertEqual(feedback.company_id, session.company_id)
        stored = {name for name, field in feedback._fields.items() if field.store} - {
            "id",
            "create_uid",
            "create_date",
            "write_uid",
            "write_date",
        }
        self.assertEqual(stored, {"session_id", "comment", "company_id", *GOOD})
        # nobody adds or changes an answer by hand, not even the superuser
        for env in (self.env, self.env(user=self.manager)):
            with self.assertRaisesRule(
                AccessError, "recorded by the system|not allowed"
            ):
                env[FEEDBACK].create(dict(GOOD, session_id=session.id))
        with self.assertRaisesRule(AccessError, "recorded by the system"):
            feedback.write({"felt_safe": 1})
        for user in (self.organiser, self.manager, self.user, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env[FEEDBACK].with_user(user).search([])

    def test_answers_are_checked(self):
        Feedback = self.env[FEEDBACK]
        self.assertFalse(Feedback._answer_errors(dict(GOOD, comment="Thanks")))
        for bad in (
            dict(GOOD, felt_safe=0),
            dict(GOOD, topic_relevant=6),
            {"felt_safe": 3},
            dict(GOOD, comment="x" * 2001),
        ):
            with self.subTest(bad=str(bad)[:60]):
                self.assertRegex(
                    " ".join(Feedback._answer_errors(bad)), "Feedback rule"
                )
        session = self._held_session()
        link_token = self.env[TOKEN]._issue(session)
        link, _status = self.env[TOKEN]._find_by_token(link_token)
        with self.assertRaisesRule(ValidationError, "score from 1 to 5"):
            link._answer(dict(GOOD, felt_safe=9))

    def test_averages_from_the_threshold(self):
        session = self._held_session()
        threshold = session.company_id.pcve_disclosure_threshold
        self._give(session, threshold - 1, felt_safe=4)
        session.invalidate_recordset()
        self.assertEqual(session.feedback_count, threshold - 1)
        # False: a Float reads as 0.0, never an average of scores 1 to 5
        for name in AVERAGES:
            self.assertFalse(session[name], name)
        self._give(session, 1, felt_safe=5)
        session.invalidate_recordset()
        self.assertEqual(session.feedback_count, threshold)
        self.assertAlmostEqual(
            session.feedback_felt_safe_avg,
            (4 * (threshold - 1) + 5) / threshold,
            delta=0.05,  # one decimal
        )
        self.assertEqual(session.feedback_topic_relevant_avg, 3)
        # the same for a safe-space user of a non-confidential session
        open_session = self._held_session(confidential=False)
        self._give(open_session, threshold)
        self.assertEqual(open_session.with_user(self.user).feedback_felt_safe_avg, 5)

    def test_averages_query_count(self):
        def sessions(count):
            held = self.env["pcve.safespace.session"]
            for _i in range(count):
                session = self._held_session(attended=0)
                self._give(session, 4)
                held |= session
            return held

        for size in (2, 6):
            held = sessions(size)
            self.env.invalidate_all()
            # the grouped answers, the sessions' companies, their threshold
            with self.subTest(size=size), self.assertQueryCount(3):
                held.mapped("feedback_felt_safe_avg")

    def test_links_expire_and_are_vacuumed(self):
        session = self._held_session()
        Token = self.env[TOKEN]
        token = Token._issue(session)
        self.assertEqual(Token._find_by_token(token)[1], "valid")
        self.assertEqual(Token._find_by_token("x" * 43)[1], "unknown")
        self.assertEqual(Token._find_by_token("short")[1], "unknown")
        with freeze_time(fields.Datetime.now() + timedelta(days=30, minutes=1)):
            link, status = Token._find_by_token(token)
            self.assertEqual(status, "expired")
            self.assertFalse(link._answer(GOOD))
            Token._gc_expired()
            self.assertEqual(Token._find_by_token(token)[1], "unknown")
        self.assertFalse(
            self.env[FEEDBACK].sudo().search([("session_id", "=", session.id)])
        )

    def test_one_time_link_is_spent(self):
        session = self._held_session()
        Token = self.env[TOKEN]
        token = Token._issue(session)
        link, _status = Token._find_by_token(token)
        self.assertTrue(link._answer(GOOD))
        self.assertEqual(Token._find_by_token(token)[1], "unknown")
        self.assertEqual(session.feedback_count, 1)

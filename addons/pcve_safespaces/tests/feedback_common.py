import re

from .common import SafespacesFixtures

FEEDBACK = "pcve.safespace.feedback"
TOKEN = "pcve.safespace.feedback.token"
SESSION = "pcve.safespace.session"
LINK = re.compile(r"/pcve/feedback/([A-Za-z0-9_-]+)")
GOOD = {
    "felt_safe": 5,
    "could_speak_freely": 4,
    "trusts_moderator": 4,
    "would_come_again": 5,
    "topic_relevant": 3,
}


class FeedbackFixtures(SafespacesFixtures):
    """A held session: three attendees with an e-mail address (invited and
    attended) among six people attending."""

    def _held_session(self, attended=3, attendance=6, **values):
        session = self._create_session(self.organiser, **values)
        Invitation = self.env["pcve.safespace.invitation"].with_user(self.organiser)
        for partner in self.invitees[:attended]:
            Invitation.create(
                {
                    "session_id": session.id,
                    "partner_id": partner.id,
                    "state": "attended",
                }
            )
        session.action_confirm()
        session.action_mark_held()
        session.attendance_count = attendance
        return session

    def _give(self, session, count, **answers):
        """``count`` answers given through a session link, as the page does."""
        Token = self.env[TOKEN]
        token = Token._issue(session, uses=count, is_session_link=True)
        for _i in range(count):
            link, status = Token._find_by_token(token)
            self.assertEqual(status, "valid")
            self.assertTrue(link._answer(dict(GOOD, **answers)))

    def _mailed_tokens(self, session):
        mails = self.env["mail.mail"].search(
            [("email_to", "in", self.invitees.mapped("email_formatted"))]
        )
        return [LINK.search(mail.body_html).group(1) for mail in mails]

"""The states of sessions, concerns, crises and invitations under the suite's
state machine (pcve.state.mixin): a direct write, through the ORM or over
XML-RPC, obeys the moves and guards of the buttons."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SafespacesRpcCommon

SESSION = "pcve.safespace.session"
CONCERN = "pcve.concern"
CRISIS = "pcve.crisis"
INVITATION = "pcve.safespace.invitation"


@tagged("post_install", "-at_install")
class TestSafespacesStateMachine(SafespacesRpcCommon):
    def _concern(self, **values):
        return (
            self.env[CONCERN]
            .with_user(self.user)
            .create(
                {
                    "name": "No safe crossing near the school",
                    "community_id": self.community.id,
                    **values,
                }
            )
        )

    def test_models_declare_their_moves(self):
        for name in (SESSION, CONCERN, CRISIS, INVITATION):
            model = self.env[name]
            self.assertIsInstance(model, type(self.env["pcve.state.mixin"]))
            states = {value for value, _label in model._fields["state"].selection}
            moves = model._pcve_moves["state"]
            self.assertLessEqual(set(moves), states, name)
            for targets in moves.values():
                self.assertLessEqual(set(targets), states, name)

    def test_concern_forbidden_move_refused(self):
        concern = self._concern()
        concern.with_user(self.user).action_start()
        self.assertRefusedEverywhere(
            self.user, concern, {"state": "new"}, "from In progress to New"
        )
        with self.assertRpcRefused("from In progress to In progress"):
            self.rpc(self.user, CONCERN, "action_reopen", concern.ids)
        # closed after the confirmation of closing without reporting back
        concern.with_user(self.user).with_context(
            pcve_confirm_close=True
        ).action_close()
        self.assertRefusedEverywhere(
            self.user, concern, {"state": "responded"}, "from Closed to Responded"
        )
        self.assertEqual(concern.state, "closed")
        self.assertIs(self.rpc(self.user, CONCERN, "action_reopen", concern.ids), True)
        self.assertEqual(concern.state, "in_progress")

    def test_concern_direct_move_obeys_the_guard(self):
        """Responded needs a response, by the button or a direct write (the
        form's clickable status bar)."""
        concern = self._concern()
        self.assertRefusedEverywhere(
            self.user,
            concern,
            {"state": "responded"},
            "without a response",
            ValidationError,
            button="action_respond",
        )
        self.assertEqual(concern.state, "new")
        vals = {"state": "responded", "response": "<p>Crossing painted.</p>"}
        self.assertIs(self.rpc(self.user, CONCERN, "write", concern.ids, vals), True)
        self.assertEqual(concern.state, "responded")
        self.assertEqual(concern.responded_by_id, self.user)

    def test_new_concern_obeys_the_guard(self):
        """A concern created as responded, one move from new, needs its
        response as the move does."""
        values = {"name": "Parking", "state": "responded"}
        rule = "without a response"
        with self.assertRaisesRule(ValidationError, rule):
            self.env[CONCERN].with_user(self.user).create(values)
        with self.assertRpcRefused(rule):
            self.rpc(self.user, CONCERN, "create", values)
        values["response"] = "<p>More places.</p>"
        concern_id = self.rpc(self.user, CONCERN, "create", values)
        self.assertEqual(self.env[CONCERN].browse(concern_id).state, "responded")

    def test_crisis_forbidden_move_refused(self):
        crisis = self.env[CRISIS].with_user(self.organiser).create({"name": "Arson"})
        crisis.action_recovery()
        self.assertRefusedEverywhere(
            self.organiser, crisis, {"state": "response"}, "from Recovery to Response"
        )
        self.assertIs(
            self.rpc(self.organiser, CRISIS, "write", crisis.ids, {"state": "closed"}),
            True,
        )
        self.assertRefusedEverywhere(
            self.organiser, crisis, {"state": "recovery"}, "from Closed to Recovery"
        )
        with self.assertRpcRefused("from Closed to Closed"):
            self.rpc(self.organiser, CRISIS, "action_close", crisis.ids)
        self.assertEqual(crisis.state, "closed")

    def test_session_forbidden_move_refused(self):
        session = self._create_session(user=self.organiser)
        self.assertRefusedEverywhere(
            self.organiser, session, {"state": "held"}, "Only confirmed sessions"
        )
        session.with_user(self.organiser).action_confirm()
        session.with_user(self.organiser).action_mark_held()
        self.assertRefusedEverywhere(
            self.organiser, session, {"state": "cancelled"}, "held cannot be cancelled"
        )
        self.assertRefusedEverywhere(
            self.organiser, session, {"state": "draft"}, "from Held to Draft"
        )
        self.assertEqual(session.state, "held")

    def test_session_direct_move_obeys_the_guard(self):
        """Confirming follows the safe-space rules, by the button or a direct
        write."""
        session = self._create_session(user=self.organiser, moderator_partner_id=False)
        self.assertRefusedEverywhere(
            self.organiser,
            session,
            {"state": "confirmed"},
            "Moderator rule",
            ValidationError,
            button="action_confirm",
        )
        self.assertEqual(session.state, "draft")
        vals = {"state": "confirmed", "moderator_partner_id": self.moderator.id}
        self.assertIs(
            self.rpc(self.organiser, SESSION, "write", session.ids, vals), True
        )
        self.assertEqual(session.state, "confirmed")

    def test_invitation_answer_is_not_undone(self):
        session = self._create_session(user=self.organiser)
        invitation = (
            self.env[INVITATION]
            .with_user(self.organiser)
            .create({"session_id": session.id, "partner_id": self.invitees[0].id})
        )
        self.assertIs(
            self.rpc(
                self.organiser,
                INVITATION,
                "write",
                invitation.ids,
                {"state": "accepted"},
            ),
            True,
        )
        self.assertRefusedEverywhere(
            self.organiser, invitation, {"state": "invited"}, "from Accepted to Invited"
        )
        self.assertIs(
            self.rpc(self.organiser, INVITATION, "action_attended", invitation.ids),
            True,
        )
        with self.assertRpcRefused("from Attended to Attended"):
            self.rpc(self.organiser, INVITATION, "action_attended", invitation.ids)
        self.assertEqual(invitation.state, "attended")

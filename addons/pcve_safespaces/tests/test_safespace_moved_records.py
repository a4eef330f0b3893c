"""An invitation or a concern moved to another session passes that session's
record rules: an organiser moves them between his own sessions only."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SafespacesRpcCommon

MOVED = "can only be (moved|linked) to a .* you (may change|can see)"


@tagged("post_install", "-at_install")
class TestMovedRecords(SafespacesRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Session = cls.env["pcve.safespace.session"]
        cls.mine, cls.also_mine, cls.theirs = Session.create(
            [
                cls._session_values(organiser_id=cls.organiser.id),
                cls._session_values(organiser_id=cls.organiser.id, name="Second"),
                cls._session_values(organiser_id=cls.other_organiser.id),
            ]
        )
        cls.invitation = cls.env["pcve.safespace.invitation"].create(
            {"session_id": cls.mine.id, "partner_id": cls.invitees[0].id}
        )
        cls.concern = cls.env["pcve.concern"].create(
            {
                "name": "Street lighting near the mosque",
                "session_id": cls.mine.id,
                "community_id": cls.community.id,
            }
        )

    def test_not_onto_another_organisers_session(self):
        for record in (self.invitation, self.concern):
            with self.subTest(model=record._name):
                with self.assertRaisesRule(AccessError, MOVED):
                    record.with_user(self.organiser).write(
                        {"session_id": self.theirs.id}
                    )
                with self.assertRpcRefused(MOVED):
                    self.rpc(
                        self.organiser,
                        record._name,
                        "write",
                        record.ids,
                        {"session_id": self.theirs.id},
                    )
                self.assertEqual(record.session_id, self.mine)

    def test_between_ones_own_sessions(self):
        for record in (self.invitation, self.concern):
            with self.subTest(model=record._name):
                self.assertIs(
                    self.rpc(
                        self.organiser,
                        record._name,
                        "write",
                        record.ids,
                        {"session_id": self.also_mine.id},
                    ),
                    True,
                )
                record.invalidate_recordset()
                self.assertEqual(record.session_id, self.also_mine)
        # the manager moves them anywhere
        self.invitation.with_user(self.manager).session_id = self.theirs
        self.assertEqual(self.invitation.session_id, self.theirs)

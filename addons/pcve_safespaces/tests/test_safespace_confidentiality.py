from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SafespacesCommon


@tagged("post_install", "-at_install")
class TestSafespaceConfidentiality(SafespacesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret = cls.env["pcve.safespace.session"].create(
            cls._session_values(
                name="Secret circle", organiser_id=cls.organiser.id, confidential=True
            )
        )
        cls.public = cls.env["pcve.safespace.session"].create(
            cls._session_values(
                name="Open doors day",
                organiser_id=cls.other_organiser.id,
                confidential=False,
                format="open_doors",
            )
        )
        cls.invitation = cls.env["pcve.safespace.invitation"].create(
            {"session_id": cls.secret.id, "partner_id": cls.invitees[0].id}
        )
        cls.secret.message_post(body="Names of the people who came")
        cls.Session = cls.env["pcve.safespace.session"]

    def _visible(self, user):
        return self.Session.with_user(user).search(
            [("name", "in", ["Secret circle", "Open doors day"])]
        )

    def test_search(self):
        self.assertEqual(self._visible(self.user), self.public)
        self.assertEqual(self._visible(self.other_organiser), self.public)
        self.assertEqual(self._visible(self.organiser), self.secret | self.public)
        self.assertEqual(self._visible(self.manager), self.secret | self.public)

    def test_read(self):
        for user in (self.user, self.other_organiser):
            with self.assertRaises(AccessError):
                self.secret.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.secret.with_user(user).venue_id  # noqa: B018
        self.assertEqual(
            self.secret.with_user(self.organiser).read(["name"])[0]["name"],
            "Secret circle",
        )
        self.public.with_user(self.user).read(["name", "venue_id", "attendance_count"])

    def test_read_group(self):
        groups = self.Session.with_user(self.user).formatted_read_group(
            [("name", "in", ["Secret circle", "Open doors day"])],
            ["format"],
            ["__count"],
        )
        self.assertEqual(
            {group["format"]: group["__count"] for group in groups},
            {"open_doors": 1},
        )
        groups = self.Session.with_user(self.manager).formatted_read_group(
            [("name", "in", ["Secret circle", "Open doors day"])], [], ["__count"]
        )
        self.assertEqual(groups[0]["__count"], 2)

    def test_export(self):
        sessions = self.Session.with_user(self.user).search([])
        rows = sessions.export_data(["name", "venue_id/name"])["datas"]
        self.assertNotIn("Secret circle", [row[0] for row in rows])
        with self.assertRaises(AccessError):
            self.secret.with_user(self.user).export_data(["name"])

    def test_invitations(self):
        Invitation = self.env["pcve.safespace.invitation"]
        domain = [("session_id", "in", (self.secret | self.public).ids)]
        with self.assertRaises(AccessError):
            Invitation.with_user(self.user).search(domain)
        self.assertFalse(Invitation.with_user(self.other_organiser).search(domain))
        with self.assertRaises(AccessError):
            self.invitation.with_user(self.other_organiser).read(["partner_id"])
        self.assertEqual(
            Invitation.with_user(self.organiser).search(domain), self.invitation
        )
        self.assertEqual(
            Invitation.with_user(self.manager).search(domain), self.invitation
        )
        # users cannot read the invite list field, even of an open session
        with self.assertRaises(AccessError):
            self.public.with_user(self.user).read(["invitation_ids"])

    def test_chatter(self):
        Message = self.env["mail.message"]
        domain = [("model", "=", self.secret._name), ("res_id", "=", self.secret.id)]
        message = Message.search(domain + [("body", "ilike", "Names of")])
        self.assertTrue(message)
        for user in (self.user, self.other_organiser):
            self.assertFalse(Message.with_user(user).search(domain))
            with self.assertRaises(AccessError):
                message.with_user(user).read(["body"])
        self.assertEqual(
            Message.with_user(self.organiser).search(
                domain + [("body", "ilike", "Names of")]
            ),
            message,
        )

    def test_other_organiser_cannot_write(self):
        with self.assertRaises(AccessError):
            self.secret.with_user(self.other_organiser).write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self.public.with_user(self.user).write({"name": "Hijacked"})
        self.assertEqual(self.secret.name, "Secret circle")

    def test_busy_slots_off_by_default(self):
        Busy = self.env["pcve.safespace.busy"]
        self.assertFalse(
            Busy.with_user(self.user).search([("id", "=", self.secret.id)])
        )
        # managers see them regardless
        self.assertTrue(
            Busy.with_user(self.manager).search([("id", "=", self.secret.id)])
        )

    def test_busy_slots_enabled(self):
        self.env["res.config.settings"].create(
            {"pcve_show_confidential_busy": True}
        ).execute()
        Busy = self.env["pcve.safespace.busy"].with_user(self.user)
        slot = Busy.search([("id", "=", self.secret.id)])
        self.assertEqual(slot.start, self.secret.start)
        self.assertEqual(slot.stop, self.secret.stop)
        self.assertEqual(slot.display_name, "Busy (confidential session)")
        self.assertNotIn("name", Busy._fields)
        self.assertNotIn("venue_id", Busy._fields)
        # non-confidential sessions are not duplicated as busy slots
        self.assertFalse(Busy.search([("id", "=", self.public.id)]))
        # the session itself stays invisible
        self.assertFalse(self._visible(self.user) & self.secret)
        self.env["res.config.settings"].create(
            {"pcve_show_confidential_busy": False}
        ).execute()
        self.assertFalse(Busy.search([("id", "=", self.secret.id)]))

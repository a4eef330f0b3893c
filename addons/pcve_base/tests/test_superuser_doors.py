"""The superuser reads behind the chatter rule (``mail.message``'s read check
reads each message's record as superuser, then asks whether the user may read
that record), tried by users who must not get through.

Odoo lets the author and the addressees of a message read it whatever the
record rules say. On a suite record (here a community of another company, the
smallest suite record pcve_base has) they may not: neither the message, nor
its body, nor its attachments, through the ORM or over XML-RPC.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import RPC_ACCESS_ERROR, RpcCase, suite_user

SECRET = "SUPERUSER-DOOR-SECRET"
MESSAGE = "mail.message"


@tagged("post_install", "-at_install")
class TestMessageReaders(RpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create({"name": "Door A"})
        other = cls.env["res.company"].create({"name": "Door B"})
        cls.reader = suite_user(
            cls.env, "sd_reader", "base.group_system", company=company
        )
        # the author and addressee, an administrator of another company
        cls.author = suite_user(
            cls.env, "sd_author", "base.group_system", company=other
        )
        # an addressee with no role in the suite
        cls.employee = suite_user(cls.env, "sd_employee", "base.group_user")
        cls.community = cls.env["pcve.community"].create(
            {"name": "Door community", "company_id": company.id}
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "door.txt",
                "raw": SECRET.encode(),
                "res_model": "pcve.community",
                "res_id": cls.community.id,
            }
        )
        # as the system would have left it: his message, addressed to both
        cls.message = cls.env[MESSAGE].create(
            {
                "model": "pcve.community",
                "res_id": cls.community.id,
                "message_type": "comment",
                "body": SECRET,
                "author_id": cls.author.partner_id.id,
                "partner_ids": [
                    Command.set((cls.author | cls.employee).partner_id.ids)
                ],
                "attachment_ids": [Command.set(cls.attachment.ids)],
            }
        )
        cls.outsiders = cls.author | cls.employee

    def test_the_reader_reads(self):
        """The rule lets the record's reader in (the tests below cannot pass
        by locking everyone out)."""
        message = self.message.with_user(self.reader)
        self.assertIn(SECRET, message.body)
        self.assertEqual(message.attachment_ids, self.attachment)
        [read] = self.rpc(self.reader, MESSAGE, "read", self.message.ids, ["body"])
        self.assertIn(SECRET, read["body"])
        self.assertEqual(
            self.rpc(self.reader, MESSAGE, "search", [("body", "ilike", SECRET)]),
            self.message.ids,
        )

    def test_author_and_addressees_are_refused_through_the_orm(self):
        Message = self.env[MESSAGE]
        for user in self.outsiders:
            with self.subTest(user=user.login):
                message = self.message.with_user(user)
                for fields in (["body"], ["attachment_ids"], ["author_id"]):
                    with self.assertRaises(AccessError):
                        message.read(fields)
                with self.assertRaises(AccessError):
                    message.toggle_message_starred()
                with self.assertRaises(AccessError):
                    self.attachment.with_user(user).read(["raw"])
                Mine = Message.with_user(user)
                self.assertFalse(Mine.search([("body", "ilike", SECRET)]))
                self.assertFalse(Mine.search_read([("id", "=", self.message.id)]))
                self.assertFalse(Mine.search_count([("model", "=", "pcve.community")]))
                groups = Mine.formatted_read_group(
                    [("id", "=", self.message.id)], ["model"], ["__count"]
                )
                self.assertFalse(groups)

    def test_author_and_addressees_are_refused_over_rpc(self):
        ids = self.message.ids
        for user in self.outsiders:
            with self.subTest(user=user.login):
                for method, args in (
                    ("read", (ids, ["body"])),
                    ("read", (ids, ["attachment_ids"])),
                    ("web_read", (ids, {"body": {}})),
                    ("toggle_message_starred", (ids,)),
                ):
                    with self.assertRpcRefused(codes=(RPC_ACCESS_ERROR,)):
                        self.rpc(user, MESSAGE, method, *args)
                with self.assertRpcRefused(codes=(RPC_ACCESS_ERROR,)):
                    self.rpc(
                        user, "ir.attachment", "read", self.attachment.ids, ["raw"]
                    )
                domain = [("body", "ilike", SECRET)]
                self.assertFalse(self.rpc(user, MESSAGE, "search_read", domain))
                self.assertFalse(
                    self.rpc(
                        user,
                        MESSAGE,
                        "formatted_read_group",
                        [("id", "in", ids)],
                        ["model"],
                        ["__count"],
                    )
                )
        self.assertFalse(self.message.starred_partner_ids)

import base64
import io
import json

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.pcve_base.tests.common import RPC_ACCESS_ERROR, RPC_USER_ERROR

from .common import REPORT, EvaluationHttpCommon

MUTED = ("odoo.addons.rpc.controllers.xmlrpc", "odoo.http")
# What a done review must keep, with a value that would change it.
FROZEN_VALUES = {
    "name": "Renamed review",
    "date_from": "2030-01-01",
    "date_to": "2032-12-31",
    "actors_answer": "Rewritten.",
    "actors_rating": "1",
    "working_rating": "5",
    "credible_answer": "Rewritten.",
    "scale_rating": "5",
    "findings": "<p>Other findings.</p>",
    "state": "draft",
}


@tagged("post_install", "-at_install")
class TestEvaluationFrozen(EvaluationHttpCommon):
    """A done review and its frozen workbook stay as they were reported:
    through the ORM, over XML-RPC and through the chatter, for everyone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review.with_user(cls.manager).action_done()
        cls.workbook = cls.review.workbook_attachment_id
        cls.frozen = cls.workbook.raw

    def _assert_intact(self):
        self.env.invalidate_all()
        self.assertTrue(self.workbook.exists())
        self.assertEqual(self.review.workbook_attachment_id, self.workbook)
        self.assertEqual(self.workbook.raw, self.frozen)
        self.assertEqual(self.workbook.name, "Review 2031.xlsx")
        self.assertEqual(
            (self.workbook.res_model, self.workbook.res_id),
            (self.review._name, self.review.id),
        )
        self.assertEqual(self.review.state, "done")
        self.assertEqual(self.review.name, "Review 2031")

    def test_done_review_cannot_be_deleted(self):
        for review in (self.review.with_user(self.manager), self.review.sudo()):
            with self.assertRaisesRegex(UserError, "cannot be deleted"):
                review.unlink()
        with self.assertRpcRefused(codes=(RPC_USER_ERROR,)):
            self.rpc(self.manager, self.review._name, "unlink", self.review.ids)
        with self.assertRpcRefused(codes=(RPC_ACCESS_ERROR,)):
            self.rpc(self.staff, self.review._name, "unlink", self.review.ids)
        self._assert_intact()
        # a draft review may still go
        draft = self.review.copy({"name": "Draft copy"}).with_user(self.manager)
        self.assertEqual(draft.state, "draft")
        self.assertIs(self.rpc(self.manager, draft._name, "unlink", draft.ids), True)
        self.assertFalse(draft.exists())

    def test_frozen_workbook_cannot_be_deleted_or_changed(self):
        other = self.env["ir.attachment"].create(
            {
                "name": "notes.txt",
                "raw": b"Minutes of the review meeting.",
                "res_model": self.review._name,
                "res_id": self.review.id,
            }
        )
        changes = (
            {"name": "Other.xlsx"},
            {"raw": b"PK forged"},
            {"datas": base64.b64encode(b"PK forged")},
            {"res_id": other.id},
            {"public": True},
        )
        for attachment in (self.workbook.with_user(self.manager), self.workbook.sudo()):
            with self.assertRaisesRegex(UserError, "frozen workbook"):
                attachment.unlink()
            for vals in changes:
                with self.assertRaisesRegex(UserError, "frozen workbook"):
                    attachment.write(vals)
        with self.assertRpcRefused(codes=(RPC_USER_ERROR,)):
            self.rpc(self.manager, "ir.attachment", "unlink", self.workbook.ids)
        with self.assertRpcRefused(codes=(RPC_USER_ERROR,)):
            self.rpc(
                self.manager,
                "ir.attachment",
                "write",
                self.workbook.ids,
                {"name": "Other.xlsx"},
            )
        with self.assertRpcRefused(codes=(RPC_ACCESS_ERROR,)):
            self.rpc(self.staff, "ir.attachment", "unlink", self.workbook.ids)
        self._assert_intact()
        # other attachments of the done review stay the evaluator's to manage
        other.with_user(self.manager).write({"name": "minutes.txt"})
        self.assertIs(
            self.rpc(self.manager, "ir.attachment", "unlink", other.ids), True
        )

    def test_chatter_trash_icon_keeps_the_workbook(self):
        """The trash icon of the chatter deletes an attachment with sudo."""
        self.authenticate(self.manager.login, self.manager.login)
        with mute_logger(*MUTED):
            response = self.url_open(
                "/mail/attachment/delete",
                data=json.dumps({"params": {"attachment_id": self.workbook.id}}),
                headers={"Content-Type": "application/json"},
            )
        error = response.json()["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertIn("frozen workbook", error["message"])
        self._assert_intact()
        # deleting the message that carries it leaves it on the review
        message = self.review.message_ids.filtered("attachment_ids")
        self.assertEqual(message.attachment_ids, self.workbook)
        message.sudo().unlink()
        self._assert_intact()

    def test_done_review_fields_are_frozen(self):
        review = self.review.with_user(self.manager)
        community = self.env["pcve.community"].create(
            {"name": "Kanaalwijk", "basis": "location", "company_id": self.company.id}
        )
        values = dict(FROZEN_VALUES, community_ids=[(4, community.id)])
        for name, value in values.items():
            with self.subTest(field=name):
                for record in (review, self.review.sudo()):
                    with self.assertRaises(UserError):
                        record.write({name: value})
                with self.assertRpcRefused(codes=(RPC_USER_ERROR,)):
                    self.rpc(
                        self.manager,
                        review._name,
                        "write",
                        review.ids,
                        {name: value},
                    )
        self._assert_intact()
        self.assertFalse(self.review.community_ids)
        # the chatter stays open: notes, followers and activities
        review.message_post(body="Sent to the council.")
        review.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.manager.id
        )
        self.assertTrue(
            self.rpc(
                self.manager, review._name, "message_post", review.id, body="Noted."
            )
        )

    def test_workbook_set_by_mark_done_only(self):
        Review = self.env["pcve.evaluation.review"].with_user(self.manager)
        forged = self.env["ir.attachment"].create({"name": "forged.xlsx", "raw": b"PK"})
        draft = Review.create(
            {"name": "Draft", "date_from": self.date_from, "date_to": self.date_to}
        )
        base = {"name": "Sneaky", "date_from": "2031-01-01", "date_to": "2031-12-31"}
        for vals in (
            {"state": "done"},
            {"workbook_attachment_id": forged.id},
            {"workbook_datas": base64.b64encode(b"PK forged")},
            {"workbook_name": "forged.xlsx"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(UserError):
                    Review.create(dict(base, **vals))
                with self.assertRaises(UserError):
                    Review.sudo().create(dict(base, **vals))
                with self.assertRaises(UserError):
                    draft.write(vals)
                with self.assertRaises(UserError):
                    self.review.sudo().write(vals)
                with self.assertRpcRefused(codes=(RPC_USER_ERROR,)):
                    self.rpc(self.manager, draft._name, "write", draft.ids, vals)
                with self.assertRpcRefused(codes=(RPC_USER_ERROR,)):
                    self.rpc(self.manager, draft._name, "create", dict(base, **vals))
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.workbook_attachment_id)
        self._assert_intact()

    def test_download_gives_the_frozen_workbook(self):
        review = self.review.with_user(self.manager)
        # figures change after the review was done...
        self.env["pcve.case"].create(
            {
                "subject_pseudonym": "Late signal",
                "signal_date": self.date_from,
                "concern_type": "left_wing",
                "company_id": self.company.id,
            }
        )
        action = review.action_download_workbook()
        self.assertEqual(
            action["url"], f"/web/content/{self.workbook.id}?download=true"
        )
        # ...the report gives the frozen file, whatever route asks for it
        report = self.env["ir.actions.report"].with_user(self.manager)
        content, report_type = report._render(REPORT, review.ids)
        self.assertEqual((content, report_type), (self.frozen, "xlsx"))
        self.authenticate(self.manager.login, self.manager.login)
        for url in (
            f"/report/xlsx/{REPORT}/{review.id}",
            f"/web/content/{self.workbook.id}?download=true",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(response.content, self.frozen, url)
        summary = load_workbook(io.BytesIO(content))["Summary"]
        self.assertEqual(self.find(summary, "State")[1], "Done")
        # over XML-RPC, an action the client can follow
        self.assertEqual(
            self.rpc(
                self.manager, review._name, "action_download_workbook", review.ids
            ),
            action,
        )
        # not readable for others
        self.authenticate(self.staff.login, self.staff.login)
        with mute_logger(*MUTED):
            response = self.url_open(f"/report/xlsx/{REPORT}/{review.id}")
        self.assertNotEqual(response.content, self.frozen)
        with self.assertRaises(AccessError):
            self.workbook.with_user(self.staff).read(["raw"])

    def test_download_never_rebuilds_a_lost_workbook(self):
        """A done review whose workbook went missing (before this rule)."""
        self.env.cr.execute(
            "UPDATE pcve_evaluation_review SET workbook_attachment_id = NULL"
            " WHERE id = %s",
            self.review.ids,
        )
        self.env.invalidate_all()
        review = self.review.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "frozen workbook is missing"):
            review.action_download_workbook()
        report = self.env["ir.actions.report"].with_user(self.manager)
        with self.assertRaisesRegex(UserError, "frozen workbook is missing"):
            report._render(REPORT, review.ids)
        with self.assertRpcRefused(
            "frozen workbook is missing", codes=(RPC_USER_ERROR,)
        ):
            self.rpc(self.manager, review._name, "action_download_workbook", review.ids)

    def test_nobody_reopens_a_done_review(self):
        for review in (self.review.with_user(self.manager), self.review.sudo()):
            with self.assertRaises(UserError):
                review.write({"state": "draft"})
            with self.assertRaisesRegex(UserError, "already done"):
                review.action_done()
        with self.assertRpcRefused(codes=(RPC_USER_ERROR,)):
            self.rpc(self.manager, self.review._name, "action_done", self.review.ids)
        self._assert_intact()

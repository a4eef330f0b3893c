"""Case notes cannot be forged: the author is who writes the note; only he
corrects or withdraws it, during the 24 hours after writing it; nobody
changes its author or its case. Through the ORM and over XML-RPC."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CaseworkCommon, CaseworkRpcCommon

AUTHOR = "author of a note is the user who writes it"
CORRECTION = "Only the author of a note may correct or delete it"


class NoteSetup:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Note = cls.env["pcve.case.note"]
        cls.worker_note = Note.with_user(cls.worker).create(
            {"case_id": cls.case.id, "body": "Met the mother at home."}
        )
        cls.imam_note = Note.with_user(cls.imam).create(
            {"case_id": cls.case.id, "body": "Went to the mosque together."}
        )

    def _age(self, note, hours):
        """As if the note had been written ``hours`` ago."""
        note.env.flush_all()
        note.env.cr.execute(
            "UPDATE pcve_case_note SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(hours=hours), note.id),
        )
        note.invalidate_recordset(["create_date"])


@tagged("post_install", "-at_install")
class TestCaseNotes(NoteSetup, CaseworkCommon):
    def test_author_is_who_writes(self):
        Note = self.env["pcve.case.note"]
        self.assertEqual(self.worker_note.author_id, self.worker)
        self.assertEqual(self.imam_note.author_id, self.imam)
        for user, other in ((self.imam, self.worker), (self.worker, self.manager)):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRule(AccessError, AUTHOR),
            ):
                Note.with_user(user).create(
                    {"case_id": self.case.id, "body": "x", "author_id": other.id}
                )
        self.assertFalse(Note.search([("body", "=", "x")]))
        # naming oneself is no forgery
        note = Note.with_user(self.imam).create(
            {"case_id": self.case.id, "body": "Mine", "author_id": self.imam.id}
        )
        self.assertEqual(note.author_id, self.imam)

    def test_nobody_rewrites_a_colleagues_note(self):
        self.env["pcve.case.member"].create(
            {
                "case_id": self.case.id,
                "user_id": self.psychologist.id,
                "role": "psychologist",
            }
        )
        for user in (self.psychologist, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRule(AccessError, CORRECTION),
            ):
                self.worker_note.with_user(user).write({"body": "Rewritten."})
        with self.assertRaises(AccessError):
            self.imam_note.with_user(self.imam).write({"body": "Rewritten."})
        self.assertEqual(self.worker_note.body, "Met the mother at home.")
        self.assertEqual(self.imam_note.body, "Went to the mosque together.")

    def test_author_and_case_never_change(self):
        for vals in (
            {"author_id": self.manager.id},
            {"case_id": self.other_case.id},
            {"body": "Typo fixed", "author_id": self.psychologist.id},
        ):
            for user in (self.worker, self.manager):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaisesRule(AccessError, AUTHOR),
                ):
                    self.worker_note.with_user(user).write(vals)
        self.assertEqual(self.worker_note.author_id, self.worker)
        self.assertEqual(self.worker_note.case_id, self.case)

    def test_author_corrects_within_a_day_only(self):
        note = self.worker_note.with_user(self.worker)
        note.write({"body": "Met the mother and sister at home."})
        self.assertEqual(note.body, "Met the mother and sister at home.")
        self._age(note, 25)
        with self.assertRaisesRule(AccessError, "24 hours"):
            note.write({"body": "Changed later"})
        with self.assertRaisesRule(AccessError, "24 hours"):
            note.unlink()
        self.assertEqual(note.body, "Met the mother and sister at home.")

    def test_only_the_author_deletes_his_note(self):
        with self.assertRaisesRule(AccessError, CORRECTION):
            self.worker_note.with_user(self.manager).unlink()
        self.assertTrue(self.worker_note.exists())
        self.worker_note.with_user(self.worker).unlink()
        self.assertFalse(self.worker_note.exists())

    def test_name_of_a_note_is_not_its_text(self):
        self.assertEqual(
            self.worker_note.with_user(self.manager).display_name,
            f"Note on {self.case.name}",
        )


@tagged("post_install", "-at_install")
class TestCaseNotesRpc(NoteSetup, CaseworkRpcCommon):
    def test_notes_cannot_be_forged_over_rpc(self):
        with self.assertRpcRefused(AUTHOR):
            self.rpc(
                self.imam,
                "pcve.case.note",
                "create",
                {"case_id": self.case.id, "body": "x", "author_id": self.worker.id},
            )
        for vals in ({"body": "Rewritten."}, {"author_id": self.psychologist.id}):
            with (
                self.subTest(vals=vals),
                self.assertRpcRefused(AUTHOR + "|" + CORRECTION),
            ):
                self.rpc(
                    self.manager, "pcve.case.note", "write", self.imam_note.ids, vals
                )
        with self.assertRpcRefused(CORRECTION):
            self.rpc(self.manager, "pcve.case.note", "unlink", self.worker_note.ids)
        created = self.rpc(
            self.imam,
            "pcve.case.note",
            "create",
            {"case_id": self.case.id, "body": "y"},
        )
        self.rpc(
            self.worker,
            "pcve.case.note",
            "write",
            self.worker_note.ids,
            {"body": "Corrected by its author."},
        )
        self.env.invalidate_all()
        self.assertEqual(
            self.env["pcve.case.note"].browse(created).author_id, self.imam
        )
        self.assertEqual(self.imam_note.body, "Went to the mosque together.")
        self.assertEqual(self.imam_note.author_id, self.imam)
        self.assertEqual(self.worker_note.body, "Corrected by its author.")
        self.assertTrue(self.worker_note.exists())
        self.assertFalse(self.env["pcve.case.note"].search([("body", "=", "x")]))

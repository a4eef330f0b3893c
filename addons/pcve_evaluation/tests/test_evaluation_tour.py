import hashlib
import io
import logging
import re

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

# What the tour logs of each file the browser received.
DOWNLOAD = re.compile(r"pcve_evaluation download (\d+): sha1=([0-9a-f]{40}) size=(\d+)")


class _Recorder(logging.Handler):
    """Keeps the browser's console messages of a tour."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestEvaluationTour(HttpCase):
    def _start_tour_recording(self, tour, login):
        """Run ``tour`` and return what it downloaded: {index: (sha1, size)}."""
        recorder = _Recorder()
        logger = self._logger.getChild("browser")
        level = logger.level
        logger.setLevel(logging.INFO)
        logger.addHandler(recorder)
        try:
            # Generous: the tour waits for the server at every step, also on a
            # loaded machine.
            self.start_tour("/odoo", tour, login=login, timeout=900)
        finally:
            logger.removeHandler(recorder)
            logger.setLevel(level)
        return {
            int(index): (sha1, int(size))
            for message in recorder.messages
            for index, sha1, size in DOWNLOAD.findall(message)
        }

    def test_manager_marks_review_done_and_downloads_workbook(self):
        manager = new_test_user(
            self.env,
            login="pcve_ev_tour",
            groups="pcve_evaluation.group_evaluation_manager",
        )
        today = fields.Date.today()
        review = (
            self.env["pcve.evaluation.review"]
            .with_user(manager)
            .create(
                {
                    "name": "Tour review",
                    "date_from": today - relativedelta(years=1),
                    "date_to": today,
                    "actors_rating": "3",
                    "actors_answer": "Schools are not yet at the table.",
                }
            )
        )
        downloads = self._start_tour_recording(
            "pcve_evaluation_manager_tour", manager.login
        )

        self.assertEqual(review.state, "done")
        self.assertEqual(review.credible_rating, "4")
        attachment = review.workbook_attachment_id
        self.assertEqual(attachment.name, "Tour review.xlsx")
        self.assertEqual(
            (attachment.res_model, attachment.res_id), (review._name, review.id)
        )
        self.assertEqual(attachment.create_uid, manager)
        # The browser received the frozen file, byte for byte; the preview
        # before freezing was another (draft) workbook.
        frozen = (hashlib.sha1(attachment.raw).hexdigest(), len(attachment.raw))
        self.assertEqual(attachment.checksum, frozen[0])
        self.assertEqual(sorted(downloads), [0, 1])
        self.assertEqual(downloads[1], frozen)
        self.assertNotEqual(downloads[0][0], frozen[0])
        # Downloading, draft or frozen, stores no other workbook.
        self.assertEqual(
            self.env["ir.attachment"].search(
                [("res_model", "=", review._name), ("res_id", "=", review.id)]
            ),
            attachment,
        )
        workbook = load_workbook(io.BytesIO(attachment.raw))
        self.assertEqual(workbook.sheetnames[0], "Summary")
        summary = {
            row[0]: row[1:]
            for row in workbook["Summary"].iter_rows(values_only=True)
            if row and row[0]
        }
        self.assertEqual(summary["State"][0], "Done")
        self.assertEqual(
            summary["Is it credible?"][:2],
            (4, "Partners who did not pass still take part in the dialogue."),
        )
        self.assertEqual(summary["Are all relevant actors included?"][0], 3)

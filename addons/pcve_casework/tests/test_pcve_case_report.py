"""The case report pcve_casework.case_report: full for case managers,
redacted for the team's professionals, refused to others; every printing in
the audit trail (issue #16)."""

import json

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CaseworkCommon, CaseworkRpcCommon

REPORT = "pcve_casework.case_report"
REPORT_NAME = "pcve_casework.report_case"
SUBJECT = "Youssef Testperson"
SIGNAL = "Brother reported contacts with a recruiter."
PRO_NOTE = "Psychological assessment: anxiety."
TEAM_NOTE = "Meets the imam on Fridays."
MINUTES = "Mother attended"


class CaseReportSetup:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        subject = cls.env["res.partner"].create({"name": SUBJECT})
        cls.case.write({"subject_partner_id": subject.id})
        Note = cls.env["pcve.case.note"]
        Note.create({"case_id": cls.case.id, "body": TEAM_NOTE})
        Note.create(
            {"case_id": cls.case.id, "body": PRO_NOTE, "visibility": "professionals"}
        )
        cls.env["pcve.case.meeting"].create(
            {
                "case_id": cls.case.id,
                "minutes": f"<p>{MINUTES}</p>",
                "decisions": "Refer to the youth centre",
            }
        )
        cls.env["pcve.case.plan.item"].create(
            {"case_id": cls.case.id, "description": "Find an internship"}
        )

    def _prints(self, user):
        return self.env["auditlog.log"].search(
            [
                ("model_id.model", "=", "pcve.case"),
                ("res_id", "=", self.case.id),
                ("method", "=", "print"),
                ("user_id", "=", user.id),
            ]
        )


@tagged("post_install", "-at_install")
class TestCaseReport(CaseReportSetup, CaseworkCommon):
    def _render(self, user, data=None):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(REPORT, self.case.ids, data=data)
        )
        return html.decode()

    def test_case_manager_prints_in_full(self):
        html = self._render(self.manager)
        for text in (
            SUBJECT,
            SIGNAL,
            PRO_NOTE,
            TEAM_NOTE,
            MINUTES,
            "Find an internship",
        ):
            self.assertIn(text, html)
        self.assertEqual(len(self._prints(self.manager)), 1)
        # and redacted when he asks for it
        self.assertNotIn(SUBJECT, self._render(self.manager, {"redacted": True}))

    def test_team_professional_prints_redacted(self):
        html = self._render(self.worker)
        for text in (SUBJECT, SIGNAL, PRO_NOTE, MINUTES):
            self.assertNotIn(text, html)
        for text in (TEAM_NOTE, "Find an internship", "Refer to the youth centre"):
            self.assertIn(text, html)
        self.assertIn("Redacted", html)
        self.assertEqual(len(self._prints(self.worker)), 1)

    def test_others_print_nothing(self):
        for user in (self.imam, self.outsider_worker, self.other_volunteer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._render(user)
            self.assertFalse(self._prints(user))


@tagged("post_install", "-at_install")
class TestCaseReportRoute(CaseReportSetup, CaseworkRpcCommon):
    def _get(self, user):
        """The web client's Print: /report/download, as the user."""
        self.authenticate(user.login, user.login)
        return self.url_open(
            "/report/download",
            data={
                "data": json.dumps(
                    [f"/report/pdf/{REPORT_NAME}/{self.case.id}", "qweb-pdf"]
                ),
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_report_route(self):
        response = self._get(self.worker)
        self.assertEqual(response.status_code, 200)
        self.assertIn(TEAM_NOTE, response.text)
        self.assertNotIn(SUBJECT, response.text)
        response = self._get(self.manager)
        self.assertIn(SUBJECT, response.text)
        for user in (self.imam, self.outsider_worker):
            with self.subTest(user=user.login):
                response = self._get(user)
                self.assertNotIn(TEAM_NOTE, response.text)
                self.assertIn("AccessError", response.text)
        self.assertEqual(len(self._prints(self.worker)), 1)

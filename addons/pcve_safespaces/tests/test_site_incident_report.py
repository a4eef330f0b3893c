from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SafespacesCommon
from .test_site_incident import FAITHS, INCIDENT, SiteIncidentFixtures

KINDS = ("vandalism", "graffiti", "arson", "threat", "hate_speech_offline")
KINDS += ("hate_speech_online", "desecration", "assault", "other")
REPORT = "pcve_safespaces.incident_annual_report"


@tagged("post_install", "-at_install")
class TestAnnualReport(SiteIncidentFixtures, SafespacesCommon):
    """The annual report: every faith, small counts hidden, for organisers
    and managers of the company only. Year 2031 holds no demo incident."""

    YEAR = 2031

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sites()
        cls.company = cls.env.company
        cls.company.pcve_disclosure_threshold = 4

    def _incidents(self, count, site=None, **values):
        return self.env[INCIDENT].create(
            [
                {
                    "site_id": (site or self.mosque).id,
                    "kind": "graffiti",
                    "occurred_on": date(self.YEAR, 1 + i % 12, 1 + i % 28),
                    **values,
                }
                for i in range(count)
            ]
        )

    def _report(self, user=None, year=None, **kwargs):
        Incident = self.env[INCIDENT].with_user(user or self.organiser)
        return Incident.annual_report(year or self.YEAR, **kwargs)

    def test_year_without_incident(self):
        """Zero rows: every faith and every kind is listed, with zeros."""
        report = self._report()
        self.assertEqual(set(report), {"year", "by_faith", "by_kind", "total"})
        self.assertEqual(report["year"], self.YEAR)
        self.assertEqual(tuple(report["by_faith"]), FAITHS)
        zero = {"incidents": 0, "responded": 0, "interfaith_responses": 0}
        self.assertEqual(report["by_faith"], dict.fromkeys(FAITHS, zero))
        self.assertEqual(report["by_kind"], dict.fromkeys(KINDS, 0))
        self.assertEqual(report["total"], 0)

    def test_counts_and_threshold(self):
        """1 up to the threshold N (4) are "<4", as the issue's contract says;
        4 and 5 are shown. Another year's incidents do not count."""
        incidents = self._incidents(5)
        self._incidents(1, site=self.church, kind="arson")
        for incident in incidents[:4]:
            self._response(incident, self.mosque_association | self.parish)
        self._response(incidents[4], self.parish)
        self._incidents(7, site=self.church, occurred_on=date(self.YEAR - 1, 6, 1))
        report = self._report()
        self.assertEqual(
            report["by_faith"]["muslim"],
            {"incidents": 5, "responded": 5, "interfaith_responses": 4},
        )
        self.assertEqual(
            report["by_faith"]["christian"],
            {"incidents": "<4", "responded": 0, "interfaith_responses": 0},
        )
        self.assertEqual(report["by_kind"]["graffiti"], 5)
        self.assertEqual(report["by_kind"]["arson"], "<4")
        self.assertEqual(report["total"], 6)
        self.assertEqual(self._report(year=self.YEAR - 1)["total"], 7)
        # a company with a threshold of 6 hides the five too
        self.company.pcve_disclosure_threshold = 6
        report = self._report()
        self.assertEqual(report["by_faith"]["muslim"]["incidents"], "<6")
        self.assertEqual(report["total"], 6)
        # a threshold of 1 hides nothing
        self.company.pcve_disclosure_threshold = 1
        self.assertEqual(self._report()["by_kind"]["arson"], 1)

    def test_who_may_read(self):
        self._incidents(6)
        for user in (self.organiser, self.manager):
            self.assertEqual(self._report(user)["total"], 6)
        with self.assertRaisesRule(AccessError, "Only managers"):
            self._report(self.user)
        with self.assertRaisesRule(AccessError, "not allowed to access"):
            self._report(self.outsider)

    def test_other_company_refused(self):
        other = self.env["res.company"].create({"name": "Other municipality"})
        self._incidents(
            6,
            company_id=other.id,
            site=self.env["pcve.site"].create(
                {"name": "Other mosque", "faith": "muslim", "company_id": other.id}
            ),
        )
        self.assertEqual(self._report()["total"], 0)
        with self.assertRaisesRule(AccessError, "only of their own companies"):
            self._report(company_id=other.id)
        with self.assertRaisesRule(AccessError, "only of their own companies"):
            self._report(company_id=999999)
        self.organiser.company_ids |= other
        self.assertEqual(self._report(company_id=other.id)["total"], 6)

    def test_bad_input(self):
        Incident = self.env[INCIDENT].with_user(self.organiser)
        for year in ("2031", 0, 10000, 2031.5, True, None):
            with (
                self.subTest(year=year),
                self.assertRaisesRule(UserError, "Annual report: the year"),
            ):
                Incident.annual_report(year)
        for company_id in ("1", -1, [1]):
            with (
                self.subTest(company_id=company_id),
                self.assertRaisesRule(UserError, "Annual report: the company"),
            ):
                Incident.annual_report(self.YEAR, company_id)

    def test_two_queries_whatever_the_size(self):
        """One grouped query of incidents, one of interfaith responses."""
        self.company.pcve_disclosure_threshold = 1
        Incident = self.env[INCIDENT].with_user(self.organiser)
        total = 0
        for size in (3, 60):
            for incident in self._incidents(size):
                self._response(incident, self.mosque_association | self.parish)
            total += size
            self.env.flush_all()
            Incident.annual_report(self.YEAR - 5)  # the user and company read
            with self.assertQueryCount(2):
                report = Incident.annual_report(self.YEAR)
            self.assertEqual(report["total"], total)
            self.assertEqual(
                report["by_faith"]["muslim"]["interfaith_responses"], total
            )

    def test_pdf_renders_the_same_figures(self):
        self._incidents(6)
        self._incidents(2, site=self.church)
        wizard = (
            self.env["pcve.site.incident.report.wizard"]
            .with_user(self.organiser)
            .create({"year": self.YEAR})
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], self.env.ref(REPORT).report_name)
        Report = self.env["ir.actions.report"].with_user(self.organiser)
        html = Report._render_qweb_html(REPORT, wizard.ids)[0].decode()
        self.assertIn("Incidents against sites", html)
        for faith in ("Christian", "Muslim", "Jewish", "Sikh", "Humanist"):
            self.assertIn(faith, html)
        self.assertIn("&lt;4", html)
        self.assertRegex(html, r'o_pcve_total">\s*8\s*<')
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            REPORT, wizard.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        outsider_wizard = wizard.with_user(self.user)
        with self.assertRaises(AccessError):
            Report.with_user(self.user)._render_qweb_html(REPORT, outsider_wizard.ids)

import datetime
import io
import pathlib
import shutil
import subprocess
import tempfile
import zipfile

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..report.workbook_sheets import SHEETS
from ..report.workbook_tools import FORMULA_PREFIXES, SUPPRESSED
from .common import REPORT, EvaluationCommon

# SQL queries of a whole workbook, whatever the amount of data (one more with
# participant feedback: its sheet aggregates the answers in one query).
QUERIES = 54


@tagged("post_install", "-at_install")
class TestEvaluationWorkbook(EvaluationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.community = cls.env["pcve.community"].create(
            {
                "name": "+Riverside tenants",
                "basis": "location",
                "company_id": cls.company.id,
            }
        )
        cls.majority = cls.env["pcve.community"].create(
            {
                "name": "Old town residents",
                "basis": "location",
                "is_majority": True,
                "company_id": cls.company.id,
            }
        )
        cls.day = datetime.date(2031, 3, 10)
        cls._make_cases(3, concern_type="right_wing")
        cls._make_cases(7, concern_type="religiously_motivated")
        cls._make_sessions(
            [
                ("dialogue_circle", 30, 12, 3),
                ("dialogue_circle", 20, 9, 8),
                ("interfaith_meal", 40, 20, 15),
            ]
        )
        cls._make_concerns(2)

    @classmethod
    def _make_cases(cls, count, concern_type):
        cls.env["pcve.case"].create(
            [
                {
                    "subject_pseudonym": f"Subject {concern_type} {index}",
                    "signal_source": "school",
                    "signal_date": cls.day,
                    "concern_type": concern_type,
                    "company_id": cls.company.id,
                }
                for index in range(count)
            ]
        )

    @classmethod
    def _make_sessions(cls, specs):
        start = datetime.datetime.combine(cls.day, datetime.time(18))
        return cls.env["pcve.safespace.session"].create(
            [
                {
                    "name": f"Session {index}",
                    "start": start + datetime.timedelta(days=index),
                    "format": fmt,
                    "level": "neighbourhood",
                    "confidential": False,
                    "state": "held",
                    "community_ids": [(6, 0, [cls.community.id, cls.majority.id])],
                    "attendance_count": people,
                    "attendance_women": women,
                    "attendance_youth": youth,
                    "company_id": cls.company.id,
                }
                for index, (fmt, people, women, youth) in enumerate(specs)
            ]
        )

    @classmethod
    def _make_concerns(cls, count, name="Broken street lights"):
        return cls.env["pcve.concern"].create(
            [
                {
                    "name": name,
                    "topic": "public_space",
                    "community_id": cls.community.id,
                    "raised_on": cls.day,
                    "company_id": cls.company.id,
                }
                for _index in range(count)
            ]
        )

    def test_only_managers_run_the_report(self):
        for user in (self.staff, self.case_manager):
            with self.assertRaises(AccessError):
                self.render(user=user)
            with self.assertRaises(AccessError):
                self.env["report.pcve_evaluation.evaluation_workbook"].with_user(
                    user
                ).create_xlsx_report(self.review.ids, {})

    def test_sheets_in_order(self):
        workbook = self.render()
        self.assertEqual(workbook.sheetnames, list(SHEETS))
        summary = workbook["Summary"]
        self.assertEqual(self.find(summary, "Is it working?")[1], 3)
        self.assertEqual(
            self.find(summary, "Are all relevant actors included?")[2],
            "Youth clubs joined in spring.",
        )

    def test_disclosure_control(self):
        workbook = self.render()
        cases = workbook["Cases"]
        # 3 right-wing cases are written as <5, zero stays 0, 7 stays 7.
        self.assertEqual(self.find(cases, "Right-wing extremism")[1], "<5")
        self.assertEqual(self.find(cases, "Left-wing extremism")[1], 0)
        self.assertEqual(self.find(cases, "Religiously motivated extremism")[1], 7)
        # The total (10) would reveal the 3: suppressed in every breakdown, and
        # the single school cell of the signal-source breakdown with it.
        totals = [
            row[1] for row in cases.iter_rows(values_only=True) if row[0] == "Total"
        ]
        self.assertGreaterEqual(len(totals), 3)
        # the three breakdowns of cases (then the referrals', none here: 0)
        self.assertEqual(set(totals[:3]), {SUPPRESSED})
        self.assertEqual(self.find(cases, "School")[1], SUPPRESSED)
        self.assertEqual(self.find(cases, "Signal")[1], SUPPRESSED)
        # New signals (10) equal the total here: suppressed with it.
        self.assertEqual(self.find(cases, "New signals in the period")[1], SUPPRESSED)
        self.assertEqual(
            self.find(workbook["Summary"], "Cases in the period")[1], SUPPRESSED
        )
        spaces = workbook["Safe spaces"]
        # Youth at the interfaith meal (15) and dialogue circles (3 + 8) fine;
        # women 21 and 20 fine: no small cell, totals stay.
        circle = self.find(spaces, "Dialogue circle")
        self.assertEqual(circle[1:5], [2, 50, 21, 11])
        self.assertEqual(self.find(spaces, "Total")[1:5], [3, 90, 41, 26])
        network = workbook["Network"]
        self.assertEqual(self.find(network, " +Riverside tenants")[4:7], [90, 41, 26])

    def test_closures_by_code_and_referrals(self):
        """Closures by reason code and referrals by type of service and by
        outcome (casework's figures), each count of people under disclosure
        control."""
        cases = self.env["pcve.case"].search([("company_id", "=", self.company.id)])
        closed_on = datetime.date(2031, 3, 20)
        for case, code in zip(
            cases, ["goals_met"] * 6 + ["no_further_action"] * 2, strict=False
        ):
            case.write(
                {
                    "stage": "closed",
                    "closure_reason_code": code,
                    "closed_on": closed_on,
                }
            )
        service = self.env["res.partner"].create({"name": "Youth centre"})
        requested_on = datetime.datetime(2031, 3, 15, 10)
        self.env["pcve.case.referral"].create(
            [
                {
                    "case_id": case.id,
                    "service_partner_id": service.id,
                    "service_type": "youth_work" if index < 6 else "school",
                    "reason": "Evenings",
                    "state": "accepted" if index < 6 else "declined",
                    "requested_on": requested_on,
                }
                for index, case in enumerate(cases[:7])
            ]
            # a draft was never requested: not counted
            + [
                {
                    "case_id": cases[0].id,
                    "service_partner_id": service.id,
                    "service_type": "housing",
                    "reason": "Room",
                }
            ]
        )
        workbook = self.render()
        sheet = workbook["Cases"]
        self.assertEqual(self.find(sheet, "Goals met")[1], 6)
        self.assertEqual(self.find(sheet, "No further action")[1], "<5")
        self.assertEqual(self.find(sheet, "Moved away")[1], 0)
        # the closures would give the 2 away: suppressed
        self.assertEqual(self.find(sheet, "Closed in the period")[1], SUPPRESSED)
        rows = [row for row in workbook["Referrals"].iter_rows(values_only=True) if row]
        start = rows.index(
            next(r for r in rows if r[0] == "Referrals by type of service")
        )
        referrals = {}
        for row in rows[start:]:
            referrals.setdefault(row[0], row[1])
        self.assertEqual(referrals["Youth work"], 6)
        self.assertEqual(referrals["School"], "<5")
        self.assertEqual(referrals["Housing"], 0)
        self.assertEqual(referrals["Total"], SUPPRESSED)
        self.assertEqual(referrals["Accepted"], 6)
        self.assertEqual(referrals["Declined"], "<5")
        self.assertEqual(referrals["Draft"], 0)

    def test_small_people_counts_in_sessions(self):
        self._make_sessions([("training", 3, 1, 0)])
        workbook = self.render()
        spaces = workbook["Safe spaces"]
        self.assertEqual(self.find(spaces, "Training")[1:5], [1, "<5", "<5", 0])
        # Totals by format and by level would reveal the 3 attendees.
        self.assertEqual(self.find(spaces, "Total")[2:4], [SUPPRESSED, SUPPRESSED])
        self.assertEqual(
            self.find(workbook["Summary"], "Attendance (people)")[1], SUPPRESSED
        )
        # The level breakdown holds no small cell: its one cell is suppressed
        # too, else it would give the total away.
        self.assertEqual(self.find(spaces, "Neighbourhood")[2], SUPPRESSED)
        # And so is one community: attendance by community adds up too.
        network = workbook["Network"]
        self.assertIn(
            SUPPRESSED,
            self.find(network, " +Riverside tenants")[4:6]
            + self.find(network, "Old town residents")[4:6],
        )

    def test_threshold_is_configurable(self):
        """The threshold of the review's company, set in its Settings."""
        Settings = self.env["res.config.settings"].with_company(self.company)
        settings = Settings.create({})
        self.assertEqual(settings.pcve_disclosure_threshold, 4)
        settings.pcve_disclosure_threshold = 2
        settings.execute()
        workbook = self.render()
        cases = workbook["Cases"]
        self.assertEqual(self.find(cases, "Right-wing extremism")[1], 3)
        self.assertEqual(self.find(cases, "Total")[1], 10)
        self.assertIn(
            "between 1 and 2 are written as <3",
            self.find(workbook["Method"], "Suppression rule")[1],
        )
        Settings.create({"pcve_disclosure_threshold": 3}).execute()
        cases = self.render()["Cases"]
        self.assertEqual(self.find(cases, "Right-wing extremism")[1], "<4")
        self.assertEqual(self.find(cases, "Total")[1], SUPPRESSED)

    def test_threshold_setting_is_validated(self):
        for value in (0, -3):
            with self.subTest(value=value):
                with self.assertRaises(ValidationError) as cm:
                    self.env["res.config.settings"].create(
                        {"pcve_disclosure_threshold": value}
                    )
                self.assertIn("threshold is at least 1", str(cm.exception))
        cases = self.render()["Cases"]
        self.assertEqual(self.find(cases, "Right-wing extremism")[1], "<5")

    def test_formula_injection_is_escaped(self):
        payload = '=HYPERLINK("http://evil.example","Click")'
        self._make_concerns(1, name=payload)
        self.review.with_user(self.manager).name = "@Review"
        workbook = self.render()
        concerns = workbook["Concerns"]
        row = self.find(concerns, " " + payload)
        self.assertEqual(row[2], " +Riverside tenants")
        for sheet in workbook.worksheets:
            for cells in sheet.iter_rows():
                for cell in cells:
                    self.assertNotEqual(cell.data_type, "f", cell.coordinate)
                    if isinstance(cell.value, str):
                        self.assertFalse(
                            cell.value.startswith(FORMULA_PREFIXES),
                            f"{sheet.title}!{cell.coordinate}: {cell.value!r}",
                        )

    def test_concern_rows(self):
        """The row-level list: labels, the community, dates, and the response
        as text."""
        concern = self._make_concerns(1, name="Flooded underpass")
        concern.write(
            {
                "state": "responded",
                "responded_on": self.day + datetime.timedelta(days=4),
                "reported_back": True,
                "response": "<p>Pumps installed &amp; drain cleared.</p>"
                "<ul><li>Checked weekly</li></ul>",
            }
        )
        row = self.find(self.render()["Concerns"], "Flooded underpass")
        self.assertEqual(row[1:3], ["Public space", " +Riverside tenants"])
        self.assertEqual(row[3].date(), self.day)
        self.assertEqual(row[4].date(), self.day + datetime.timedelta(days=4))
        self.assertEqual(
            row[5:8],
            ["Responded", "yes", "Pumps installed & drain cleared.\nChecked weekly"],
        )

    def test_empty_period(self):
        review = self.review.copy(
            {
                "name": "Empty",
                "date_from": datetime.date(2040, 1, 1),
                "date_to": datetime.date(2040, 12, 31),
            }
        )
        workbook = self.render(review)
        self.assertEqual(workbook.sheetnames, list(SHEETS))
        self.find(workbook["Summary"], "No activity was recorded in this period.")
        self.find(workbook["Concerns"], "No concerns were raised in this period.")
        # Open cases carry over into the period; nothing new happened in it.
        self.assertEqual(
            self.find(workbook["Cases"], "New signals in the period")[1], 0
        )
        self.assertEqual(self.find(workbook["Safe spaces"], "Total")[1:5], [0] * 4)
        self.assertNotIn(
            "No activity was recorded in this period.",
            [row[0] for row in self.render()["Summary"].iter_rows(values_only=True)],
        )

    def test_figures_match_database(self):
        workbook = self.render()
        Partner = self.env["res.partner"]
        partners = workbook["Partners"]
        labels = dict(Partner._fields["pcve_org_type"]._description_selection(self.env))
        company = [("company_id", "in", [self.company.id, False])]
        for key, label in labels.items():
            self.assertEqual(
                self.find(partners, label)[1],
                Partner.search_count(
                    [("pcve_is_partner", "=", True), ("pcve_org_type", "=", key)]
                    + company
                ),
                label,
            )
        summary = workbook["Summary"]
        self.assertEqual(self.find(summary, "Safe-space sessions held")[1], 3)
        self.assertEqual(
            self.find(summary, "Concerns raised")[1],
            self.env["pcve.concern"].search_count(
                [
                    ("raised_on", ">=", self.date_from),
                    ("raised_on", "<=", self.date_to),
                    ("company_id", "=", self.company.id),
                ]
            ),
        )
        self.assertEqual(self.find(workbook["Concerns"], "Public space")[1], 2)

    def test_incidents_sheet(self):
        """The annual incident report of the period's year: every faith,
        zeros included, small counts as in the other sheets."""
        Site = self.env["pcve.site"]
        mosque, church = Site.create(
            [
                {"name": "Mosque", "faith": "muslim", "company_id": self.company.id},
                {"name": "Church", "faith": "christian", "company_id": self.company.id},
            ]
        )
        self.env["pcve.site.incident"].create(
            [
                {
                    "site_id": site.id,
                    "kind": kind,
                    "occurred_on": datetime.date(2031, 5, day),
                    "company_id": self.company.id,
                }
                for site, kind, days in ((mosque, "graffiti", 6), (church, "arson", 1))
                for day in range(1, days + 1)
            ]
        )
        rows = [
            list(row) for row in self.render()["Incidents"].iter_rows(values_only=True)
        ]
        small = f"<{self.company.pcve_disclosure_threshold + 1}"
        self.assertIn([2031, "Muslim", 6, 0, 0], rows)
        self.assertIn([2031, "Christian", small, 0, 0], rows)
        self.assertIn([2031, "Sikh", 0, 0, 0], rows)
        self.assertIn([2031, "Arson", small], [row[:3] for row in rows])
        self.assertIn([2031, "Total", 7], [row[:3] for row in rows])

    def test_query_count_does_not_grow(self):
        """The whole workbook costs the same queries for a small or a larger
        period: every figure is one aggregate query, the concern rows one."""
        report = self.env["ir.actions.report"].with_user(self.manager)

        def render():
            return report._render(REPORT, self.review.ids)

        def count_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            render()
            return self.env.cr.sql_log_count - before

        count_queries()  # warm the caches
        small = count_queries()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES):
            render()
        self._make_cases(12, concern_type="left_wing")
        self._make_sessions([("worktable", 12, 6, 6)] * 15)
        self._make_concerns(25)
        self.env["res.partner"].create(
            [{"name": f"Club {index}", "pcve_is_partner": True} for index in range(10)]
        )
        self.assertEqual(count_queries(), small)
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES):
            render()

    def test_crisis_response(self):
        crisis = self.env["pcve.crisis"].create(
            {
                "name": "-Arson at the community hall",
                "incident_date": datetime.datetime(2031, 3, 8, 6, 0),
                "tension_level": "high",
                "company_id": self.company.id,
            }
        )
        crisis.task_ids[:2].write({"done": True})
        sessions = self._make_sessions([("dialogue_circle", 60, 30, 10)])
        sessions.crisis_id = crisis
        sheet = self.render()["Crisis response"]
        row = self.find(sheet, " -Arson at the community hall")
        self.assertEqual(row[1].date(), datetime.date(2031, 3, 8))
        self.assertAlmostEqual(row[3], crisis.hours_to_first_dialogue)
        self.assertEqual(row[4:7], [2, len(crisis.task_ids), 1])

    def test_native_charts_cache_their_values(self):
        report = self.env["ir.actions.report"].with_user(self.manager)
        content, _report_type = report._render(REPORT, self.review.ids)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            ratings = archive.read("xl/charts/chart1.xml").decode()
        self.assertIn("xl/charts/chart2.xml", names)
        # Whole sheets (not constant-memory mode): a chart holds its labels
        # and values, so a viewer that does not recalculate still draws it.
        self.assertIn("<c:strCache>", ratings)
        self.assertIn("Is it working?", ratings)
        self.assertIn(
            '<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="4"/>',
            ratings,
        )

    def test_libreoffice_opens_the_workbook(self):
        office = shutil.which("libreoffice") or shutil.which("soffice")
        if not office:
            self.skipTest("LibreOffice is not installed")
        report = self.env["ir.actions.report"].with_user(self.manager)
        content, _report_type = report._render(REPORT, self.review.ids)
        with tempfile.TemporaryDirectory() as directory:
            source = pathlib.Path(directory, "workbook.xlsx")
            source.write_bytes(content)
            subprocess.run(
                [office, "--headless", "--convert-to", "csv", "--outdir", directory]
                + [str(source)],
                check=True,
                capture_output=True,
                timeout=120,
            )
            csv = pathlib.Path(directory, "workbook.csv").read_text()
        self.assertIn("Evaluation review: Review 2031", csv)

    def test_report_is_bound_to_reviews(self):
        report = self.env["ir.actions.report"]._get_report(REPORT)
        self.assertEqual(report.report_type, "xlsx")
        self.assertEqual(report.binding_model_id.model, "pcve.evaluation.review")

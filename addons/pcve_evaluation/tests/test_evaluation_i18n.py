import datetime
import io
import re
import zipfile

from lxml import html
from openpyxl import load_workbook

from odoo.tests import new_test_user, tagged

from odoo.addons.pcve_base.tests.common import load_languages

from ..report.workbook_sheets import SHEETS
from .common import REPORT, EvaluationCommon

LANGS = ("nl_NL", "de_DE")
ADDONS = [
    "pcve_base",
    "pcve_audit",
    "pcve_partners",
    "pcve_casework",
    "pcve_safespaces",
    "pcve_evaluation",
]
# XML elements of charts and document properties that hold text.
XML_TEXT = re.compile(r"<(?:a:t|c:v|dc:title|dc:subject)>([^<]+)</")


@tagged("post_install", "-at_install")
class TestEvaluationI18n(EvaluationCommon):
    """The workbook and the outcome letter in Dutch and German: no English
    label is left, only names, numbers and dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ADDONS, LANGS)
        company = cls.company
        cls.communities = cls.env["pcve.community"].create(
            [
                {"name": "Kanaalwijk", "basis": "location", "company_id": company.id},
                {
                    "name": "Oude Stad",
                    "basis": "location",
                    "is_majority": True,
                    "company_id": company.id,
                },
            ]
        )
        cls.review.write(
            {
                "findings": "<p>Meer jongeren bereikt.</p>",
                "credible_rating": "5",
                "scale_rating": "2",
            }
        )
        day = datetime.date(2031, 3, 10)
        cases = cls.env["pcve.case"].create(
            [
                {
                    "subject_pseudonym": f"Subject {index}",
                    "signal_source": "school",
                    "signal_date": day,
                    "concern_type": "right_wing",
                    "company_id": company.id,
                }
                for index in range(6)
            ]
        )
        # Two left-wing cases: a small cell, so the total is suppressed.
        cls.env["pcve.case"].create(
            [
                {
                    "subject_pseudonym": f"Other subject {index}",
                    "signal_source": "family",
                    "signal_date": day,
                    "concern_type": "left_wing",
                    "company_id": company.id,
                }
                for index in range(2)
            ]
        )
        cases[0].write({"stage": "assessment"})
        cases[0].write(
            {
                "stage": "closed",
                "closure_reason_code": "moved_away",
                "closure_reason": "Verhuisd.",
            }
        )
        start = datetime.datetime.combine(day, datetime.time(18))
        topic = cls.env.ref("pcve_safespaces.topic_extremism")
        cls.env["pcve.safespace.session"].create(
            [
                {
                    "name": f"Buurttafel {index}",
                    "start": start + datetime.timedelta(days=index),
                    "format": "dialogue_circle",
                    "state": "held",
                    "confidential": False,
                    "community_ids": [(6, 0, cls.communities.ids)],
                    "topic_ids": [(6, 0, topic.ids)] if index else [],
                    "attendance_count": 30,
                    "attendance_women": 12,
                    "attendance_youth": 9,
                    "company_id": company.id,
                }
                for index in range(2)
            ]
        )
        concerns = cls.env["pcve.concern"].create(
            [
                {
                    "name": name,
                    "topic": topic_key,
                    "community_id": cls.communities[0].id,
                    "raised_on": day,
                    "company_id": company.id,
                }
                for name, topic_key in (
                    ("Kapotte lantaarns", "public_space"),
                    ("Wachtlijst jongerenwerk", "youth"),
                )
            ]
        )
        concerns[0].write({"response": "<p>Gerepareerd.</p>", "state": "responded"})
        concerns[0].write({"responded_on": day, "reported_back": True})
        crisis = cls.env["pcve.crisis"].create(
            {
                "name": "Brand in de moskee",
                "incident_date": datetime.datetime(2031, 3, 8, 6, 0),
                "company_id": company.id,
            }
        )
        crisis.task_ids[:1].write({"done": True})
        # Names, free text and numbers: not labels.
        cls.data = {
            cls.review.name,
            company.name,
            *cls.communities.mapped("name"),
            ", ".join(cls.communities.mapped("name")),
            "Meer jongeren bereikt.",
            "Youth clubs joined in spring.",
            *concerns.mapped("name"),
            "Gerepareerd.",
            crisis.name,
            cls.env.cr.dbname,
        }

    def _texts(self, content):
        """Every text of a workbook: sheet names, cells, charts, properties."""
        workbook = load_workbook(io.BytesIO(content))
        texts = set(workbook.sheetnames)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                texts.update(value for value in row if isinstance(value, str))
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                if name.startswith(("xl/charts/", "docProps/")):
                    texts.update(XML_TEXT.findall(archive.read(name).decode()))
        return {text.strip() for text in texts if text.strip()}

    def _labels(self, texts):
        """Texts that are words of the suite, not data, numbers or dates."""
        return {
            text
            for text in texts
            if text not in self.data and re.search(r"[^\W\d_]{2,}", text)
        }

    def _render(self, lang=None):
        report = self.env["ir.actions.report"].with_user(self.manager)
        if lang:
            report = report.with_context(lang=lang)
        content, _type = report._render(REPORT, self.review.ids)
        return content

    def _assert_no_english(self, english, texts, what):
        left = sorted(english & texts)
        self.assertFalse(left, f"English left in the {what}: {left}")
        # Sentences must not survive inside a longer text either.
        for label in english:
            if label.count(" ") >= 2:
                for text in texts:
                    self.assertNotIn(label, text, f"{what}: {text!r}")

    def test_workbook_in_dutch_and_german(self):
        english = self._labels(self._texts(self._render("en_US")))
        self.assertIn("Summary", english)
        self.assertIn("Ratings of the four questions", english)
        self.assertIn("(suppressed)", english)
        self.assertGreater(len(english), 150)
        # Dutch as the manager's own language, German as the request's.
        self.manager.lang = "nl_NL"
        dutch = self._texts(self._render())
        german = self._texts(self._render("de_DE"))
        for lang, texts, expected in (
            ("nl_NL", dutch, ["Samenvatting", "Methode", "(afgeschermd)"]),
            ("de_DE", german, ["Zusammenfassung", "Methode", "(geheim gehalten)"]),
        ):
            with self.subTest(lang=lang):
                for text in expected:
                    self.assertIn(text, texts)
                self._assert_no_english(english, texts, "workbook")
                self.assertGreater(len(self._labels(texts)), 150)

    def test_sheet_names_fit_excel(self):
        for lang in ("en_US", *LANGS):
            with self.subTest(lang=lang):
                names = load_workbook(io.BytesIO(self._render(lang))).sheetnames
                self.assertEqual(len(names), len(SHEETS))
                self.assertEqual(len({name.lower() for name in names}), len(SHEETS))
                for name in names:
                    self.assertLessEqual(len(name), 31)
                    self.assertFalse(set(name) & set("[]:*?/\\"), name)

    def _letter_texts(self, assessment):
        template = self.env.ref("pcve_partners.mail_template_assessment_outcome")
        texts = set()
        for field in ("subject", "body_html"):
            rendered = template._render_field(field, assessment.ids, compute_lang=True)[
                assessment.id
            ]
            if field == "body_html":
                texts.update(
                    " ".join(chunk.split())
                    for chunk in html.fromstring(rendered).itertext()
                )
            else:
                texts.add(rendered)
        return {text for text in texts if text}

    def test_outcome_letter_in_dutch_and_german(self):
        approver = new_test_user(
            self.env,
            login="pcve_ev_approver",
            name="Anna de Vries",
            groups="pcve_partners.group_pcve_approver",
        )
        partner = self.env["res.partner"].create(
            {"name": "Stichting De Brug", "email": "info@debrug.example.org"}
        )
        for outcome in ("approved", "dialogue_only", "declined"):
            with self.subTest(outcome=outcome):
                assessment = self.env["pcve.partner.assessment"].create(
                    {"partner_id": partner.id, "requested_level": "dialogue"}
                )
                assessment.action_submit()
                assessment.decision_rationale = "Besproken in het overleg."
                decide = assessment.with_user(approver)
                {
                    "approved": decide.action_approve,
                    "dialogue_only": decide.action_dialogue_only,
                    "declined": decide.action_decline,
                }[outcome]()
                self.assertEqual(assessment.outcome, outcome)
                names = {partner.name, approver.name, assessment.company_id.name}
                partner.lang = "en_US"
                english = {
                    text.replace(partner.name, "").strip(" ,")
                    for text in self._letter_texts(assessment)
                    if text not in names and re.search(r"[^\W\d_]{2,}", text)
                }
                self.assertIn("With kind regards", english)
                for lang in LANGS:
                    partner.lang = lang
                    texts = self._letter_texts(assessment)
                    self._assert_no_english(english, texts, "letter")

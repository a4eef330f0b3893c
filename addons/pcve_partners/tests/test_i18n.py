from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.pcve_base.tests.common import load_languages

from .common import PcvePartnersCommon

# Sentences of the English outcome letter that must not survive a translation.
LETTER_EN = [
    "Dear ",
    "Thank you for the time and openness",
    "we assess every partner in the same way",
    "preventing all forms of extremism",
    "we keep this process confidential",
    "We are glad to confirm that we can work together",
    "memorandum of understanding",
    "not in a position",
    "We value your voice",
    "explain our decision in person",
    "our door remains open for dialogue",
    "With kind regards",
    "The municipality",
]

EXPECTED = {
    "nl_NL": {
        "letter": [
            "Beste ",
            "alle vormen van extremisme te voorkomen",
            "we behandelen dit proces vertrouwelijk",
            "Met vriendelijke groet",
        ],
        "approved": "samenwerkingsovereenkomst",
        "dialogue_only": "zetten de dialoog en de uitwisseling met u graag voort",
        "declined": "onze deur blijft open voor dialoog",
        "subject": "Onze samenwerking met ",
        "outcome": {
            "approved": "Goedgekeurd",
            "dialogue_only": "Alleen dialoog",
            "declined": "Afgewezen",
        },
        "state": {"in_review": "Ter beslissing", "decided": "Besloten"},
        "level": {"information_sharing": "Informatie-uitwisseling"},
        "org_type": {"faith_community": "Geloofsgemeenschap"},
        "outcome_string": "Uitkomst",
        "suggestion": "alle vormen van extremisme",
        "message": "wordt gekoppeld aan",
        "move": "Een beoordeling kan niet van Concept naar Besloten gaan.",
    },
    "de_DE": {
        "letter": [
            "Guten Tag ",
            "alle Formen von Extremismus zu verhindern",
            "wir behandeln dieses Verfahren vertraulich",
            "Mit freundlichen Grüßen",
        ],
        "approved": "Kooperationsvereinbarung",
        "dialogue_only": "den Dialog und den Austausch mit Ihnen gerne fortsetzen",
        "declined": "unsere Tür bleibt für den Dialog offen",
        "subject": "Unsere Zusammenarbeit mit ",
        "outcome": {
            "approved": "Genehmigt",
            "dialogue_only": "Nur Dialog",
            "declined": "Abgelehnt",
        },
        "state": {"in_review": "Zur Entscheidung", "decided": "Entschieden"},
        "level": {"information_sharing": "Informationsaustausch"},
        "org_type": {"faith_community": "Glaubensgemeinschaft"},
        "outcome_string": "Ergebnis",
        "suggestion": "alle Formen von Extremismus",
        "message": "in Verbindung gebracht",
        "move": "Eine Prüfung kann nicht von Entwurf zu Entschieden wechseln.",
    },
}


@tagged("post_install", "-at_install")
class TestI18n(PcvePartnersCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["pcve_base", "pcve_partners"], EXPECTED)
        cls.template = cls.env.ref("pcve_partners.mail_template_assessment_outcome")

    def _decided(self, lang, outcome):
        """A decided assessment of a partner who reads ``lang``."""
        partner = self.partner.copy(
            {"name": f"Buurthuis {lang} {outcome}", "lang": lang}
        )
        assessment = self._assessment(partner_id=partner.id)
        assessment.action_submit()
        approver = assessment.with_user(self.approver)
        {
            "approved": approver.action_approve,
            "dialogue_only": approver.action_dialogue_only,
            "declined": approver.action_decline,
        }[outcome](rationale="Rationale.")
        self.assertEqual(assessment.outcome, outcome)
        return assessment

    def test_outcome_letter_in_the_partners_language(self):
        for lang, expected in EXPECTED.items():
            for outcome in ("approved", "dialogue_only", "declined"):
                with self.subTest(lang=lang, outcome=outcome):
                    assessment = self._decided(lang, outcome)
                    body = self.template._render_field(
                        "body_html", assessment.ids, compute_lang=True
                    )[assessment.id]
                    subject = self.template._render_field(
                        "subject", assessment.ids, compute_lang=True
                    )[assessment.id]
                    self.assertIn(assessment.partner_id.name, body)
                    for text in [*expected["letter"], expected[outcome]]:
                        self.assertIn(text, body)
                    for other in {"approved", "dialogue_only", "declined"} - {outcome}:
                        self.assertNotIn(expected[other], body)
                    for english in LETTER_EN:
                        self.assertNotIn(english, body)
                    self.assertEqual(
                        subject, expected["subject"] + assessment.partner_id.name
                    )

    def test_outcome_letter_sent_in_the_partners_language(self):
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                assessment = self._decided(lang, "declined")
                assessment.with_user(self.assessor).action_inform_partner()
                message = assessment.message_ids.filtered(
                    lambda m, a=assessment: a.partner_id in m.partner_ids
                )
                self.assertEqual(len(message), 1)
                self.assertIn(expected["declined"], message.body)
                self.assertNotIn("With kind regards", message.body)

    def test_english_letter_is_kept(self):
        assessment = self._decided("en_US", "approved")
        body = self.template._render_field(
            "body_html", assessment.ids, compute_lang=True
        )[assessment.id]
        self.assertIn("memorandum of understanding", body)

    def test_selection_labels_and_field_strings(self):
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                Assessment = self.Assessment.with_context(lang=lang)
                fields = Assessment.fields_get(
                    ["outcome", "state", "requested_level"], ["string", "selection"]
                )
                for field, key in (
                    ("outcome", "outcome"),
                    ("state", "state"),
                    ("requested_level", "level"),
                ):
                    labels = dict(fields[field]["selection"])
                    for value, label in expected[key].items():
                        self.assertEqual(labels[value], label)
                self.assertEqual(
                    fields["outcome"]["string"], expected["outcome_string"]
                )
                partner_fields = (
                    self.env["res.partner"]
                    .with_context(lang=lang)
                    .fields_get(["pcve_org_type"], ["selection"])
                )
                labels = dict(partner_fields["pcve_org_type"]["selection"])
                for value, label in expected["org_type"].items():
                    self.assertEqual(labels[value], label)

    def test_language_rules_translated(self):
        rule = self.env.ref("pcve_base.language_rule_en_communities")
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                Rule = self.env["pcve.language.rule"].with_context(lang=lang)
                self.assertIn(
                    expected["suggestion"], rule.with_context(lang=lang).suggestion
                )
                warnings = Rule.check_text("Muslim extremists.", lang="en")
                self.assertEqual([w["rule_id"] for w in warnings], rule.ids)
                self.assertIn(expected["message"], warnings[0]["message"])
                self.assertIn(expected["suggestion"], warnings[0]["suggestion"])

    def test_preview_outcome_letter_from_the_form(self):
        assessment = self._decided("nl_NL", "dialogue_only")
        action = assessment.with_user(self.assessor).action_preview_outcome_letter()
        self.assertEqual(action["res_model"], "mail.template.preview")
        preview = Form(
            self.env["mail.template.preview"]
            .with_user(self.assessor)
            .with_context(**action["context"])
        )
        self.assertFalse(preview.error_msg)
        self.assertIn(EXPECTED["nl_NL"]["dialogue_only"], preview.body_html)
        self.assertTrue(preview.subject.startswith(EXPECTED["nl_NL"]["subject"]))
        preview.lang = "de_DE"
        self.assertIn(EXPECTED["de_DE"]["dialogue_only"], preview.body_html)
        # Approvers decide and may preview too; staff cannot read assessments.
        assessment.with_user(self.approver).action_preview_outcome_letter()
        with self.assertRaises(AccessError):
            assessment.with_user(self.staff).action_preview_outcome_letter()
        self.assertFalse(assessment.partner_informed_date, "a preview sends nothing")

    def test_no_letter_preview_before_the_decision(self):
        assessment = self._assessment()
        with self.assertRaisesRule(UserError, "once the assessment is decided"):
            assessment.action_preview_outcome_letter()

    def test_state_move_message_in_users_language(self):
        """The states in the message are the user's labels, not the keys."""
        assessment = self._assessment()
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                approver = new_test_user(
                    self.env,
                    login=f"t_approver_{lang}",
                    groups="pcve_partners.group_pcve_approver",
                    lang=lang,
                )
                # a web request: the user's language in the context
                context = approver.with_user(approver).context_get()
                with self.assertRaises(UserError) as cm:
                    assessment.with_user(approver).with_context(
                        **context
                    ).action_approve()
                self.assertEqual(str(cm.exception), expected["move"])
                self.assertEqual(assessment.state, "draft")

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PcvePartnersCommon


@tagged("post_install", "-at_install")
class TestLanguageRule(PcvePartnersCommon):
    def test_flags_community_linked_with_threat(self):
        Rule = self.env["pcve.language.rule"].with_user(self.employee)
        warnings = Rule.check_text("We must stop the radicalisation of Muslims.")
        self.assertEqual(len(warnings), 1)
        self.assertIn("muslims", warnings[0]["terms"]["community"])
        self.assertIn("radicalisation", warnings[0]["terms"]["threat"])
        self.assertIn("all forms of extremism", warnings[0]["suggestion"])

    def test_inclusive_wording_passes(self):
        Rule = self.env["pcve.language.rule"]
        ok = (
            "Muslims, Christians and secular residents work together against all "
            "forms of extremism. Refugees are part of the solution."
        )
        self.assertEqual(Rule.check_text(ok), [])
        self.assertEqual(Rule.check_text("Parking and housing in Riverside."), [])

    def test_link_only_within_a_sentence(self):
        Rule = self.env["pcve.language.rule"]
        self.assertEqual(
            Rule.check_text("We welcome refugees. Terrorism is a crime."), []
        )

    def test_dutch_rules(self):
        Rule = self.env["pcve.language.rule"]
        warnings = Rule.check_text(
            "Radicalisering onder Marokkaanse jongeren.", lang="nl_NL"
        )
        self.assertEqual(len(warnings), 1)
        self.assertEqual(
            Rule.check_text(
                "Samen tegen alle vormen van extremisme, met moskeeën.", "nl"
            ),
            [],
        )
        # English rules do not apply to a Dutch-only check, and vice versa.
        self.assertEqual(Rule.check_text("Muslim terrorism", lang="nl"), [])

    def test_german_rules(self):
        Rule = self.env["pcve.language.rule"]
        warnings = Rule.check_text(
            "Wir müssen die Radikalisierung junger Muslime in Moscheen stoppen.",
            lang="de_DE",
        )
        self.assertEqual(len(warnings), 1)
        self.assertEqual(
            warnings[0]["rule_id"],
            self.env.ref("pcve_base.language_rule_de_communities").id,
        )
        self.assertEqual(warnings[0]["terms"]["community"], ["muslime", "moscheen"])
        self.assertEqual(warnings[0]["terms"]["threat"], ["radikalisierung"])
        self.assertIn("alle Formen von Extremismus", warnings[0]["suggestion"])
        self.assertTrue(
            Rule.check_text("Terror durch Flüchtlinge und Zuwanderer?", lang="de")
        )
        inclusive = (
            "Gemeinsam mit Muslimen, Juden, Christen und Geflüchteten arbeiten wir "
            "gegen alle Formen von Extremismus. Moscheen und Vereine sind Teil der "
            "Lösung; wir verhindern jede Form von Extremismus."
        )
        self.assertEqual(Rule.check_text(inclusive, lang="de"), [])
        # German rules do not apply to a Dutch-only check.
        self.assertEqual(Rule.check_text("Türkische Extremisten", lang="nl"), [])

    def test_html_and_bad_input(self):
        Rule = self.env["pcve.language.rule"]
        self.assertTrue(Rule.check_text("<p>Migrant <b>extremists</b></p>"))
        self.assertEqual(Rule.check_text(None), [])
        self.assertEqual(Rule.check_text(12345), [])

    def test_managers_add_rules(self):
        rule = (
            self.env["pcve.language.rule"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Neighbourhood labels",
                    "community_terms": "northside",
                    "threat_terms": "gang",
                    "suggestion": "Speak of young people in Northside, not of gangs.",
                }
            )
        )
        warnings = self.env["pcve.language.rule"].check_text("Northside gangs again")
        self.assertEqual([w["rule_id"] for w in warnings], [rule.id])
        with self.assertRaises(ValidationError):
            rule.community_terms = " , "

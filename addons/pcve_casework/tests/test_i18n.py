from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.pcve_base.tests.common import load_languages

from .common import CaseworkCommon

# Parts of the English pairing-rule message that must not survive a translation,
# the rule itself included.
PAIRING_EN = [
    "Case ",
    "volunteer",
    "always paired",
    "social worker",
    "psychologist",
    "Add an active social worker or psychologist",
    "before a faith volunteer",
    "do not end or remove the last one",
    "while the volunteer is on the team",
]

EXPECTED = {
    "nl_NL": {
        "stage": {
            "signal": "Signaal",
            "assessment": "Beoordeling",
            "intervention": "Interventie",
            "closed": "Afgesloten",
        },
        "concern_type": {
            "right_wing": "Rechts-extremisme",
            "left_wing": "Links-extremisme",
            "religiously_motivated": "Religieus gemotiveerd extremisme",
            "unclear": "Onduidelijk / gemengd",
        },
        "role": {
            "social_worker": "Maatschappelijk werker",
            "faith_volunteer": "Vrijwilliger vanuit geloofsgemeenschap",
            "psychologist": "Psycholoog",
            "teacher": "Leraar",
        },
        "concern_string": "Aard van de zorg",
        "stage_move": "kan niet van Beoordeling naar Nazorg gaan",
        "pairing": [
            "Casus ",
            "een vrijwilliger vanuit geloofsgemeenschap wordt altijd",
            "Voeg een actieve maatschappelijk werker of psycholoog toe",
            "vóór een vrijwilliger vanuit geloofsgemeenschap",
            "zolang de vrijwilliger in het team zit",
        ],
    },
    "de_DE": {
        "stage": {
            "signal": "Hinweis",
            "assessment": "Einschätzung",
            "closed": "Abgeschlossen",
        },
        "concern_type": {
            "right_wing": "Rechtsextremismus",
            "left_wing": "Linksextremismus",
            "religiously_motivated": "Religiös motivierter Extremismus",
            "unclear": "Unklar / gemischt",
        },
        "role": {
            "social_worker": "Sozialarbeiter/in",
            "faith_volunteer": "Ehrenamtliche/r aus der Glaubensgemeinschaft",
            "psychologist": "Psychologe/Psychologin",
            "teacher": "Lehrkraft",
        },
        "concern_string": "Phänomenbereich",
        "stage_move": "kann nicht von Einschätzung zu Nachsorge wechseln",
        "pairing": [
            "Fall ",
            "Ehrenamtlichen aus der Glaubensgemeinschaft steht immer",
            "vor einer/einem Ehrenamtlichen aus der Glaubensgemeinschaft",
            "eine aktive Sozialarbeiterin, einen aktiven Sozialarbeiter",
            "solange die/der Ehrenamtliche im Team ist",
        ],
    },
}


@tagged("post_install", "-at_install")
class TestI18n(CaseworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["pcve_base", "pcve_casework"], EXPECTED)
        cls.managers = {
            code: new_test_user(
                cls.env,
                login=f"pcve_t_manager_{code}",
                groups="pcve_casework.group_case_manager",
                lang=code,
            )
            for code in EXPECTED
        }

    def _env_of(self, user):
        """The environment of a web request by ``user``: his language in the context."""
        return self.env(user=user, context=user.with_user(user).context_get())

    def test_selection_labels(self):
        english = {
            "stage": dict(self.Case._fields["stage"].selection),
            "concern_type": dict(self.Case._fields["concern_type"].selection),
            "role": dict(self.env["pcve.case.member"]._fields["role"].selection),
        }
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                env = self._env_of(self.managers[lang])
                case_fields = env["pcve.case"].fields_get(
                    ["stage", "concern_type"], ["string", "selection"]
                )
                member_fields = env["pcve.case.member"].fields_get(
                    ["role"], ["selection"]
                )
                labels = {
                    "stage": dict(case_fields["stage"]["selection"]),
                    "concern_type": dict(case_fields["concern_type"]["selection"]),
                    "role": dict(member_fields["role"]["selection"]),
                }
                for field in ("stage", "concern_type", "role"):
                    for value, label in expected[field].items():
                        self.assertEqual(labels[field][value], label)
                        self.assertNotEqual(label, english[field][value])
                self.assertEqual(
                    case_fields["concern_type"]["string"], expected["concern_string"]
                )

    def test_pairing_rule_message_in_users_language(self):
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                env = self._env_of(self.managers[lang])
                with self.assertRaises(ValidationError) as cm:
                    env["pcve.case.member"].create(
                        {
                            "case_id": self.other_case.id,
                            "user_id": self.imam.id,
                            "role": "faith_volunteer",
                            "acting_on_behalf_of_id": self.initiative.id,
                        }
                    )
                message = str(cm.exception)
                self.assertIn(self.other_case.name, message)
                for text in expected["pairing"]:
                    self.assertIn(text, message)
                for english in PAIRING_EN:
                    self.assertNotIn(english, message)
                self.assertNotIn(
                    "faith_volunteer", self.other_case.member_ids.mapped("role")
                )

    def test_stage_move_message_in_users_language(self):
        """The stage names in the message are the user's labels, not English."""
        self.other_case.action_start_assessment()
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                case = self.other_case.with_env(self._env_of(self.managers[lang]))
                with self.assertRaises(UserError) as cm:
                    case.action_start_monitoring()
                message = str(cm.exception)
                self.assertIn(expected["stage_move"], message)
                for english in ("Case ", "Assessment", "cannot move"):
                    self.assertNotIn(english, message)
                self.assertEqual(self.other_case.stage, "assessment")

    def test_english_message_is_kept(self):
        with self.assertRaises(ValidationError) as cm:
            self.env["pcve.case.member"].with_user(self.manager).create(
                {
                    "case_id": self.other_case.id,
                    "user_id": self.imam.id,
                    "role": "faith_volunteer",
                    "acting_on_behalf_of_id": self.initiative.id,
                }
            )
        self.assertIn("Add an active social worker or psychologist", str(cm.exception))

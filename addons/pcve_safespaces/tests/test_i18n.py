from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.pcve_base.tests.common import load_languages

from .common import SafespacesCommon

# Sentences of the English invitation that must not survive a translation.
INVITATION_EN = [
    "Dear ",
    "You are invited to",
    "The conversation is moderated by",
    "So that you know in advance who will be there",
    "Invited but not coming",
    "Nobody else yet",
    "This is a confidential session",
    "please do not share the names",
    "The attached calendar file",
    "March",
]

EXPECTED = {
    "nl_NL": {
        "invitation": [
            "Beste ",
            "U bent uitgenodigd voor",
            "5 maart 2030",
            "Het gesprek wordt geleid door Fatima Bakker",
            "ziet u hier wie er nog meer zijn uitgenodigd",
            "Uitgenodigd, maar verhinderd:",
            "Met het bijgevoegde agendabestand",
        ],
        "confidential": "Dit is een vertrouwelijke bijeenkomst",
        "nobody_else": "Nog niemand anders.",
        "subject": "Uitnodiging: ",
        "format": {"dialogue_circle": "Dialoogkring", "open_doors": "Open huis"},
        "state": {"confirmed": "Bevestigd", "held": "Gehouden"},
        "invitation_state": {"declined": "Afgemeld", "attended": "Aanwezig geweest"},
        "topic": {"housing": "Wonen", "traffic_safety": "Verkeersveiligheid"},
        "concern_state": {"responded": "Beantwoord"},
        "topic_record": "Extremisme (alle vormen)",
        "playbook_step": "De stille middengroep activeren",
        "nobody_invited": "Er is nog niemand uitgenodigd voor",
    },
    "de_DE": {
        "invitation": [
            "Guten Tag ",
            "wir laden Sie herzlich ein zu",
            "5. März 2030",
            "Die Moderation übernimmt Fatima Bakker",
            "sehen Sie hier, wer noch eingeladen ist",
            "Eingeladen, aber verhindert:",
            "Mit der angehängten Kalenderdatei",
        ],
        "confidential": "Dies ist ein vertrauliches Treffen",
        "nobody_else": "Bisher niemand sonst.",
        "subject": "Einladung: ",
        "format": {
            "dialogue_circle": "Gesprächskreis",
            "open_doors": "Tag der offenen Tür",
        },
        "state": {"confirmed": "Bestätigt", "held": "Stattgefunden"},
        "invitation_state": {"declined": "Abgesagt", "attended": "Teilgenommen"},
        "topic": {"housing": "Wohnen", "traffic_safety": "Verkehrssicherheit"},
        "concern_state": {"responded": "Beantwortet"},
        "topic_record": "Extremismus (alle Formen)",
        "playbook_step": "Die schweigende Mitte aktivieren",
        "nobody_invited": "ist noch niemand eingeladen",
    },
}


@tagged("post_install", "-at_install")
class TestI18n(SafespacesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["pcve_base", "pcve_safespaces"], EXPECTED)
        cls.template = cls.env.ref(
            "pcve_safespaces.pcve_safespace_invitation_mail_template"
        )
        cls.centre.write({"capacity": 0, "city": "Utrecht"})
        cls.session = cls.env["pcve.safespace.session"].create(
            cls._session_values(
                name="Buurttafel Kanaalwijk", organiser_id=cls.organiser.id
            )
        )
        cls.invitees.write({"tz": "Europe/Amsterdam"})
        cls.invitations = cls.env["pcve.safespace.invitation"].create(
            [
                {"session_id": cls.session.id, "partner_id": partner.id}
                for partner in cls.invitees
            ]
        )
        cls.invitations[3].state = "declined"

    def _render(self, invitation, field="body_html"):
        return self.template._render_field(field, invitation.ids, compute_lang=True)[
            invitation.id
        ]

    def test_invitation_in_the_invitees_language(self):
        for invitation, (lang, expected) in zip(
            self.invitations, EXPECTED.items(), strict=False
        ):
            with self.subTest(lang=lang):
                invitation.partner_id.lang = lang
                body = self._render(invitation)
                self.assertIn(invitation.partner_id.name, body)
                self.assertIn("Buurthuis De Brug", body)
                self.assertIn("Utrecht", body)
                self.assertIn("Invitee 3", body, "declined invitee listed")
                for text in [*expected["invitation"], expected["confidential"]]:
                    self.assertIn(text, body)
                self.assertNotIn(expected["nobody_else"], body)
                for english in INVITATION_EN:
                    self.assertNotIn(english, body)
                self.assertEqual(
                    self._render(invitation, "subject"),
                    expected["subject"] + "Buurttafel Kanaalwijk",
                )

    def test_invitation_date_in_the_invitees_time_zone_without_seconds(self):
        """ "5 March 2030 at 19:00:00 +0100" was how the date came out."""
        expected = {
            "nl_NL": "dinsdag 5 maart 2030 om 19:00",
            "de_DE": "Dienstag, 5. März 2030 um 19:00",
            "en_US": "Tuesday, March 5, 2030 at 7:00 PM",
        }
        invitation = self.invitations[0]
        for lang, when in expected.items():
            with self.subTest(lang=lang):
                invitation.partner_id.lang = lang
                body = self._render(invitation)
                self.assertIn(when, body)
                for wrong in ("19:00:00", "7:00:00", "+0100", "CET", "MEZ", "UTC"):
                    self.assertNotIn(wrong, body)
        # Lisbon is an hour behind; without a time zone, the organiser's
        invitation.partner_id.write({"lang": "en_US", "tz": "Europe/Lisbon"})
        self.assertIn("at 6:00 PM", self._render(invitation))
        self.organiser.tz = "Asia/Kolkata"
        invitation.partner_id.tz = False
        self.assertIn("March 5, 2030 at 11:30 PM", self._render(invitation))

    def test_invitation_alone_and_not_confidential(self):
        session = self._create_session(name="Open huis", confidential=False)
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                partner = self.invitees[0].copy({"name": f"Alone {lang}", "lang": lang})
                invitation = self.env["pcve.safespace.invitation"].create(
                    {"session_id": session.id, "partner_id": partner.id}
                )
                body = self._render(invitation)
                self.assertIn(expected["nobody_else"], body)
                self.assertNotIn(expected["confidential"], body)
                invitation.unlink()

    def test_invitation_sent_in_each_invitees_language(self):
        langs = ["nl_NL", "de_DE", "en_US"]
        for invitation, lang in zip(self.invitations, langs, strict=False):
            invitation.partner_id.lang = lang
        self.session.with_user(self.organiser).action_send_invitations()
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "pcve.safespace.invitation"),
                ("res_id", "in", self.invitations.ids),
            ]
        )
        self.assertEqual(len(mails), 3, "the declined invitee is not mailed")
        for invitation, lang in zip(self.invitations, langs, strict=False):
            with self.subTest(lang=lang):
                mail = mails.filtered(lambda m, i=invitation: m.res_id == i.id)
                if lang == "en_US":
                    self.assertIn("You are invited to", mail.body_html)
                    self.assertEqual(mail.subject, "Invitation: Buurttafel Kanaalwijk")
                    continue
                self.assertIn(EXPECTED[lang]["invitation"][1], mail.body_html)
                self.assertTrue(mail.subject.startswith(EXPECTED[lang]["subject"]))
                for english in INVITATION_EN:
                    self.assertNotIn(english, mail.body_html)

    def test_selection_labels(self):
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                env = self.env(context=dict(self.env.context, lang=lang))
                session_fields = env["pcve.safespace.session"].fields_get(
                    ["format", "state"], ["selection"]
                )
                concern_fields = env["pcve.concern"].fields_get(
                    ["topic", "state"], ["selection"]
                )
                invitation_fields = env["pcve.safespace.invitation"].fields_get(
                    ["state"], ["selection"]
                )
                for fields, field, key in (
                    (session_fields, "format", "format"),
                    (session_fields, "state", "state"),
                    (concern_fields, "topic", "topic"),
                    (concern_fields, "state", "concern_state"),
                    (invitation_fields, "state", "invitation_state"),
                ):
                    labels = dict(fields[field]["selection"])
                    for value, label in expected[key].items():
                        self.assertEqual(labels[value], label)

    def test_seeded_records_and_errors(self):
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                env = self.env(context=dict(self.env.context, lang=lang))
                topic = env.ref("pcve_safespaces.topic_extremism")
                self.assertEqual(topic.name, expected["topic_record"])
                step = env.ref("pcve_safespaces.playbook_step_silent_middle")
                self.assertEqual(step.name, expected["playbook_step"])
                self.assertNotIn("silent middle", step.description)
                empty = self._create_session().with_env(env)
                with self.assertRaisesRule(UserError, expected["nobody_invited"]):
                    empty.action_send_invitations()

    def test_preview_invitation_from_the_session(self):
        self.invitations[0].partner_id.lang = "de_DE"
        session = self.session.with_user(self.organiser)
        action = session.action_preview_invitation()
        self.assertEqual(action["res_model"], "mail.template.preview")
        preview = Form(
            self.env["mail.template.preview"]
            .with_user(self.organiser)
            .with_context(**action["context"])
        )
        self.assertFalse(preview.error_msg)
        self.assertEqual(preview.subject, "Einladung: Buurttafel Kanaalwijk")
        for text in EXPECTED["de_DE"]["invitation"]:
            self.assertIn(text, preview.body_html)
        self.assertIn("Invitee 1", preview.body_html, "who else is invited")
        preview.lang = "nl_NL"
        self.assertIn(EXPECTED["nl_NL"]["invitation"][1], preview.body_html)
        # Only the organiser (and managers) see the invitations of a session.
        for user in (self.other_organiser, self.user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.session.with_user(user).action_preview_invitation()
        self.assertFalse(
            self.invitations.filtered("sent_on"), "a preview sends nothing"
        )
        empty = self._create_session(user=self.organiser)
        with self.assertRaisesRule(UserError, "Nobody is invited"):
            empty.action_preview_invitation()

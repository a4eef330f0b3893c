from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.pcve_base.tests.common import load_languages

from .common import SafespacesCommon

# Sentences of the English reply that must not survive a translation.
REPLY_EN = [
    "Dear ",
    "you shared a concern with us",
    "Thank you for taking the time",
    "listening to what matters to you",
    "Here is what we did with it",
    "You said:",
    "We did:",
    "If this does not fully answer your concern",
    "We would like to keep listening",
    "With kind regards",
    "March",
]

EXPECTED = {
    "nl_NL": {
        "reply": [
            "Beste Buurtvereniging Kanaalwijk",
            "Op 1 maart 2025 deelde u een zorg met ons",
            "Wat u ons vertelde:",
            "Wat wij hebben gedaan:",
            "Met vriendelijke groet",
        ],
        "subject": "U vroeg, wij deden: ",
    },
    "de_DE": {
        "reply": [
            "Guten Tag Buurtvereniging Kanaalwijk",
            "am 1. März 2025 haben Sie uns ein Anliegen mitgeteilt",
            "Ihr Anliegen:",
            "Was wir getan haben:",
            "Mit freundlichen Grüßen",
        ],
        "subject": "Ihr Anliegen und was wir getan haben: ",
    },
}


@tagged("post_install", "-at_install")
class TestConcernReply(SafespacesCommon):
    """The 'you said, we did' reply: in the partner's language, previewed and
    sent by those who may see the concern, logged in the chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["pcve_base", "pcve_safespaces"], EXPECTED)
        cls.template = cls.env.ref("pcve_safespaces.mail_template_concern_reply")
        cls.association = cls.env["res.partner"].create(
            {
                "name": "Buurtvereniging Kanaalwijk",
                "email": "bestuur@kanaalwijk.example.org",
                "is_company": True,
            }
        )
        cls.concern = cls._responded(cls.user, "No safe crossing near the school")
        # Raised in a confidential session of the organiser: hidden from users.
        cls.confidential_session = cls.env["pcve.safespace.session"].create(
            cls._session_values(organiser_id=cls.organiser.id)
        )
        cls.confidential = cls._responded(
            cls.organiser,
            "Threats against the prayer room",
            session_id=cls.confidential_session.id,
        )

    @classmethod
    def _responded(cls, user, name, **values):
        concern = (
            cls.env["pcve.concern"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "topic": "traffic_safety",
                    "community_id": cls.community.id,
                    "raised_on": "2025-03-01",
                    "raised_by_partner_id": cls.association.id,
                    "description": "<p>Children cross the busy road at 8 am.</p>",
                    "response": "<p>A zebra crossing is painted in April.</p>",
                    **values,
                }
            )
        )
        concern.action_respond()
        return concern

    def _render(self, concern, field="body_html"):
        return self.template._render_field(field, concern.ids, compute_lang=True)[
            concern.id
        ]

    def test_reply_in_the_partners_language(self):
        for lang, expected in EXPECTED.items():
            with self.subTest(lang=lang):
                self.association.lang = lang
                body = self._render(self.concern)
                for text in expected["reply"]:
                    self.assertIn(text, body)
                self.assertIn("No safe crossing near the school", body)
                self.assertIn("Children cross the busy road", body)
                self.assertIn("A zebra crossing is painted in April.", body)
                for english in REPLY_EN:
                    self.assertNotIn(english, body)
                self.assertEqual(
                    self._render(self.concern, "subject"),
                    expected["subject"] + "No safe crossing near the school",
                )

    def test_english_reply(self):
        self.association.lang = "en_US"
        body = self._render(self.concern)
        for english in REPLY_EN:
            self.assertIn(english, body)

    def _preview(self, user, action):
        self.assertEqual(action["res_model"], "mail.template.preview")
        return Form(
            self.env["mail.template.preview"]
            .with_user(user)
            .with_context(**action["context"])
        )

    def test_preview_from_the_form(self):
        self.association.lang = "nl_NL"
        action = self.concern.with_user(self.user).action_preview_reply()
        preview = self._preview(self.user, action)
        self.assertIn("Wat wij hebben gedaan:", preview.body_html)
        self.assertEqual(
            preview.subject, "U vroeg, wij deden: No safe crossing near the school"
        )
        self.assertFalse(preview.error_msg)
        self.assertEqual(preview.partner_ids[:], self.association)
        # The preview can force another language.
        preview.lang = "de_DE"
        self.assertIn("Was wir getan haben:", preview.body_html)
        preview.lang = "en_US"
        self.assertIn("We did:", preview.body_html)

    def test_confidential_concern_stays_hidden(self):
        organiser_preview = self._preview(
            self.organiser,
            self.confidential.with_user(self.organiser).action_preview_reply(),
        )
        self.assertIn("Threats against the prayer room", organiser_preview.body_html)
        with self.assertRaises(AccessError):
            self.confidential.with_user(self.user).action_preview_reply()
        with self.assertRaises(AccessError):
            self.confidential.with_user(self.user).action_send_reply()
        # Pointing the preview at the concern directly shows no content either.
        preview = self._preview(
            self.user,
            {
                "res_model": "mail.template.preview",
                "context": {
                    "default_mail_template_id": self.template.id,
                    "default_resource_ref": f"pcve.concern,{self.confidential.id}",
                },
            },
        )
        self.assertNotIn("prayer room", preview.body_html or "")
        self.assertNotIn("prayer room", preview.subject or "")
        self.assertTrue(preview.error_msg)

    def test_send_reply_posts_in_the_chatter_and_reports_back(self):
        self.association.lang = "de_DE"
        action = self.concern.with_user(self.user).action_send_reply()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.user)
            .with_context(**action["context"])
        )
        self.assertIn("Was wir getan haben:", composer.body)
        composer.save().action_send_mail()
        message = self.concern.message_ids.filtered(
            lambda m: self.association in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.message_type, "comment")
        self.assertIn("Was wir getan haben:", message.body)
        self.assertTrue(message.subject.startswith(EXPECTED["de_DE"]["subject"]))
        self.assertTrue(self.concern.reported_back)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.recipient_ids, self.association)

    def test_send_reply_needs_a_response_and_an_address(self):
        concern = (
            self.env["pcve.concern"]
            .with_user(self.user)
            .create(
                {
                    "name": "Bins not emptied",
                    "raised_by_partner_id": self.association.id,
                }
            )
        )
        with self.assertRaisesRule(UserError, "record the response"):
            concern.action_send_reply()
        self.concern.raised_by_partner_id = False
        with self.assertRaisesRule(UserError, "with an email address"):
            self.concern.with_user(self.user).action_send_reply()
        self.assertFalse(self.concern.reported_back)

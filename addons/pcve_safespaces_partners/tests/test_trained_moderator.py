from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.pcve_safespaces.tests.common import SafespacesRpcCommon

SESSION = "pcve.safespace.session"
SETTING = "pcve_trained_moderator_required"
RULE = "Trained moderator rule"


@tagged("post_install", "-at_install")
class TestTrainedModerator(SafespacesRpcCommon):
    """With the company's setting on, a confidential session is confirmed only
    with a moderator who holds a valid safe-space moderation training: by the
    button, a direct write and over XML-RPC, as the organiser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        Partner = cls.env["res.partner"]
        cls.trained = Partner.create({"name": "Trained Moderator"})
        cls.expired = Partner.create({"name": "Expired Moderator"})
        cls.briefed = Partner.create({"name": "Briefed Volunteer"})
        Training = cls.env["pcve.training"]
        moderation = Training.create(
            {"name": "Moderating safe spaces", "kind": "safe_space_moderation"}
        )
        briefing = Training.create(
            {
                "name": "Briefing for faith volunteers",
                "kind": "faith_volunteer_briefing",
            }
        )
        cls.env["pcve.training.participation"].create(
            [
                {
                    "training_id": moderation.id,
                    "partner_id": cls.trained.id,
                    "valid_until": today,
                },
                {
                    "training_id": moderation.id,
                    "partner_id": cls.expired.id,
                    "completed_on": today - timedelta(days=400),
                    "valid_until": today - timedelta(days=1),
                },
                {"training_id": briefing.id, "partner_id": cls.briefed.id},
            ]
        )
        # cls.moderator (the fixtures' moderator) holds no training at all
        cls.untrained = (cls.moderator, cls.expired, cls.briefed)

    def _require(self, company=None):
        (company or self.env.company).write({SETTING: True})

    def _refused(self, session, vals=None):
        """Confirming ``session`` (or writing ``vals``) is refused by the
        button, a direct write and over XML-RPC; nothing changes."""
        before = (session.state, session.moderator_partner_id)
        mine = session.with_user(self.organiser)
        if vals is None:
            with self.assertRaisesRule(ValidationError, RULE):
                mine.action_confirm()
            with self.assertRpcRefused(RULE):
                self.rpc(self.organiser, SESSION, "action_confirm", session.ids)
            vals = {"state": "confirmed"}
        with self.assertRaisesRule(ValidationError, RULE):
            mine.write(vals)
        with self.assertRpcRefused(RULE):
            self.rpc(self.organiser, SESSION, "write", session.ids, vals)
        session.invalidate_recordset()
        self.assertEqual((session.state, session.moderator_partner_id), before)

    def test_setting_off_confirms_with_any_moderator(self):
        self.assertFalse(self.env.company[SETTING], "off by default")
        session = self._create_session(self.organiser)
        self.assertIs(session.with_user(self.organiser).action_confirm(), True)
        self.assertEqual(session.state, "confirmed")

    def test_untrained_moderators_refused(self):
        self._require()
        for moderator in self.untrained:
            with self.subTest(moderator=moderator.name):
                session = self._create_session(
                    self.organiser, moderator_partner_id=moderator.id
                )
                self._refused(session)
                # nor with a trained one set aside in the same write
                self._refused(
                    session.with_user(self.organiser).copy(
                        {"moderator_partner_id": self.trained.id}
                    ),
                    {"state": "confirmed", "moderator_partner_id": moderator.id},
                )

    def test_trained_moderator_confirms(self):
        self._require()
        session = self._create_session(
            self.organiser, moderator_partner_id=self.trained.id
        )
        self.assertIs(session.with_user(self.organiser).action_confirm(), True)
        other = self._create_session(self.organiser)
        vals = {"state": "confirmed", "moderator_partner_id": self.trained.id}
        self.assertIs(self.rpc(self.organiser, SESSION, "write", other.ids, vals), True)
        self.assertEqual((session | other).mapped("state"), ["confirmed", "confirmed"])

    def test_non_confidential_sessions_are_not_gated(self):
        self._require()
        session = self._create_session(self.organiser, confidential=False)
        self.assertIs(
            self.rpc(self.organiser, SESSION, "action_confirm", session.ids), True
        )
        session.invalidate_recordset()
        self.assertEqual(session.state, "confirmed")
        # made confidential once confirmed, it passes the same rule
        self._refused(session, {"confidential": True})

    def test_a_confirmed_session_keeps_a_trained_moderator(self):
        self._require()
        session = self._create_session(
            self.organiser, moderator_partner_id=self.trained.id
        )
        session.with_user(self.organiser).action_confirm()
        self._refused(session, {"moderator_partner_id": self.expired.id})

    def test_the_setting_is_the_companys(self):
        elsewhere = self.env["res.company"].create({"name": "Gemeente Elders"})
        self._require(elsewhere)
        session = self._create_session(self.organiser)
        self.assertIs(session.with_user(self.organiser).action_confirm(), True)
        session_b = self.env[SESSION].create(
            self._session_values(company_id=elsewhere.id, venue_id=False)
        )
        with self.assertRaisesRule(ValidationError, RULE):
            session_b.action_confirm()
        session_b.moderator_partner_id = self.trained
        self.assertIs(session_b.action_confirm(), True)

    def test_only_the_companys_settings_managers_change_it(self):
        elsewhere = self.env["res.company"].create({"name": "Gemeente Elders"})
        settings_manager = new_test_user(
            self.env, login="ss_settings", groups="base.group_system"
        )
        company = self.env.company
        for user in (self.organiser, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRule(AccessError, "settings managers"):
                    company.with_user(user).write({SETTING: True})
                with self.assertRpcRefused("settings managers"):
                    self.rpc(user, "res.company", "write", company.ids, {SETTING: True})
        with self.assertRpcRefused("settings managers"):
            self.rpc(
                settings_manager, "res.company", "write", elsewhere.ids, {SETTING: True}
            )
        self.assertFalse(company[SETTING] or elsewhere[SETTING])
        settings = self.rpc(
            settings_manager, "res.config.settings", "create", {SETTING: True}
        )
        self.rpc(settings_manager, "res.config.settings", "execute", [settings])
        self.env.invalidate_all()
        self.assertTrue(company[SETTING])
        self.assertFalse(elsewhere[SETTING])
        # shown in the settings block of the suite, for the current company
        form = self.env["res.config.settings"].get_views([(False, "form")])
        self.assertIn(f'name="{SETTING}"', form["views"]["form"]["arch"])

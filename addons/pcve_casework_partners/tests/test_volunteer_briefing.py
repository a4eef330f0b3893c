from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.pcve_base.tests.common import RpcCase
from odoo.addons.pcve_casework.tests.common import CaseworkSetup

MEMBER = "pcve.case.member"
SETTING = "pcve_volunteer_briefing_required"
RULE = "Briefing rule"


@tagged("post_install", "-at_install")
class TestVolunteerBriefing(RpcCase, CaseworkSetup, HttpCase):
    """With the company's setting on, a faith volunteer joins a case team
    only with a valid briefing: as the case manager, through the ORM and
    XML-RPC, on every path that makes a membership give access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        Training = cls.env["pcve.training"]
        cls.briefing = Training.create(
            {
                "name": "Briefing for faith volunteers",
                "kind": "faith_volunteer_briefing",
            }
        )
        cls.moderation = Training.create(
            {"name": "Moderating safe spaces", "kind": "safe_space_moderation"}
        )
        cls.briefed = new_test_user(
            cls.env, login="pcve_t_briefed", groups="pcve_casework.group_case_volunteer"
        )
        cls.contact_briefed = new_test_user(
            cls.env,
            login="pcve_t_cbriefed",
            groups="pcve_casework.group_case_volunteer",
        )
        cls.expired = new_test_user(
            cls.env, login="pcve_t_expired", groups="pcve_casework.group_case_volunteer"
        )
        cls.moderator = new_test_user(
            cls.env, login="pcve_t_moder", groups="pcve_casework.group_case_volunteer"
        )
        month_ago = cls.today - timedelta(days=30)
        cls.env["pcve.training.participation"].create(
            [
                {"training_id": cls.briefing.id, "user_id": cls.briefed.id},
                {
                    "training_id": cls.briefing.id,
                    "partner_id": cls.contact_briefed.partner_id.id,
                    "valid_until": cls.today,
                },
                {
                    "training_id": cls.briefing.id,
                    "user_id": cls.expired.id,
                    "completed_on": month_ago,
                    "valid_until": cls.today - timedelta(days=1),
                },
                {"training_id": cls.moderation.id, "user_id": cls.moderator.id},
            ]
        )

    def _values(self, user, case=None):
        return {
            "case_id": (case or self.case).id,
            "user_id": user.id,
            "role": "faith_volunteer",
            "acting_on_behalf_of_id": self.initiative.id,
        }

    def _require(self, company=None, value=True):
        (company or self.env.company).write({SETTING: value})

    def test_setting_off_lets_anybody_join(self):
        self.assertFalse(self.env.company[SETTING], "off by default")
        member = (
            self.env[MEMBER].with_user(self.manager).create(self._values(self.expired))
        )
        self.assertTrue(member.is_current)
        self.assertTrue(
            self.rpc(self.manager, MEMBER, "create", self._values(self.moderator))
        )

    def test_unbriefed_volunteers_refused(self):
        self._require()
        Member = self.env[MEMBER].with_user(self.manager)
        for user in (self.other_volunteer, self.expired, self.moderator):
            with self.subTest(user=user.login):
                with self.assertRaisesRule(ValidationError, RULE):
                    Member.create(self._values(user))
                with self.assertRpcRefused(RULE):
                    self.rpc(self.manager, MEMBER, "create", self._values(user))
        self.assertFalse(
            self.env[MEMBER].search(
                [
                    (
                        "user_id",
                        "in",
                        (self.other_volunteer | self.expired | self.moderator).ids,
                    )
                ]
            )
        )

    def test_briefed_volunteers_join(self):
        """A briefing of the user or of his contact, valid today or later."""
        self._require()
        member = Member = self.env[MEMBER].with_user(self.manager)
        member = Member.create(self._values(self.briefed))
        self.assertTrue(member.is_current)
        member_id = self.rpc(
            self.manager, MEMBER, "create", self._values(self.contact_briefed)
        )
        self.assertTrue(Member.browse(member_id).is_current)

    def test_every_path_to_access_is_gated(self):
        """Another user or role, a reactivation, new dates: refused for an
        unbriefed volunteer, through the ORM and over XML-RPC; nothing is
        written. Memberships of before the setting stay, and end."""
        Member = self.env[MEMBER].with_user(self.manager)
        member = Member.create(self._values(self.briefed))
        ended = Member.create(self._values(self.expired))
        ended.action_end()
        mentor = Member.create(
            {"case_id": self.case.id, "user_id": self.moderator.id, "role": "mentor"}
        )
        kept = Member.create(self._values(self.other_volunteer))
        self._require()
        tomorrow = fields.Date.to_string(self.today + timedelta(days=1))
        for record, vals in (
            (member, {"user_id": self.expired.id}),
            (mentor, {"role": "faith_volunteer"} | self._values(self.moderator)),
            (ended, {"active": True, "date_end": False}),
            (ended, {"active": True, "date_end": tomorrow, "date_start": tomorrow}),
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRule(ValidationError, RULE):
                    record.with_user(self.manager).write(vals)
                with self.assertRpcRefused(RULE):
                    self.rpc(self.manager, MEMBER, "write", record.ids, vals)
        self.env.invalidate_all()
        self.assertEqual(member.user_id, self.briefed)
        self.assertEqual(mentor.role, "mentor")
        self.assertFalse(ended.active)
        self.assertTrue(kept.is_current)
        self.assertIs(self.rpc(self.manager, MEMBER, "action_end", kept.ids), True)
        self.env.invalidate_all()
        self.assertFalse(kept.active)

    def test_the_setting_is_the_companys(self):
        """Company B's setting does not gate company A's cases, and the other
        way round."""
        elsewhere = self.env["res.company"].create({"name": "Gemeente Elders"})
        self._require(elsewhere)
        member = (
            self.env[MEMBER].with_user(self.manager).create(self._values(self.expired))
        )
        self.assertTrue(member.is_current)
        case_b = self.Case.create(
            {
                "subject_pseudonym": "Wren",
                "company_id": elsewhere.id,
                "lead_user_id": self.worker.id,
                "member_ids": [
                    (0, 0, {"user_id": self.worker.id, "role": "social_worker"})
                ],
            }
        )
        with self.assertRaisesRule(ValidationError, RULE):
            self.env[MEMBER].create(self._values(self.expired, case_b))
        self.env[MEMBER].create(self._values(self.briefed, case_b))

    def test_only_the_companys_settings_managers_change_it(self):
        elsewhere = self.env["res.company"].create({"name": "Gemeente Elders"})
        settings_manager = new_test_user(
            self.env, login="pcve_t_settings", groups="base.group_system"
        )
        company = self.env.company
        for user in (self.manager, self.briefed):
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

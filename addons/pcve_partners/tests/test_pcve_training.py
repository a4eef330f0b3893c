from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PcvePartnersRpcCommon

PARTICIPATION = "pcve.training.participation"


@tagged("post_install", "-at_install")
class TestTraining(PcvePartnersRpcCommon):
    """The training register and the kinds held today."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Training = cls.env["pcve.training"].with_user(cls.manager)
        cls.moderation = Training.create(
            {"name": "Moderating dialogue", "kind": "safe_space_moderation"}
        )
        cls.transcultural = Training.create(
            {"name": "Transcultural competence", "kind": "transcultural_competence"}
        )
        cls.briefing = Training.create(
            {"name": "Briefing", "kind": "faith_volunteer_briefing"}
        )
        cls.today = fields.Date.context_today(cls.moderation)

    def _participation(self, training, **vals):
        values = {"training_id": training.id, "partner_id": self.partner.id}
        values.update(vals)
        return self.env[PARTICIPATION].with_user(self.manager).create(values)

    def test_kinds_held_today(self):
        self.assertEqual(self.partner.pcve_valid_training_kinds, "")
        self._participation(self.moderation, valid_until=self.today)
        self._participation(
            self.briefing,
            completed_on=self.today - timedelta(days=400),
            valid_until=self.today - timedelta(days=1),
        )
        self._participation(self.transcultural)
        self.assertEqual(
            self.partner.pcve_valid_training_kinds,
            "safe_space_moderation,transcultural_competence",
        )
        # any user reads it (other addons' gates do), over RPC too
        record = self.rpc(
            self.employee,
            "res.partner",
            "read",
            self.partner.ids,
            ["pcve_valid_training_kinds"],
        )
        self.assertEqual(
            record[0]["pcve_valid_training_kinds"],
            "safe_space_moderation,transcultural_competence",
        )

    def test_users_hold_their_own_and_their_contacts(self):
        self._participation(self.briefing, partner_id=False, user_id=self.staff.id)
        self._participation(self.moderation, partner_id=self.staff.partner_id.id)
        self.assertEqual(
            self.staff.pcve_valid_training_kinds,
            "faith_volunteer_briefing,safe_space_moderation",
        )
        self.assertEqual(self.assessor.pcve_valid_training_kinds, "")

    def _holders(self, *words):
        """The contacts whose computed kinds name one of ``words`` (the demo
        data's too)."""
        return (
            self.env["res.partner"]
            .search([])
            .filtered(lambda p: any(w in p.pcve_valid_training_kinds for w in words))
        )

    def test_search_who_holds_a_kind(self):
        """Contacts and users are found by the kinds they hold today, through
        the ORM and over RPC; any other search answers with the rule."""
        self._participation(self.moderation)
        self._participation(
            self.briefing,
            partner_id=self.staff.partner_id.id,
            completed_on=self.today - timedelta(days=400),
            valid_until=self.today - timedelta(days=1),
        )
        self._participation(self.briefing, partner_id=False, user_id=self.staff.id)
        Partner = self.env["res.partner"].with_user(self.employee)
        for operator, value, words in (
            ("=", "safe_space_moderation", ["moderation"]),
            ("in", ["safe_space_moderation", "leadership"], ["moderation", "leader"]),
            ("ilike", "moderation", ["moderation"]),
        ):
            with self.subTest(operator=operator):
                domain = [("pcve_valid_training_kinds", operator, value)]
                self.assertEqual(Partner.search(domain), self._holders(*words))
                self.assertIn(
                    self.partner.id,
                    self.rpc(self.employee, "res.partner", "search", domain),
                )
        # an expired training is not held; a user holds his own
        briefed = [("pcve_valid_training_kinds", "=", "faith_volunteer_briefing")]
        self.assertNotIn(self.staff.partner_id, Partner.search(briefed))
        users = self.env["res.users"].search(briefed)
        self.assertIn(self.staff, users)
        self.assertNotIn(self.assessor, users)
        for operator, value in (("=", "no_such_kind"), ("!=", "leadership"), ("=", 5)):
            with self.subTest(operator=operator, value=value):
                domain = [("pcve_valid_training_kinds", operator, value)]
                with self.assertRaisesRule(UserError, "Valid trainings: search"):
                    Partner.search(domain)
                with self.assertRpcRefused("Valid trainings: search"):
                    self.rpc(self.employee, "res.partner", "search", domain)

    def test_participation_rules(self):
        with self.assertRaisesRule(ValidationError, "one of them"):
            self._participation(self.moderation, user_id=self.staff.id)
        with self.assertRaisesRule(ValidationError, "one of them"):
            self._participation(self.moderation, partner_id=False)
        with self.assertRaisesRule(ValidationError, "not ahead"):
            self._participation(
                self.moderation, completed_on=self.today + timedelta(days=1)
            )
        with self.assertRaisesRule(ValidationError, "expire before"):
            self._participation(
                self.moderation, valid_until=self.today - timedelta(days=1)
            )
        values = {"training_id": self.moderation.id, "partner_id": self.partner.id}
        for user in (self.staff, self.assessor, self.approver, self.liaison):
            with self.assertRaises(AccessError):
                self.env[PARTICIPATION].with_user(user).create(values)
            with self.assertRpcRefused(""):
                self.rpc(user, PARTICIPATION, "create", values)
        self.assertTrue(self.rpc(self.manager, PARTICIPATION, "create", values))
        self.assertEqual(
            self.env[PARTICIPATION]
            .with_user(self.staff)
            .search_count([("partner_id", "=", self.partner.id)]),
            1,
        )
        with self.assertRpcRefused(""):
            self.rpc(self.employee, PARTICIPATION, "search", [])

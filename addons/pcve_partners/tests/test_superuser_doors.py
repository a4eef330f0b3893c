"""The partners' superuser reads, tried by who must not learn more through
them than the rules say: the approval that resolves observations its
approver may not read (intelligence), the initiative gate (level and red
flags read as superuser), the training kinds and the network figures
(computed as superuser) and the observation counter. Through the ORM and
over XML-RPC; each test also lets the legitimate user through."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PcvePartnersRpcCommon

ASSESSMENT = "pcve.partner.assessment"
OBSERVATION = "pcve.partner.observation"
PARTICIPATION = "pcve.training.participation"
PARTNER = "res.partner"
PRIVATE = "Private methods"
INTELLIGENCE = "Seen with a recruiter, says the police"


@tagged("post_install", "-at_install")
class TestPartnersSuperuserDoors(PcvePartnersRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.intelligence = cls._observation(
            user=cls.liaison,
            category="intelligence",
            severity="concern",
            description=INTELLIGENCE,
        )
        cls.other_partner = cls.env[PARTNER].create(
            {"name": "Other Club", "pcve_is_partner": True}
        )
        cls.elsewhere = cls._observation(
            partner_id=cls.other_partner.id, severity="concern"
        )

    def _state(self, observation):
        return observation.sudo().read(["state"])[0]["state"]

    def test_approval_resolves_what_its_approver_cannot_read(self):
        """The approval resolves the partner's open observations as
        superuser, intelligence included: only an approver's approval does,
        only this partner's, and the approver learns nothing of them."""
        assessment = self._assessment()
        assessment.action_submit()
        for user, rule in (
            (self.assessor, "Only approvers decide"),
            (self.staff, "'read' access"),
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    assessment.with_user(user).action_approve()
                with self.assertRpcRefused(rule):
                    self.rpc(user, ASSESSMENT, "action_approve", assessment.ids)
        for method in ("_decide", "_resolve_by_assessment"):
            with self.subTest(method=method), self.assertRpcRefused(PRIVATE):
                model = OBSERVATION if method.startswith("_resolve") else ASSESSMENT
                self.rpc(self.approver, model, method, assessment.ids)
        self.assertEqual(self._state(self.intelligence), "open")
        assessment.with_user(self.approver).action_approve()
        self.assertEqual(self._state(self.intelligence), "resolved")
        self.assertEqual(self._state(self.elsewhere), "open", "another partner's")
        # the approver still reads nothing of it
        intelligence = [("category", "=", "intelligence")]
        Observation = self.env[OBSERVATION].with_user(self.approver)
        with self.assertRaises(AccessError):
            self.intelligence.with_user(self.approver).read(["description"])
        self.assertEqual(Observation.search_count(intelligence), 0)
        with self.assertRpcRefused("'read' access"):
            self.rpc(
                self.approver,
                OBSERVATION,
                "read",
                self.intelligence.ids,
                ["resolution"],
            )
        self.assertEqual(
            self.rpc(self.approver, OBSERVATION, "search_count", intelligence),
            0,
        )
        bodies = " ".join(assessment.sudo().message_ids.mapped("body"))
        self.assertNotIn(INTELLIGENCE, bodies)
        self.assertEqual(
            self.env[OBSERVATION]
            .with_user(self.liaison)
            .search(intelligence + [("partner_id", "=", self.partner.id)]),
            self.intelligence,
        )

    def test_observation_counter_leaves_out_intelligence(self):
        """The partner's counter counts what its reader may read."""
        self._observation(severity="concern")
        partner = self.partner.with_user(self.approver)
        self.assertEqual(partner.pcve_observation_count, 1)
        self.partner.invalidate_recordset()
        self.assertEqual(self.partner.with_user(self.liaison).pcve_observation_count, 2)
        [read] = self.rpc(
            self.approver, PARTNER, "read", self.partner.ids, ["pcve_observation_count"]
        )
        self.assertEqual(read["pcve_observation_count"], 1)
        with self.assertRaises(AccessError):
            self.partner.with_user(self.staff).read(["pcve_observation_count"])

    def test_initiative_gate_answers_yes_or_no(self):
        """The gate reads levels and red flags as superuser for users who
        may read neither: it filters the partners it is given, nothing
        more, and is not callable over RPC."""
        self._approved(level="dialogue")
        self._approved(level="dialogue", partner=self.other_partner)
        self._observation(partner_id=self.other_partner.id, severity="red")
        both = self.partner | self.other_partner
        self.assertEqual(
            both.with_user(self.employee)._pcve_trusted_initiatives(), self.partner
        )
        for user in (self.employee, self.staff, self.manager):
            with self.subTest(user=user.login), self.assertRpcRefused(PRIVATE):
                self.rpc(user, PARTNER, "_pcve_trusted_initiatives", both.ids)
        # the level and the red flags stay closed to the employee
        with self.assertRaises(AccessError):
            both.with_user(self.employee).read(["pcve_collaboration_level"])
        with self.assertRaises(AccessError):
            self.env[PARTNER].with_user(self.employee).search(
                [("pcve_collaboration_level", "=", "dialogue")]
            )
        with self.assertRpcRefused("enough rights to access the field"):
            self.rpc(
                self.employee, PARTNER, "read", both.ids, ["pcve_collaboration_level"]
            )
        with self.assertRpcRefused("not allowed to access"):
            self.rpc(self.employee, OBSERVATION, "search", [])

    def test_training_kinds_say_no_more_than_the_kinds(self):
        """The kinds held today are computed as superuser for the gates:
        every employee reads them; the participations (dates, expired
        trainings) stay the partners users' and their company's."""
        Training = self.env["pcve.training"].with_user(self.manager)
        moderation = Training.create(
            {"name": "Moderating dialogue", "kind": "safe_space_moderation"}
        )
        briefing = Training.create(
            {"name": "Briefing", "kind": "faith_volunteer_briefing"}
        )
        today = fields.Date.context_today(moderation)
        Participation = self.env[PARTICIPATION].with_user(self.manager)
        Participation.create(
            {"training_id": moderation.id, "partner_id": self.partner.id}
        )
        expired = Participation.create(
            {
                "training_id": briefing.id,
                "partner_id": self.partner.id,
                "completed_on": today - timedelta(days=400),
                "valid_until": today - timedelta(days=1),
            }
        )
        kinds = "safe_space_moderation"
        self.assertEqual(
            self.partner.with_user(self.employee).pcve_valid_training_kinds, kinds
        )
        [read] = self.rpc(
            self.employee,
            PARTNER,
            "read",
            self.partner.ids,
            ["pcve_valid_training_kinds"],
        )
        self.assertEqual(read["pcve_valid_training_kinds"], kinds)
        with self.assertRaises(AccessError):
            self.partner.with_user(self.employee).read(["pcve_training_ids"])
        with self.assertRaises(AccessError):
            expired.with_user(self.employee).read(["valid_until"])
        for method, args in (
            ("search_read", ([],)),
            ("formatted_read_group", ([], ["kind"], ["__count"])),
        ):
            with (
                self.subTest(method=method),
                self.assertRpcRefused("not allowed to access"),
            ):
                self.rpc(self.employee, PARTICIPATION, method, *args)
        # a search asks no more than the kinds held today: not the expired one
        self.assertNotIn(
            self.partner,
            self.env[PARTNER]
            .with_user(self.employee)
            .search([("pcve_valid_training_kinds", "ilike", "briefing")]),
        )
        # a user of another company does not read this company's register
        other_company = self.env["res.company"].create({"name": "Other town"})
        outsider = new_test_user(
            self.env,
            login="t_staff_b",
            groups="pcve_partners.group_pcve_user",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        self.assertFalse(
            self.env[PARTICIPATION]
            .with_user(outsider)
            .search([("partner_id", "=", self.partner.id)])
        )

    def test_network_figures_of_ones_own_company(self):
        """The figures are computed as superuser over members a reader may
        not read: readable by the company's partners users, not searched or
        grouped on, and never another company's."""
        network = (
            self.env["pcve.network"]
            .with_user(self.manager)
            .create({"name": "Key figures"})
        )
        self.env["pcve.network.member"].with_user(self.manager).create(
            {
                "network_id": network.id,
                "partner_id": self.partner.id,
                "role": "individual",
                "gender": "female",
            }
        )
        self.assertEqual(network.with_user(self.assessor).active_member_count, 1)
        with self.assertRpcRefused("not stored"):
            self.rpc(
                self.assessor, "pcve.network", "search", [("women_share", ">", 50)]
            )
        other_company = self.env["res.company"].create({"name": "Other town"})
        outsider = new_test_user(
            self.env,
            login="t_manager_b",
            groups="pcve_partners.group_pcve_manager",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        with self.assertRaises(AccessError):
            network.with_user(outsider).read(["women_share"])
        with self.assertRpcRefused("'read' access"):
            self.rpc(
                outsider, "pcve.network", "read", network.ids, ["active_member_count"]
            )

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PcvePartnersCommon, PcvePartnersRpcCommon

OBSERVATION = "pcve.partner.observation"


@tagged("post_install", "-at_install")
class TestObservationCap(PcvePartnersCommon):
    """An open red flag caps the level at dialogue; a newer approved
    assessment or a dismissal with a resolution lifts the cap."""

    def test_red_flag_caps_partnership_at_dialogue(self):
        self._approved("partnership")
        self.assertEqual(self.partner.pcve_collaboration_level, "partnership")
        observation = self._observation()
        self.assertEqual(self.partner.pcve_collaboration_level, "dialogue")
        # staff read the capped level, not the observation behind it
        self.assertEqual(
            self.partner.with_user(self.staff).pcve_collaboration_level, "dialogue"
        )
        observation.write({"resolution": "The newspaper retracted the quote."})
        observation.action_dismiss()
        self.assertEqual(observation.state, "dismissed")
        self.assertEqual(observation.closed_by_id, self.approver)
        self.assertEqual(self.partner.pcve_collaboration_level, "partnership")

    def test_lower_level_stays_and_lesser_severities_do_not_cap(self):
        self._approved("consultation")
        self._observation(severity="concern")
        self._observation(severity="observation")
        self.assertEqual(self.partner.pcve_collaboration_level, "consultation")
        self._observation()
        self.assertEqual(self.partner.pcve_collaboration_level, "consultation")

    def test_no_level_stays_none(self):
        self._observation()
        self.assertEqual(self.partner.pcve_collaboration_level, "none")

    def test_newer_approved_assessment_resolves_and_lifts_the_cap(self):
        self._approved("partnership")
        red = self._observation()
        secret = self._observation(user=self.liaison, category="intelligence")
        self.assertEqual(self.partner.pcve_collaboration_level, "dialogue")
        newer = self._approved("partnership")
        self.assertEqual((red | secret).mapped("state"), ["resolved", "resolved"])
        self.assertIn(newer.name, red.resolution)
        self.assertEqual(self.partner.pcve_collaboration_level, "partnership")

    def test_approval_resolves_its_own_companys_observations_only(self):
        self._approved("partnership")
        other = self.env["res.company"].create({"name": "Municipality B"})
        theirs = (
            self.env[OBSERVATION]
            .with_company(other)
            .create(
                {
                    "partner_id": self.partner.id,
                    "severity": "red",
                    "category": "conduct",
                    "description": "Threatened a youth worker",
                    "source": "Municipality B",
                    "company_id": other.id,
                }
            )
        )
        ours = self._observation()
        self._approved("partnership")
        self.assertEqual(ours.state, "resolved")
        self.assertEqual(theirs.state, "open")

    def test_a_decline_resolves_nothing(self):
        self._approved("partnership")
        red = self._observation()
        assessment = self._assessment()
        assessment.action_submit()
        assessment.with_user(self.approver).action_decline(rationale="No")
        self.assertEqual(red.state, "open")

    def test_red_flag_schedules_reassessment_and_notes_memoranda(self):
        assessment = self._approved("partnership")
        agreement = self._active_agreement(assessment)
        self._observation(category="intelligence", user=self.liaison)
        activity = assessment.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("pcve_partners.mail_activity_type_reassessment")
            )
        )
        self.assertEqual(activity.user_id, self.assessor)
        note = agreement.message_ids.filtered(lambda m: "red flag" in str(m.body))
        self.assertEqual(len(note), 1)
        # the note says nothing of what was observed
        self.assertNotIn("rally", str(note.body))
        # a concern does not
        self._observation(severity="concern")
        self.assertEqual(len(assessment.activity_ids), 1)

    def _active_agreement(self, assessment):
        self._feedback()
        agreement = self._agreement(assessment)
        agreement.action_activate()
        return agreement


@tagged("post_install", "-at_install")
class TestObservationRules(PcvePartnersRpcCommon):
    """Who reads, records and closes observations, ORM and XML-RPC."""

    def test_readers(self):
        plain = self._observation(severity="concern")
        secret = self._observation(user=self.liaison, category="intelligence")
        both = plain | secret
        mine = [("id", "in", both.ids)]
        for user in (self.assessor, self.approver, self.manager):
            Observation = self.env[OBSERVATION].with_user(user)
            self.assertEqual(Observation.search([("id", "in", both.ids)]), plain)
            with self.assertRaises(AccessError):
                secret.with_user(user).read(["description"])
            self.assertEqual(self.rpc(user, OBSERVATION, "search", mine), plain.ids)
            with self.assertRpcRefused(""):
                self.rpc(user, OBSERVATION, "read", secret.ids, ["description"])
        self.assertEqual(
            self.env[OBSERVATION].with_user(self.liaison).search(mine), both
        )
        self.assertEqual(
            set(self.rpc(self.liaison, OBSERVATION, "search", mine)),
            set(both.ids),
        )
        for user in (self.staff, self.employee):
            with self.assertRaises(AccessError):
                self.env[OBSERVATION].with_user(user).search([])
            with self.assertRpcRefused(""):
                self.rpc(user, OBSERVATION, "search_read", [])
        # nor through the partner
        with self.assertRaises(AccessError):
            self.partner.with_user(self.staff).read(["pcve_observation_ids"])
        groups = (
            self.env[OBSERVATION]
            .with_user(self.assessor)
            .formatted_read_group(mine, ["category"], ["__count"])
        )
        self.assertNotIn("intelligence", [g["category"] for g in groups])

    def test_only_the_liaison_records_intelligence(self):
        values = {
            "partner_id": self.partner.id,
            "category": "intelligence",
            "description": "x",
        }
        with self.assertRaises(AccessError):
            self.env[OBSERVATION].with_user(self.approver).create(values)
        with self.assertRpcRefused(""):
            self.rpc(self.approver, OBSERVATION, "create", values)
        self.assertTrue(self.rpc(self.liaison, OBSERVATION, "create", values))

    def test_dismissal_needs_an_approver_and_a_resolution(self):
        observation = self._observation(user=self.assessor)
        rule = "needs a resolution"
        with self.assertRaisesRule(UserError, rule):
            observation.with_user(self.approver).action_dismiss()
        with self.assertRpcRefused(rule):
            self.rpc(self.approver, OBSERVATION, "action_dismiss", observation.ids)
        with self.assertRpcRefused(rule):
            self.rpc(
                self.approver,
                OBSERVATION,
                "action_dismiss",
                observation.ids,
                resolution="  ",
            )
        rule = "Only approvers dismiss"
        with self.assertRaisesRule(AccessError, rule):
            observation.with_user(self.assessor).action_dismiss(resolution="Wrong")
        with self.assertRpcRefused(rule):
            self.rpc(
                self.assessor,
                OBSERVATION,
                "write",
                observation.ids,
                {"state": "dismissed", "resolution": "Wrong"},
            )
        self.assertEqual(observation.state, "open")
        self.assertIs(
            self.rpc(
                self.approver,
                OBSERVATION,
                "action_dismiss",
                observation.ids,
                resolution="A misquote",
            ),
            True,
        )
        self.assertEqual(observation.state, "dismissed")
        self.assertEqual(observation.resolution, "A misquote")
        # closed: it changes no more, and it does not reopen
        rule = "changes no more"
        with self.assertRaisesRule(UserError, rule):
            observation.with_user(self.manager).write({"resolution": "Other"})
        with self.assertRpcRefused(rule):
            self.rpc(
                self.manager,
                OBSERVATION,
                "write",
                observation.ids,
                {"resolution": "Other"},
            )
        with self.assertRpcRefused("cannot go from Dismissed to Open"):
            self.rpc(
                self.manager, OBSERVATION, "write", observation.ids, {"state": "open"}
            )

    def test_workflow_and_recorded_fields_are_not_written(self):
        observation = self._observation()
        with self.assertRpcRefused("cannot go from Open to Resolved"):
            self.rpc(
                self.manager,
                OBSERVATION,
                "write",
                observation.ids,
                {"state": "resolved"},
            )
        for vals, rule in (
            ({"closed_by_id": self.manager.id}, "recorded by the system"),
            ({"closed_on": "2026-01-01"}, "recorded by the system"),
            ({"severity": "concern"}, "kept as recorded"),
            ({"partner_id": self.partner.id}, "kept as recorded"),
            ({"company_id": self.env.company.id}, "kept as recorded"),
        ):
            for user in (self.approver, self.manager):
                with self.assertRpcRefused(rule):
                    self.rpc(user, OBSERVATION, "write", observation.ids, vals)
        with self.assertRaisesRule(UserError, "kept as recorded"):
            observation.with_user(self.manager).write({"severity": "observation"})
        values = {
            "partner_id": self.partner.id,
            "description": "x",
            "state": "resolved",
        }
        with self.assertRpcRefused("cannot start as Resolved"):
            self.rpc(self.approver, OBSERVATION, "create", values)
        self.assertEqual(observation.severity, "red")
        self.assertEqual(self.partner.pcve_collaboration_level, "none")
        # what is still open may be described further
        self.assertIs(
            self.rpc(
                self.assessor,
                OBSERVATION,
                "write",
                observation.ids,
                {"description": "More detail"},
            ),
            True,
        )

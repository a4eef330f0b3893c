from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.pcve_casework.tests.common import CaseworkRpcCommon

MEMBER = "pcve.case.member"
RULE = "Initiative gate"


@tagged("post_install", "-at_install")
class TestInitiativeGate(CaseworkRpcCommon):
    """A faith volunteer acts only for a partner with a valid level and no
    open red flag: as the case manager, through the ORM and XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "pcve_partners.group_pcve_"
        cls.assessor = new_test_user(
            cls.env, login="gate_assessor", groups=groups + "assessor"
        )
        cls.approver = new_test_user(
            cls.env, login="gate_approver", groups=groups + "approver"
        )
        Partner = cls.env["res.partner"]
        cls.trusted = Partner.create(
            {"name": "Trusted Mosque", "pcve_is_partner": True}
        )
        cls.unassessed = Partner.create(
            {"name": "Unassessed Centre", "pcve_is_partner": True}
        )
        cls.declined = Partner.create(
            {"name": "Declined Circle", "pcve_is_partner": True}
        )
        cls._decide(cls.trusted, "action_approve")
        cls._decide(cls.declined, "action_decline", rationale="Hate speech")

    @classmethod
    def _decide(cls, partner, action, **kwargs):
        assessment = (
            cls.env["pcve.partner.assessment"]
            .with_user(cls.assessor)
            .create({"partner_id": partner.id, "requested_level": "dialogue"})
        )
        assessment.action_submit()
        getattr(assessment.with_user(cls.approver), action)(**kwargs)

    def _values(self, initiative):
        return {
            "case_id": self.case.id,
            "user_id": self.other_volunteer.id,
            "role": "faith_volunteer",
            "acting_on_behalf_of_id": initiative.id,
        }

    def test_untrusted_initiatives_refused(self):
        Member = self.env[MEMBER].with_user(self.manager)
        for initiative in (self.unassessed, self.declined):
            with self.assertRaisesRule(ValidationError, RULE):
                Member.create(self._values(initiative))
            with self.assertRpcRefused(RULE):
                self.rpc(self.manager, MEMBER, "create", self._values(initiative))
        member_id = self.rpc(self.manager, MEMBER, "create", self._values(self.trusted))
        self.assertTrue(member_id)
        with self.assertRpcRefused(RULE):
            self.rpc(
                self.manager,
                MEMBER,
                "write",
                [member_id],
                {"acting_on_behalf_of_id": self.declined.id},
            )

    def test_red_flag_closes_the_gate_until_dismissed(self):
        observation = (
            self.env["pcve.partner.observation"]
            .with_user(self.approver)
            .create(
                {
                    "partner_id": self.trusted.id,
                    "severity": "red",
                    "category": "conduct",
                    "description": "Threatened a journalist",
                }
            )
        )
        # the level is still valid (dialogue), but the flag closes the gate
        self.assertEqual(self.trusted.pcve_collaboration_level, "dialogue")
        with self.assertRaisesRule(ValidationError, RULE):
            self.env[MEMBER].with_user(self.manager).create(self._values(self.trusted))
        with self.assertRpcRefused(RULE):
            self.rpc(self.manager, MEMBER, "create", self._values(self.trusted))
        observation.action_dismiss(resolution="The journalist withdrew the claim")
        member = (
            self.env[MEMBER].with_user(self.manager).create(self._values(self.trusted))
        )
        self.assertEqual(member.acting_on_behalf_of_id, self.trusted)

    def test_the_refusal_tells_no_reason(self):
        """The case manager learns that the gate is closed, not the level or
        the observations behind it."""
        with self.assertRaises(ValidationError) as caught:
            self.env[MEMBER].with_user(self.manager).create(self._values(self.declined))
        self.assertNotIn("Hate speech", str(caught.exception))
        self.assertFalse(
            self.manager.has_group("pcve_partners.group_pcve_user"),
            "the case manager reads no partner levels",
        )

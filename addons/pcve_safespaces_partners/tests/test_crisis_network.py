from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import suite_user
from odoo.addons.pcve_safespaces.tests.common import SafespacesRpcCommon

CRISIS = "pcve.crisis"
CONTACT = "pcve.crisis.contact"
MEMBER = "pcve.network.member"
ACTIVATE = "action_activate_network"


@tagged("post_install", "-at_install")
class TestCrisisNetwork(SafespacesRpcCommon):
    """A crisis calls the active members of a network of its company who
    consented to crisis contact: once each, by those who may change the
    crisis; the crisis team sees those members' names, never their personal
    details, and never a member who did not consent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.other_company = cls.env["res.company"].create({"name": "Other town"})
        Partner = cls.env["res.partner"]
        Network = cls.env["pcve.network"]
        cls.network = Network.create({"name": "Key figures Kanaalwijk"})
        cls.other_network = Network.create(
            {"name": "Key figures elsewhere", "company_id": cls.other_company.id}
        )

        def member(name, network=cls.network, **values):
            partner = Partner.create(
                {"name": name, "company_id": network.company_id.id}
            )
            return cls.env[MEMBER].create(
                dict(
                    network_id=network.id,
                    partner_id=partner.id,
                    gender="female",
                    age_band="25_44",
                    **values,
                )
            )

        cls.consenting = member("Imam Yusuf", crisis_contact_consent=True) | member(
            "Pastor Anna", crisis_contact_consent=True
        )
        cls.refusing = member("Youth worker Sam")
        cls.left = member(
            "Former chair",
            crisis_contact_consent=True,
            since=today - timedelta(days=400),
            until=today - timedelta(days=1),
        )
        member("Elsewhere", network=cls.other_network, crisis_contact_consent=True)
        cls.partners_user = suite_user(
            cls.env, "cn_partners", "pcve_partners.group_pcve_user"
        )
        cls.network.coordinator_user_ids = cls.partners_user
        cls.foreign_organiser = suite_user(
            cls.env,
            "cn_foreign",
            "pcve_safespaces.group_safespace_organiser",
            company=cls.other_company,
        )
        cls.refused = [cls.user, cls.partners_user, cls.foreign_organiser]
        if cls.env.ref("pcve_casework.group_case_worker", raise_if_not_found=False):
            cls.refused.append(
                suite_user(cls.env, "cn_caseworker", "pcve_casework.group_case_worker")
            )
        cls.crisis = (
            cls.env[CRISIS]
            .with_user(cls.organiser)
            .create({"name": "Arson attack on a mosque"})
        )

    def _contacts(self):
        return self.env[CONTACT].search([("crisis_id", "=", self.crisis.id)])

    def test_activation_calls_active_consenting_members_once(self):
        action = self.crisis.with_user(self.organiser).action_activate_network(
            self.network.id
        )
        self.assertEqual(action["res_model"], CONTACT)
        self.assertEqual(action["domain"], [("crisis_id", "=", self.crisis.id)])
        contacts = self._contacts()
        self.assertEqual(contacts.member_id, self.consenting)
        self.assertEqual(set(contacts.mapped("outcome")), {"to_call"})
        # idempotent: the coordinator, then the manager over XML-RPC
        self.crisis.with_user(self.organiser).action_activate_network(self.network.id)
        action = self.rpc(self.manager, CRISIS, ACTIVATE, self.crisis.ids, self.network.id)
        self.assertEqual(action["res_model"], CONTACT)
        self.assertEqual(self._contacts(), contacts)
        self.assertNotIn(self.refusing, self._contacts().member_id)
        self.assertNotIn(self.left, self._contacts().member_id)

    def test_activation_refused(self):
        for user in self.refused:
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.crisis.with_user(user).action_activate_network(
                        self.network.id
                    )
                with self.assertRpcRefused():
                    self.rpc(user, CRISIS, ACTIVATE, self.crisis.ids, self.network.id)
        # a network of another company: not readable, the rule named
        with self.assertRaisesRule(AccessError, "Network activation"):
            self.crisis.with_user(self.organiser).action_activate_network(
                self.other_network.id
            )
        with self.assertRpcRefused("Network activation"):
            self.rpc(
                self.organiser, CRISIS, ACTIVATE, self.crisis.ids, self.other_network.id
            )
        for bad in (0, 2**31 - 1, "1"):
            with self.subTest(bad=bad):
                with self.assertRaisesRule(UserError, "Network activation"):
                    self.crisis.with_user(self.organiser).action_activate_network(bad)
                with self.assertRpcRefused("Network activation"):
                    self.rpc(self.organiser, CRISIS, ACTIVATE, self.crisis.ids, bad)
        self.assertFalse(self._contacts())

    def test_other_company_network_of_a_multi_company_user(self):
        both = suite_user(
            self.env,
            "cn_both",
            "pcve_safespaces.group_safespace_organiser",
            company_ids=[(6, 0, (self.env.company | self.other_company).ids)],
        )
        crisis = self.crisis.with_user(both).with_context(
            allowed_company_ids=(self.env.company | self.other_company).ids
        )
        with self.assertRaisesRule(UserError, "its own company"):
            crisis.action_activate_network(self.other_network.id)
        self.assertFalse(self._contacts())

    def test_crisis_team_reads_consenting_members_names_only(self):
        Member = self.env[MEMBER].with_user(self.organiser)
        visible = Member.search([("network_id", "=", self.network.id)])
        self.assertEqual(visible, self.consenting)
        self.assertEqual(visible[0].partner_id.name, self.consenting[0].partner_id.name)
        for fname in ("gender", "age_band"):
            with self.subTest(field=fname):
                with self.assertRaises(AccessError):
                    visible.read([fname])
                with self.assertRpcRefused():
                    self.rpc(self.organiser, MEMBER, "read", visible.ids, [fname])
        for hidden in (self.refusing, self.left):
            with self.assertRaises(AccessError):
                hidden.with_user(self.organiser).read(["partner_id"])
            with self.assertRpcRefused():
                self.rpc(self.organiser, MEMBER, "read", hidden.ids, ["partner_id"])
        # reading is all: the crisis team changes no member
        with self.assertRaises(AccessError):
            visible.write({"crisis_contact_consent": False})
        # the network's coordinator still reads every member and his details
        mine = self.env[MEMBER].with_user(self.partners_user)
        self.assertIn(self.refusing, mine.search([]))
        self.assertEqual(self.refusing.with_user(self.partners_user).gender, "female")

    def test_contacts_recorded_by_the_crisis_team(self):
        self.crisis.with_user(self.organiser).action_activate_network(self.network.id)
        contacts = self._contacts()
        reached = contacts[0]
        now = fields.Datetime.now().replace(microsecond=0)
        self.rpc(
            self.organiser,
            CONTACT,
            "write",
            reached.ids,
            {"outcome": "reached", "contacted_on": fields.Datetime.to_string(now)},
        )
        reached.invalidate_recordset()
        self.assertEqual((reached.outcome, reached.contacted_on), ("reached", now))
        self.crisis.invalidate_recordset()
        self.assertEqual(self.crisis.contact_count, 2)
        self.assertEqual(self.crisis.network_reached_pct, 50.0)
        # the crisis and the member are the activation's
        other = self.env[CRISIS].create({"name": "Graffiti on a church"})
        self.assertEqual(other.network_reached_pct, 0.0)
        for vals in ({"crisis_id": other.id}, {"member_id": self.refusing.id}):
            with self.subTest(vals=vals):
                self.assertRefusedEverywhere(
                    self.organiser, reached, vals, "recorded by the system", AccessError
                )
        with self.assertRaisesRule(AccessError, "recorded by the system"):
            self.env[CONTACT].with_user(self.organiser).create(
                {"crisis_id": other.id, "member_id": self.refusing.id}
            )
        # outside the crisis team, nobody reads the contacts
        for user in self.refused:
            with self.subTest(user=user.login):
                with self.assertRpcRefused():
                    self.rpc(user, CONTACT, "read", contacts.ids, ["member_id"])

    def test_network_wizard(self):
        wizard = (
            self.env["pcve.crisis.network.wizard"]
            .with_user(self.organiser)
            .create({"crisis_id": self.crisis.id, "network_id": self.network.id})
        )
        action = wizard.action_activate()
        self.assertEqual(action["res_model"], CONTACT)
        self.assertEqual(self._contacts().member_id, self.consenting)

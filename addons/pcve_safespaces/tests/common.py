from datetime import datetime

from odoo.tests import HttpCase, TransactionCase, new_test_user

from odoo.addons.pcve_base.tests.common import RpcCase, RuleCase


class SafespacesFixtures(RuleCase):
    """Users of each safe-space role and an outsider, venues, a moderator and
    communities. Tests run as in the field: tracking and chatter logging on."""

    @classmethod
    def _setup_safespaces(cls):
        cls.user = new_test_user(
            cls.env,
            login="ss_user",
            groups="pcve_safespaces.group_safespace_user,base.group_allow_export",
        )
        cls.organiser = new_test_user(
            cls.env,
            login="ss_organiser",
            groups="pcve_safespaces.group_safespace_organiser",
        )
        cls.other_organiser = new_test_user(
            cls.env,
            login="ss_organiser2",
            groups="pcve_safespaces.group_safespace_organiser",
        )
        cls.manager = new_test_user(
            cls.env,
            login="ss_manager",
            groups="pcve_safespaces.group_safespace_manager",
        )
        # an internal user without any safe-space role
        cls.outsider = new_test_user(cls.env, login="ss_outsider")
        Venue = cls.env["pcve.venue"]
        cls.centre = Venue.create(
            {
                "name": "Buurthuis De Brug",
                "venue_type": "community_centre",
                "capacity": 3,
            }
        )
        cls.police = Venue.create(
            {"name": "Politiebureau Centrum", "venue_type": "police_station"}
        )
        cls.moderator = cls.env["res.partner"].create(
            {"name": "Fatima Bakker", "email": "fatima@example.org"}
        )
        cls.invitees = cls.env["res.partner"].create(
            [
                {"name": f"Invitee {i}", "email": f"invitee{i}@example.org"}
                for i in range(4)
            ]
        )
        cls.community = cls.env["pcve.community"].create({"name": "Kanaalwijk"})
        cls.majority = cls.env["pcve.community"].create(
            {"name": "Long-time residents", "is_majority": True}
        )
        cls.start = datetime(2030, 3, 5, 18, 0)
        cls.stop = datetime(2030, 3, 5, 20, 0)

    @classmethod
    def _session_values(cls, **values):
        return {
            "name": "Dialogue circle Kanaalwijk",
            "start": cls.start,
            "stop": cls.stop,
            "venue_id": cls.centre.id,
            "moderator_partner_id": cls.moderator.id,
            "community_ids": [(6, 0, cls.community.ids)],
            **values,
        }

    def _create_session(self, user=None, **values):
        Session = self.env["pcve.safespace.session"]
        if user:
            Session = Session.with_user(user)
        return Session.create(self._session_values(**values))


class SafespacesCommon(SafespacesFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_safespaces()


class SafespacesRpcCommon(SafespacesFixtures, RpcCase, HttpCase):
    """The same, with calls over XML-RPC as an integrator makes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_safespaces()

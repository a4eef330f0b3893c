from contextlib import contextmanager
from datetime import datetime

from odoo.tests import TransactionCase, new_test_user


class SafespacesCommon(TransactionCase):
    """Users in each safe-space group, venues, a moderator and communities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
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

    @contextmanager
    def assertRaisesRule(self, exception, pattern):
        """assertRaises (rolled back to a savepoint) that checks the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)

import datetime
import xmlrpc.client

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SafespacesRpcCommon

PERIOD = (datetime.date(2030, 1, 1), datetime.date(2030, 12, 31))


@tagged("post_install", "-at_install")
class TestSafespaceFigures(SafespacesRpcCommon):
    """Sessions, concerns and crises own their figures: safe-space managers
    read them (confidential sessions included, as counts), nobody else, and
    never over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.held = cls.env["pcve.safespace.session"].create(
            [
                cls._session_values(
                    name=f"Circle {index}",
                    confidential=bool(index % 2),
                    state="held",
                    attendance_count=10 + index,
                )
                for index in range(3)
            ]
        )

    def _calls(self, user):
        company, none = self.env.company, self.env["pcve.community"]
        env = self.env(user=user)
        return (
            lambda: env["pcve.safespace.session"]._pcve_session_figures(
                company, *PERIOD, none
            ),
            lambda: env["pcve.concern"]._pcve_concern_figures(company, *PERIOD, none),
            lambda: env["pcve.crisis"]._pcve_crisis_figures(company, *PERIOD),
        )

    def test_managers_read_the_figures(self):
        sessions, concerns, crises = (call() for call in self._calls(self.manager))
        self.assertEqual(sessions["totals"], (3, 33, 0, 0))
        self.assertEqual(concerns["by_topic"], [])
        self.assertEqual(crises, [])

    def test_others_are_refused(self):
        for user in (self.user, self.organiser, self.outsider):
            for call in self._calls(user):
                with self.assertRaises(AccessError):
                    call()

    def test_not_over_xmlrpc(self):
        with (
            mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc"),
            self.assertRaises(xmlrpc.client.Fault) as caught,
        ):
            self.rpc(
                self.manager,
                "pcve.safespace.session",
                "_pcve_session_figures",
                self.env.company.id,
                "2030-01-01",
                "2030-12-31",
                [],
            )
        self.assertIn("cannot be called remotely", caught.exception.faultString)

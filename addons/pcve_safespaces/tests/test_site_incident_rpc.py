from odoo.tests import tagged

from .common import SafespacesRpcCommon
from .test_site_incident import INCIDENT, RESPONSE, SiteIncidentFixtures


@tagged("post_install", "-at_install")
class TestSiteIncidentRpc(SiteIncidentFixtures, SafespacesRpcCommon):
    """The incident rules over XML-RPC, as an integrator calls them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sites()
        cls.witness = cls.env["res.partner"].create({"name": "Anonymous witness"})

    def _create(self, user, **values):
        return self.rpc(
            user,
            INCIDENT,
            "create",
            {
                "site_id": self.mosque.id,
                "kind": "graffiti",
                "occurred_on": "2031-02-03",
                **values,
            },
        )

    def test_reporter_over_rpc(self):
        incident = self._create(self.organiser, reporter_partner_id=self.witness.id)
        for user in (self.organiser, self.manager):
            [row] = self.rpc(
                user, INCIDENT, "read", [incident], ["reporter_partner_id"]
            )
            self.assertEqual(row["reporter_partner_id"][0], self.witness.id)
        domain = [("reporter_partner_id", "=", self.witness.id)]
        calls = {
            "read": ("read", [[incident], ["reporter_partner_id"]], {}),
            "search": ("search", [domain], {}),
            "search_count": ("search_count", [domain], {}),
            "group": (
                "formatted_read_group",
                [[], ["reporter_partner_id"], ["__count"]],
                {},
            ),
            "export": ("export_data", [[incident], ["reporter_partner_id/name"]], {}),
            "web_read": ("web_read", [[incident], {"reporter_partner_id": {}}], {}),
        }
        for name, (method, args, kwargs) in calls.items():
            with self.subTest(call=name), self.assertRpcRefused():
                self.rpc(self.user, INCIDENT, method, *args, **kwargs)
        [row] = self.rpc(self.user, INCIDENT, "read", [incident], [])
        self.assertNotIn("reporter_partner_id", row)
        with self.assertRpcRefused():
            self._create(self.user)

    def test_state_over_rpc(self):
        incident = self._create(self.organiser)
        with self.assertRpcRefused("Response rule"):
            self.rpc(
                self.organiser, INCIDENT, "write", [incident], {"state": "responded"}
            )
        with self.assertRpcRefused("cannot go from New to Closed"):
            self.rpc(self.organiser, INCIDENT, "write", [incident], {"state": "closed"})
        with self.assertRpcRefused("Response rule"):
            self._create(self.organiser, state="responded")
        with self.assertRpcRefused("cannot start as Closed"):
            self._create(self.organiser, state="closed")
        self.rpc(
            self.organiser,
            RESPONSE,
            "create",
            {
                "incident_id": incident,
                "partner_ids": [(6, 0, (self.mosque_association | self.parish).ids)],
            },
        )
        record = self.env[INCIDENT].browse(incident)
        self.assertEqual(record.state, "responded")
        self.assertTrue(record.response_ids.is_interfaith)
        with self.assertRpcRefused():
            self.rpc(self.user, INCIDENT, "write", [incident], {"state": "closed"})
        self.assertIs(
            self.rpc(self.organiser, INCIDENT, "action_close", [incident]), True
        )
        self.env.invalidate_all()
        self.assertEqual(record.state, "closed")

    def test_crisis_over_rpc(self):
        medium = self._create(self.organiser)
        with self.assertRpcRefused("Crisis rule"):
            self.rpc(self.organiser, INCIDENT, "action_open_crisis", [medium])
        high = self._create(self.organiser, severity="high")
        with self.assertRpcRefused():
            self.rpc(self.user, INCIDENT, "action_open_crisis", [high])
        action = self.rpc(self.organiser, INCIDENT, "action_open_crisis", [high])
        self.assertEqual(action["res_model"], "pcve.crisis")
        self.assertEqual(self.env[INCIDENT].browse(high).crisis_id.id, action["res_id"])

    def test_annual_report_over_rpc(self):
        self.env[INCIDENT].create(
            [
                {
                    "site_id": self.church.id,
                    "kind": "arson",
                    "occurred_on": "2031-05-01",
                }
                for _i in range(6)
            ]
        )
        for user in (self.organiser, self.manager):
            report = self.rpc(user, INCIDENT, "annual_report", 2031)
            self.assertEqual(report["by_faith"]["christian"]["incidents"], 6)
            self.assertEqual(report["by_faith"]["muslim"]["incidents"], 0)
            self.assertEqual(report["by_kind"]["arson"], 6)
        with self.assertRpcRefused("Only managers"):
            self.rpc(self.user, INCIDENT, "annual_report", 2031)
        with self.assertRpcRefused("not allowed to access"):
            self.rpc(self.outsider, INCIDENT, "annual_report", 2031)
        other = self.env["res.company"].create({"name": "Other municipality"})
        with self.assertRpcRefused("only of their own companies"):
            self.rpc(
                self.organiser, INCIDENT, "annual_report", 2031, company_id=other.id
            )
        with self.assertRpcRefused("Annual report: the year"):
            self.rpc(self.organiser, INCIDENT, "annual_report", "2031")

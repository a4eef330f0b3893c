import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.pcve_base.tests.common import suite_user

from .common import PcvePartnersRpcCommon

PERIOD = (datetime.date(2031, 1, 1), datetime.date(2031, 12, 31))


@tagged("post_install", "-at_install")
class TestResPartnerFigures(PcvePartnersRpcCommon):
    """Partners own their figures: managers read them, of their companies,
    through the ORM only (a private method is never an RPC entry point)."""

    def _figures(self, user, company=None):
        return (
            self.env["res.partner"]
            .with_user(user)
            ._pcve_partner_figures(
                company or self.env.company, *PERIOD, self.env["pcve.community"]
            )
        )

    def test_managers_read_the_figures(self):
        figures = self._figures(self.manager)
        Partner = self.env["res.partner"]
        company = [("company_id", "in", [self.env.company.id, False])]
        for org_type, count in figures["by_type"].items():
            self.assertEqual(
                count,
                Partner.search_count(
                    [("pcve_is_partner", "=", True), ("pcve_org_type", "=", org_type)]
                    + company
                ),
            )

    def test_others_are_refused(self):
        for user in (self.staff, self.assessor, self.approver, self.employee):
            with self.assertRaises(AccessError):
                self._figures(user)

    def test_only_the_managers_companies(self):
        other = self.env["res.company"].create({"name": "Gemeente Elders"})
        with self.assertRaises(AccessError):
            self._figures(self.manager, other)
        manager_there = suite_user(
            self.env,
            "t_manager_elders",
            "pcve_partners.group_pcve_manager",
            other,
        )
        self.env["res.partner"].create(
            {
                "name": "Club of the first company",
                "pcve_is_partner": True,
                "company_id": self.env.company.id,
            }
        )
        shared = self.env["res.partner"].search_count(
            [("pcve_is_partner", "=", True), ("company_id", "=", False)]
        )
        self.assertEqual(
            sum(self._figures(manager_there, other)["by_type"].values()), shared
        )

    def test_not_over_xmlrpc(self):
        with self.assertRpcRefused("cannot be called remotely"):
            self.rpc(
                self.manager,
                "res.partner",
                "_pcve_partner_figures",
                self.env.company.id,
                "2031-01-01",
                "2031-12-31",
                [],
            )

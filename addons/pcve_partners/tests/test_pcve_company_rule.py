from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PcvePartnersCommon, PcvePartnersRpcCommon

RULE = "Company rule"


class CompanySetup:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "Hillside"})
        cls.manager.company_ids |= cls.other
        Community = cls.env["pcve.community"]
        cls.community = Community.with_user(cls.staff).create({"name": "Harbour"})
        cls.community = cls.community.with_env(cls.env)


@tagged("post_install", "-at_install")
class TestCompanyRule(CompanySetup, PcvePartnersCommon):
    """A record stays in the municipality it was filed in: staff can neither
    file it elsewhere (or in none) nor move it; managers may."""

    def test_staff_files_in_own_company_only(self):
        Community = self.env["pcve.community"].with_user(self.staff)
        self.assertEqual(self.community.company_id, self.env.company)
        for company in (self.other.id, False):
            with self.assertRaisesRule(AccessError, RULE):
                Community.create({"name": "Elsewhere", "company_id": company})

    def test_staff_cannot_move_a_record(self):
        for company in (self.other.id, False):
            with self.assertRaisesRule(AccessError, RULE):
                self.community.with_user(self.staff).write({"company_id": company})
        # writing the company it already has is no move
        self.community.with_user(self.staff).write({"company_id": self.env.company.id})

    def test_manager_moves_a_record(self):
        self.community.with_user(self.manager).write({"company_id": self.other.id})
        self.assertEqual(self.community.company_id, self.other)

    def test_related_company_is_never_written(self):
        assessment = self._assessment()
        line = assessment.criterion_line_ids[:1]
        for user in (self.assessor, self.manager):
            with self.assertRaisesRule(AccessError, RULE):
                line.with_user(user).write({"company_id": self.other.id})
        self.assertEqual(assessment.company_id, self.env.company)


@tagged("post_install", "-at_install")
class TestCompanyRuleRpc(CompanySetup, PcvePartnersRpcCommon):
    def test_over_xmlrpc(self):
        with self.assertRpcRefused(RULE):
            self.rpc(
                self.assessor,
                "pcve.community",
                "write",
                [self.community.id],
                {"company_id": False},
            )
        with self.assertRpcRefused(RULE):
            self.rpc(
                self.assessor,
                "pcve.community",
                "create",
                {"name": "X", "company_id": self.other.id},
            )
        self.rpc(
            self.manager,
            "pcve.community",
            "write",
            [self.community.id],
            {"company_id": self.other.id},
        )
        self.assertEqual(self.community.company_id, self.other)

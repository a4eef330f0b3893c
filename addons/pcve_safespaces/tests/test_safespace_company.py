from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SafespacesCommon, SafespacesRpcCommon


class CompanyFixtures:
    @classmethod
    def _setup_records(cls):
        cls.other_company = cls.env["res.company"].create({"name": "Gemeente Elders"})
        cls.session = cls.env["pcve.safespace.session"].create(
            cls._session_values(organiser_id=cls.organiser.id, confidential=False)
        )
        cls.invitation = cls.env["pcve.safespace.invitation"].create(
            {"session_id": cls.session.id, "partner_id": cls.invitees[0].id}
        )
        cls.crisis = cls.env["pcve.crisis"].create({"name": "Graffiti"})
        cls.concern = cls.env["pcve.concern"].create({"name": "Parking"})
        # model: (record, who may write it and must still keep its company)
        cls.records = {
            "pcve.concern": (cls.concern, (cls.user, cls.organiser)),
            "pcve.crisis": (cls.crisis, (cls.organiser,)),
            "pcve.crisis.task": (cls.crisis.task_ids[0], (cls.organiser,)),
            "pcve.safespace.invitation": (cls.invitation, (cls.organiser,)),
            "pcve.safespace.session": (cls.session, (cls.organiser,)),
            "pcve.venue": (cls.centre, (cls.organiser,)),
        }


@tagged("post_install", "-at_install")
class TestSafespaceCompany(CompanyFixtures, SafespacesCommon):
    """The company of a record is set by its managers only; the dates the
    system records are never typed in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_records()

    def test_only_managers_move_records_to_another_company(self):
        for model, (record, users) in self.records.items():
            for user in users:
                for company in (self.other_company, False):
                    with (
                        self.subTest(model=model, user=user.login, company=company),
                        self.assertRaisesRule(AccessError, "Company rule"),
                    ):
                        record.with_user(user).write(
                            {"company_id": company and company.id}
                        )
                # the same company, sent along unchanged, is no move
                record.with_user(user).write({"company_id": record.company_id.id})
            self.assertEqual(record.company_id, self.env.company)
        self.manager.company_ids |= self.other_company
        self.concern.with_user(self.manager).write(
            {"company_id": self.other_company.id}
        )
        self.assertEqual(self.concern.company_id, self.other_company)

    def test_new_records_stay_in_the_users_companies(self):
        for company in (self.other_company, False):
            with (
                self.subTest(company=company),
                self.assertRaisesRule(AccessError, "Company rule"),
            ):
                self.env["pcve.concern"].with_user(self.user).create(
                    {"name": "Elsewhere", "company_id": company and company.id}
                )
        with self.assertRaisesRule(AccessError, "Company rule"):
            self.env["pcve.venue"].with_user(self.organiser).create(
                {"name": "Nowhere", "company_id": False}
            )
        concern = (
            self.env["pcve.concern"]
            .with_user(self.user)
            .create({"name": "Here", "company_id": self.env.company.id})
        )
        self.assertEqual(concern.company_id, self.env.company)

    def test_sent_on_is_recorded_by_sending(self):
        for user in (self.organiser, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRule(UserError, "recorded by the system"),
            ):
                self.invitation.with_user(user).write(
                    {"sent_on": "2030-01-01 10:00:00"}
                )
            with self.assertRaisesRule(UserError, "recorded by the system"):
                self.env["pcve.safespace.invitation"].with_user(user).create(
                    {
                        "session_id": self.session.id,
                        "partner_id": self.invitees[1].id,
                        "sent_on": "2030-01-01 10:00:00",
                    }
                )
        self.assertFalse(self.invitation.sent_on)
        self.session.with_user(self.organiser).action_send_invitations()
        self.assertTrue(self.invitation.sent_on)


@tagged("post_install", "-at_install")
class TestSafespaceCompanyRpc(CompanyFixtures, SafespacesRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_records()

    def test_company_and_sent_on_over_rpc(self):
        for model, (record, users) in self.records.items():
            for user in users:
                with (
                    self.subTest(model=model, user=user.login),
                    self.assertRpcRefused("Company rule"),
                ):
                    self.rpc(user, model, "write", [record.id], {"company_id": False})
        with self.assertRpcRefused("recorded by the system"):
            self.rpc(
                self.organiser,
                "pcve.safespace.invitation",
                "write",
                [self.invitation.id],
                {"sent_on": "2030-01-01 10:00:00"},
            )
        with self.assertRpcRefused("(?i)not allowed|access"):
            self.rpc(
                self.outsider, "pcve.concern", "write", [self.concern.id], {"name": "x"}
            )
        self.assertEqual(self.concern.company_id, self.env.company)
        self.assertFalse(self.invitation.sent_on)

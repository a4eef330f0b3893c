"""Casework's superuser reads and writes, tried by who must not get through
them: the service's link (its token found as superuser), the request mail
(rendered and sent as superuser), the addressees of a referral (the case
managers read as superuser), the retention job and the erasure (which search
and delete as superuser) and the case figures (counted as superuser). Each
door through the ORM and over XML-RPC or the public route; each test also
lets the legitimate user through."""

import secrets
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CaseworkRpcCommon
from .test_pcve_case_referral import REFERRAL, ReferralSetup
from .test_pcve_case_referral_link import CSRF, INVALID, LINK

CASE = "pcve.case"
PRIVATE = "Private methods"
FIGURES = "Only managers can read the figures"
REFUSED = "access to|not allowed to"


@tagged("post_install", "-at_install")
class TestCaseworkSuperuserDoors(ReferralSetup, CaseworkRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subject = cls.env["res.partner"].create({"name": "Youssef Testperson"})
        cls.case.write({"subject_partner_id": cls.subject.id})
        cls.case.message_post(body="Youssef called", message_type="comment")
        cls.other_company = cls.env["res.company"].create({"name": "Other town"})
        cls.other_manager = new_test_user(
            cls.env,
            login="pcve_t_manager_b",
            groups="pcve_casework.group_case_manager",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.other_town_case = (
            cls.Case.with_user(cls.other_manager)
            .create({"subject_pseudonym": "Kestrel"})
            .with_env(cls.env)
        )

    def _request(self, referral=None, user=None):
        """Request the referral as its case worker: the service's token."""
        referral = referral or self.referral
        referral.with_user(user or self.worker).action_request()
        mail = self.env["mail.mail"].search([], order="id desc", limit=1)
        [token] = LINK.findall(mail.body_html)
        return token, mail

    def _open(self, token):
        return self.url_open(f"/pcve/referral/{token}")

    def _csrf(self, token):
        return CSRF.search(self._open(token).text).group(1)

    def _assert_invalid(self, response):
        self.assertEqual(response.status_code, 404)
        self.assertIn(INVALID, response.text)
        self.assertNotIn(self.case.subject_pseudonym, response.text)

    # ------------------------------------------------------------ the link
    def test_link_forged_or_from_the_stored_hash(self):
        """The token is found as superuser: a forged token, the stored hash
        (what a reader of the referral sees) or a token of another referral
        reach nothing else, nor answer anything."""
        token, _mail = self._request()
        other = self.Referral.with_user(self.outsider_worker).create(
            self._referral_values(
                consent_given_by="subject", case_id=self.other_case.id
            )
        )
        other_token, _mail = self._request(other, self.outsider_worker)
        csrf = self._csrf(token)
        self.assertEqual(self._open(token).status_code, 200)
        stored = self.referral.with_user(self.worker).read(["access_token_hash"])
        for forged in (
            secrets.token_urlsafe(32),
            stored[0]["access_token_hash"],
            token.upper() if token.upper() != token else token.lower(),
            token + "x",
        ):
            with self.subTest(token=forged):
                self._assert_invalid(self._open(forged))
                self._assert_invalid(
                    self.url_open(
                        f"/pcve/referral/{forged}",
                        data={"answer": "accept", "csrf_token": csrf},
                    )
                )
        # the other referral's token opens the other referral only
        page = self._open(other_token).text
        self.assertIn(self.other_case.subject_pseudonym, page)
        self.assertNotIn(self.case.subject_pseudonym, page)
        self.assertEqual(self.referral.state, "requested")

    def test_link_methods_are_not_public(self):
        """What the route does as superuser cannot be called over RPC, by
        the team or anyone."""
        token, _mail = self._request()
        ids = self.referral.ids
        for user in (self.worker, self.manager, self.outsider_worker):
            for method, args in (
                ("_find_by_token", (token,)),
                ("_log_link_opening", (ids,)),
                ("_answer_by_link", (ids, "accept", "")),
                ("_shared_values", (ids,)),
                ("_send_request", (ids, token)),
            ):
                with (
                    self.subTest(user=user.login, method=method),
                    self.assertRpcRefused(PRIVATE),
                ):
                    self.rpc(user, REFERRAL, method, *args)
        self.assertEqual(self.referral.state, "requested")

    def test_request_mail_gives_the_link_only(self):
        """The mail rendered as superuser: the service type, the town and
        the link, nothing of the case."""
        self.referral.shared_scope = "summary"
        _token, mail = self._request()
        self.assertEqual(mail.email_to, self.service.email_formatted)
        self.assertIn("Youth work", mail.body_html)
        for secret in (
            self.case.subject_pseudonym,
            self.case.name,
            self.subject.name,
            self.referral.reason,
            self.case.signal_description,
        ):
            self.assertNotIn(secret, mail.body_html)
        self.assertNotIn(self.referral.access_token_hash, mail.body_html)

    def test_no_referral_of_another_teams_case(self):
        """The mail is sent as superuser: only the case's current
        professionals prepare and request its referrals; another worker,
        a volunteer or a manager of another town cannot."""
        values = self._referral_values(
            consent_given_by="subject",
            consent_date=fields.Date.to_string(fields.Date.today()),
        )
        for user in (self.outsider_worker, self.imam, self.other_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Referral.with_user(user).create(values)
                with self.assertRpcRefused(REFUSED):
                    self.rpc(user, REFERRAL, "create", values)
                with self.assertRaises(AccessError):
                    self.referral.with_user(user).action_request()
                with self.assertRpcRefused(REFUSED):
                    self.rpc(user, REFERRAL, "action_request", self.referral.ids)
        self.assertFalse(self._mails())
        self.assertEqual(self.referral.state, "draft")
        self.assertIs(
            self.rpc(self.worker, REFERRAL, "action_request", self.referral.ids), True
        )
        self.assertEqual(len(self._mails()), 1)

    def test_no_part_moved_onto_another_teams_case(self):
        """A worker cannot move a draft referral (nor a plan item or a
        meeting) of his case onto a case he is not on: the other team would
        find it, and could request it. Who may change both cases moves it."""
        move = "can only be moved to a .* you may change"
        referral = self.Referral.with_user(self.outsider_worker).create(
            self._referral_values(
                consent_given_by="subject", case_id=self.other_case.id
            )
        )
        parts = [referral]
        for model, values in (
            ("pcve.case.plan.item", {"description": "Call the school"}),
            ("pcve.case.meeting", {"minutes": "<p>Met.</p>"}),
        ):
            parts.append(
                self.env[model]
                .with_user(self.outsider_worker)
                .create(dict(values, case_id=self.other_case.id))
            )
        onto = {"case_id": self.case.id}
        for part in parts:
            with self.subTest(model=part._name):
                with self.assertRaisesRule(AccessError, move):
                    part.with_user(self.outsider_worker).write(onto)
                with self.assertRpcRefused(move):
                    self.rpc(self.outsider_worker, part._name, "write", part.ids, onto)
                self.assertEqual(part.case_id, self.other_case)
        self.assertNotIn(referral, self.Referral.with_user(self.worker).search([]))
        referral.with_user(self.manager).write(onto)
        self.assertEqual(referral.case_id, self.case)

    def test_addressees_are_the_towns_case_managers(self):
        """The case managers are read as superuser, those of every town: a
        manager of another town is neither addressed nor a follower."""
        addressed = "only be addressed to the case's professionals"
        partner = self.other_manager.partner_id
        referral = self.referral.with_user(self.worker)
        with self.assertRaisesRule(UserError, addressed):
            referral.message_post(body="For you", partner_ids=partner.ids)
        with self.assertRpcRefused(addressed):
            self.rpc(
                self.worker,
                REFERRAL,
                "message_post",
                self.referral.ids,
                body="For you",
                partner_ids=partner.ids,
            )
        with self.assertRaisesRule(UserError, "Only the case's professionals"):
            referral.message_subscribe(partner_ids=partner.ids)
        referral.message_post(body="For you", partner_ids=self.manager.partner_id.ids)
        self.assertNotIn(partner, self.referral.message_partner_ids)

    def test_only_the_team_closes_and_ends_its_team(self):
        """The closure ends the memberships as superuser: nobody but who may
        change the case (its team, the town's managers) closes it."""
        self.case.with_user(self.worker).write({"closure_reason_code": "goals_met"})
        team = self.case.member_ids
        for user in (self.outsider_worker, self.other_volunteer, self.other_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.case.with_user(user).action_close()
                with self.assertRpcRefused(REFUSED):
                    self.rpc(user, CASE, "action_close", self.case.ids)
        self.assertEqual(self.case.stage, "signal")
        self.assertEqual(self.case.member_ids, team)
        self.assertTrue(all(team.mapped("active")))
        self.rpc(self.worker, CASE, "action_close", self.case.ids)
        self.case.invalidate_recordset()
        self.assertEqual(self.case.stage, "closed")
        self.assertFalse(self.case.member_ids)

    # ------------------------------------------------------- retention job
    def _close(self, case):
        case.write({"closure_reason_code": "goals_met"})
        case.action_close()

    def test_nobody_runs_the_retention_job_or_the_erasure(self):
        """The job searches and erases as superuser: nobody calls it, or
        the erasure, over RPC, and a worker cannot make a case due."""
        self._close(self.case)
        past = fields.Date.to_string(fields.Date.today() - relativedelta(years=6))
        for user in (self.worker, self.manager, self.outsider_worker):
            for method, args in (
                ("_cron_anonymise_expired", ()),
                ("_anonymise", (self.case.ids,)),
                ("_pcve_erase_subject", (self.case.ids,)),
            ):
                with (
                    self.subTest(user=user.login, method=method),
                    self.assertRpcRefused(PRIVATE),
                ):
                    self.rpc(user, CASE, method, *args)
        for vals, rule in (
            ({"retention_until": past}, "Only a case manager"),
            ({"closed_on": past}, "moves only with its buttons"),
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRule(AccessError, rule):
                    self.case.with_user(self.worker).write(vals)
                with self.assertRpcRefused(rule):
                    self.rpc(self.worker, CASE, "write", self.case.ids, vals)
        self.assertEqual(self.Case._cron_anonymise_expired(), 0)
        self.assertFalse(self.case.is_anonymised)
        self.assertTrue(self._messages(self.case))

    def test_only_the_towns_managers_erase(self):
        """The erasure deletes messages and attachments as superuser: a
        worker, the team or a manager of another town are refused; the
        town's manager erases."""
        for user in (self.worker, self.outsider_worker, self.other_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.case.with_user(user).action_erase_subject()
                with self.assertRpcRefused(f"Only case managers|{REFUSED}"):
                    self.rpc(user, CASE, "action_erase_subject", self.case.ids)
                with self.assertRpcRefused(f"Only case managers|{REFUSED}"):
                    self.rpc(user, CASE, "action_export_subject", self.case.ids)
        self.case.invalidate_recordset()
        self.assertFalse(self.case.is_anonymised)
        self.assertTrue(self._messages(self.case))
        self.rpc(self.manager, CASE, "action_erase_subject", self.case.ids)
        self.case.invalidate_recordset()
        self.assertTrue(self.case.is_anonymised)
        self.assertFalse(
            self._messages(self.case).filtered(lambda m: "Youssef" in m.body)
        )

    def _messages(self, case):
        return self.env["mail.message"].search(
            [("model", "=", CASE), ("res_id", "=", case.id)]
        )

    # ------------------------------------------------------------- figures
    def test_figures_for_the_towns_managers_only(self):
        """The figures count as superuser: a worker or volunteer is refused,
        nobody calls them over RPC (so no domain of one's own: no oracle),
        a manager counts his town's cases only."""
        self._request()
        today = fields.Date.today()
        period = (today - timedelta(days=30), today)
        mine = [("id", "in", (self.case | self.other_case).ids)]
        for user in (self.worker, self.imam):
            Case = self.Case.with_user(user)
            for method in (
                Case._pcve_case_figures,
                Case._pcve_referral_figures,
                Case._pcve_pairing_figures,
            ):
                with (
                    self.subTest(user=user.login, method=method.__name__),
                    self.assertRaisesRule(AccessError, FIGURES),
                ):
                    method(mine, *period)
        for user in (self.worker, self.manager):
            for method in (
                "_pcve_case_figures",
                "_pcve_referral_figures",
                "_pcve_pairing_figures",
            ):
                with (
                    self.subTest(user=user.login, method=method),
                    self.assertRpcRefused(PRIVATE),
                ):
                    self.rpc(user, CASE, method, mine, *map(str, period))
        figures = self.Case.with_user(self.manager)._pcve_case_figures(mine, *period)
        self.assertEqual(figures["signalled"], 2)
        self.assertEqual(figures["referrals_by_service"], {"youth_work": 1})
        self.assertEqual(figures["with_volunteer"], 1)
        # the other town's manager, with a domain on this town's cases
        Other = self.Case.with_user(self.other_manager)
        figures = Other._pcve_case_figures(mine, *period)
        self.assertEqual(figures["signalled"], 0)
        self.assertFalse(figures["referrals_by_service"])
        self.assertEqual(figures["with_volunteer"], 0)
        self.assertEqual(
            Other._pcve_case_figures([], *period)["signalled"], 1, "his own case"
        )

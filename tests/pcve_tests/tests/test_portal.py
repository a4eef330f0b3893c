"""The community portal (/my/pcve), as the demo portal users of two partner
organisations: ``partnerportal`` (Bridges Foundation) and ``partnerportal2``
(Riverside Youth Centre). Each page shows the user's organisation's records
and none of the other's; a guessed id gives 404; every form needs its CSRF
token and writes through the model rules; the same records stay out of reach
over JSON-RPC, /web/content, the chatter routes and the report routes."""

import re

from markupsafe import escape

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.pcve_base.tests.common import RpcCase, password

MUTED = (
    "odoo.http",
    "odoo.models",
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
    "odoo.addons.rpc.controllers.xmlrpc",
)
PAGES = (
    "/my/pcve/assessments",
    "/my/pcve/charter",
    "/my/pcve/feedback",
    "/my/pcve/invitations",
    "/my/pcve/concerns",
    "/my/pcve/incidents",
    "/my/pcve/agreements",
)
SECRET = "PORTAL-SECRET-RATIONALE"
# What a portal user may not do over the API, each tried over XML-RPC and
# JSON-RPC (/web/dataset/call_kw) and refused without writing anything: (who,
# model, method, args, context, the refusal's words). Args name the records of
# setUpClass by attribute ("@concern1": its ids, "@org1.id": its id).
P1_CONCERN = {"name": "PORTAL-RAISE", "raised_by_partner_id": "@p1.partner_id.id"}
SIGNATURE = {"charter_id": "@charter2.id", "signatory": "X", "channel": "portal"}
REFUSALS = (
    # for another organisation, or its records
    ("p2", "pcve.charter.signature", "create", [dict(SIGNATURE, partner_id="@org1.id")], {}, ""),
    ("p2", "pcve.partner.feedback", "create", [{"partner_id": "@org1.id", "decision": "no", "channel": "portal"}], {}, ""),
    ("p2", "pcve.partner.feedback", "write", ["@feedback1", {"comment": "X"}], {}, ""),
    ("p2", "pcve.concern", "create", [P1_CONCERN], {}, ""),
    ("p2", "pcve.site.incident", "create", [{"site_id": "@site1.id", "kind": "threat"}], {}, ""),
    ("p1", "pcve.partner.assessment", "read", ["@assessment2", ["state"]], {}, ""),
    # the portal rule: what a portal user gives, changes and reads
    ("p2", "pcve.charter.signature", "create", [dict(SIGNATURE, partner_id="@org2.id", signed_on="2020-01-01")], {}, "Portal rule"),
    ("p2", "pcve.charter.signature", "create", [dict(SIGNATURE, partner_id="@org2.id")], {"default_signed_on": "2020-01-01"}, "Portal rule"),
    ("p1", "pcve.partner.feedback", "create", [{"partner_id": "@org1.id", "decision": "no", "channel": "portal", "recorded_on": "2020-01-01"}], {}, "Portal rule"),
    ("p1", "pcve.partner.feedback", "write", ["@feedback1", {"comment": "X"}], {}, "Portal rule"),
    ("p1", "pcve.safespace.invitation", "write", ["@invitation1", {"partner_id": "@p2.partner_id.id"}], {}, "Portal rule"),
    ("p1", "pcve.concern", "read", ["@concern1", ["responsible_user_id"]], {}, "Portal rule"),
    ("p1", "pcve.concern", "write", ["@concern1", {"state": "closed"}], {}, "Portal rule"),
    ("p1", "pcve.concern", "create", [dict(P1_CONCERN, state="closed")], {}, "Portal rule"),
    ("p1", "pcve.concern", "create", [dict(P1_CONCERN, state="responded", response="<p>We did it</p>")], {}, "Portal rule"),
    ("p1", "pcve.concern", "create", [dict(P1_CONCERN, raised_on="2020-01-01")], {}, "Portal rule"),
    ("p1", "pcve.concern", "create", [dict(P1_CONCERN, reported_back=True)], {}, "Portal rule"),
    ("p1", "pcve.concern", "create", [P1_CONCERN], {"default_state": "closed"}, "Portal rule"),
    ("p1", "pcve.concern", "create", [P1_CONCERN], {"default_responsible_user_id": "@p1.id"}, "Portal rule"),
    ("p1", "pcve.site.incident", "create", [{"site_id": "@site1.id", "kind": "threat", "reported_to_police": True}], {}, "Portal rule"),
    # no grouping, export, import or copy: each names fields its own way
    ("p1", "pcve.safespace.invitation", "formatted_read_group", [[], ["session_id.venue_override_reason"], ["__count"]], {}, "Portal rule"),
    ("p1", "pcve.safespace.invitation", "web_read_group", [[], ["session_id"]], {}, "Portal rule"),
    ("p1", "pcve.safespace.session", "read_group", [[], ["display_name:max(venue_override_reason)"], ["name"]], {}, "Portal rule"),
    ("p1", "pcve.safespace.session", "read_progress_bar", [[], "venue_override_reason", {"field": "state", "colors": {"draft": "info"}}], {}, "Portal rule"),
    ("p1", "pcve.safespace.session", "formatted_read_grouping_sets", [[], [["venue_override_reason"]], ["__count"]], {}, "Portal rule"),
    ("p1", "pcve.concern", "search_panel_select_range", ["topic"], {}, "Portal rule"),
    ("p1", "pcve.concern", "export_data", ["@concern1", ["name"]], {}, "Portal rule"),
    ("p1", "pcve.concern", "load", [["name"], [["X"]]], {}, "Portal rule"),
    ("p1", "pcve.partner.feedback", "copy", ["@feedback1", {"recorded_on": "2019-01-01"}], {}, "Portal rule"),
    # the invitee answers, nothing else
    ("p1", "pcve.safespace.invitation", "write", ["@invitation1", {"state": "attended"}], {}, "accepts or declines"),
)  # fmt: skip


@tagged("post_install", "-at_install", "pcve_security")
class TestPortal(HttpCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.p1 = ref("pcve_partners.user_partnerportal_demo")
        cls.p2 = ref("pcve_partners.user_partnerportal2_demo")
        cls.org1 = ref("pcve_partners.partner_bridges_ngo_demo")
        cls.org2 = ref("pcve_partners.partner_riverside_youth_centre_demo")
        cls.assessment2 = ref("pcve_partners.assessment_youth_centre_dialogue_demo")
        cls.assessment2.sudo().decision_rationale = SECRET
        cls.agreement1 = ref("pcve_partners.agreement_bridges_demo")
        cls.invitation1 = ref(
            "pcve_safespaces_partners.invitation_parents_circle_bridges_demo"
        )
        cls.concern1 = ref("pcve_safespaces_partners.concern_bridges_lighting_demo")
        cls.concern2 = ref("pcve_safespaces_partners.concern_youth_centre_benches_demo")
        cls.site1 = ref("pcve_safespaces_partners.site_bridges_house_demo")
        cls.charter2 = cls.env["pcve.charter"].create(
            {"name": "Charter 2", "active": False}
        )
        cls.feedback1 = cls.env["pcve.partner.feedback"].create(
            {"partner_id": cls.org1.id, "decision": "collaborate"}
        )
        cls.draft1 = (
            cls.env["pcve.partner.assessment"]
            .sudo()
            .create({"partner_id": cls.org1.id, "requested_level": "dialogue"})
        )

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _get(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        return response.text

    def _token(self):
        """The session's CSRF token, as every portal page carries it."""
        page = self._get("/my/pcve")
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def _post(self, url, data, token=True):
        """POST a portal form, with the CSRF token of the page it is on."""
        if token:
            data = dict(data, csrf_token=self._token())
        return self.url_open(url, data=data)

    # ------------------------------------------------------------------- home
    def test_home_and_card(self):
        self._login(self.p1)
        home = self._get("/my/pcve")
        for url in PAGES:
            self.assertIn(f'href="{url}"', home)
        self.assertIn('href="/my/pcve"', self._get("/my"))
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["pcve_count"]}
        )
        self.assertGreater(counters["pcve_count"], 0)
        # a portal user of no partner organisation (a customer): no partner's pages
        customer = new_test_user(
            self.env, login="pcve_portal_customer", groups="base.group_portal"
        )
        self.authenticate(customer.login, password(customer))
        home = self._get("/my/pcve")
        for url in ("/my/pcve/assessments", "/my/pcve/charter", "/my/pcve/agreements"):
            self.assertNotIn(f'href="{url}"', home)
        self.authenticate(None, None)
        response = self.url_open("/my/pcve", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    def test_every_page_renders_for_both_users(self):
        """Each page reads only the declared fields (the portal rule): it
        renders for both demo portal users."""
        for user in (self.p1, self.p2):
            self._login(user)
            for url in ("/my/pcve", *PAGES):
                with self.subTest(user=user.login, url=url):
                    self._get(url)

    def test_home_costs_the_same_at_two_sizes(self):
        """/my/pcve counts each page's records in one query whatever their
        number: the same queries with 3 or 33 concerns of the organisation."""
        self._login(self.p1)

        def queries():
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self._get("/my/pcve")
            return self.env.cr.sql_log_count - before

        queries()  # warm the caches
        small = queries()
        self.assertGreater(small, 0)
        self.env["pcve.concern"].sudo().create(
            [
                {
                    "name": f"PORTAL-SIZE {index}",
                    "raised_by_partner_id": self.p1.partner_id.id,
                }
                for index in range(30)
            ]
        )
        self.assertEqual(queries(), small)

    def test_other_apps_pages_show_nothing_of_another_organisation(self):
        """Odoo's own /my pages (home, account, security) stay as they are for
        a partner's portal user: nothing of another organisation's records."""
        self._login(self.p1)
        for url in ("/my", "/my/home", "/my/account", "/my/security"):
            page = self._get(url)
            for secret in (
                self.concern2.name,
                self.assessment2.name,
                self.org2.name,
                SECRET,
            ):
                self.assertNotIn(str(escape(secret)), page, url)

    # ------------------------------------------------------------ assessments
    def test_assessments(self):
        self._login(self.p2)
        listed = self._get("/my/pcve/assessments")
        self.assertIn(self.assessment2.name, listed)
        detail = self._get(f"/my/pcve/assessments/{self.assessment2.id}")
        criterion = self.env.ref("pcve_partners.criterion_funding_sources")
        self.assertIn(criterion.name, detail)
        self.assertNotIn(SECRET, detail)
        self.assertNotIn(self.assessment2.assessor_id.name, detail)
        self.assertNotIn(self.assessment2.decided_by_id.name, detail)
        for line in self.assessment2.criterion_line_ids.filtered("finding"):
            self.assertNotIn(line.finding, detail)
        # the letter, once the municipality informed the partner (informing
        # passes the language check): not before
        url = f"/my/pcve/assessments/{self.assessment2.id}/letter"
        self.assertFalse(self.assessment2.partner_informed_date)
        self.assertNotIn(url, detail)
        with mute_logger(*MUTED):
            self.assertEqual(self.url_open(url).status_code, 404)
        self.assessment2.with_user(self.assessment2.decided_by_id).action_print_letter()
        self.assertIn(url, self._get(f"/my/pcve/assessments/{self.assessment2.id}"))
        letter = self.url_open(url)
        self.assertEqual(letter.status_code, 200)
        # the other organisation's, and a draft of one's own: not there
        self._login(self.p1)
        self.assertNotIn(self.assessment2.name, self._get("/my/pcve/assessments"))
        with mute_logger(*MUTED):
            for url in (
                f"/my/pcve/assessments/{self.assessment2.id}",
                f"/my/pcve/assessments/{self.assessment2.id}/letter",
                f"/my/pcve/assessments/{self.draft1.id}",
                "/my/pcve/assessments/999999999",
            ):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404, url)
                self.assertNotIn(SECRET, response.text)

    def test_assessment_fields_over_rpc(self):
        """The rationale, findings and who prepared it: unreadable for the
        organisation's own portal user; its draft and the other's: not found."""
        Assessment = self.env["pcve.partner.assessment"]
        mine = Assessment.with_user(self.p2).browse(self.assessment2.id)
        self.assertEqual(mine.outcome, "approved")
        self.assertTrue(mine.criterion_ids)
        for fname in (
            "decision_rationale",
            "criterion_line_ids",
            "reference_ids",
            "assessor_id",
            "decided_by_id",
            "serious_concern",
            "objective",
        ):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                mine.read([fname])
        self.assertEqual(
            self.rpc(self.p1, "pcve.partner.assessment", "search", []),
            Assessment.sudo()
            .search([("partner_id", "=", self.org1.id), ("state", "!=", "draft")])
            .ids,
        )

    # ---------------------------------------------------------------- charter
    def test_charter_sign_once(self):
        Signature = self.env["pcve.charter.signature"].sudo()
        Signature.search([("partner_id", "=", self.org1.id)]).unlink()
        self._login(self.p1)
        # no CSRF token: refused, nothing signed
        with mute_logger(*MUTED):
            response = self._post(
                "/my/pcve/charter", {"signatory": "K. Bos"}, token=False
            )
        self.assertIn(response.status_code, (400, 403))
        self.assertFalse(Signature.search([("partner_id", "=", self.org1.id)]))
        response = self._post("/my/pcve/charter", {"signatory": "Karin Bos, chair"})
        self.assertEqual(response.status_code, 200)
        signature = Signature.search([("partner_id", "=", self.org1.id)])
        self.assertEqual(len(signature), 1)
        self.assertEqual(signature.channel, "portal")
        self.assertEqual(signature.create_uid, self.p1)
        self.assertEqual(signature.signatory, "Karin Bos, chair")
        self.assertIn("Signed on behalf of your organisation", response.text)
        # a second signature: refused politely
        response = self._post("/my/pcve/charter", {"signatory": "Again"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("it signs it once", response.text)
        self.assertEqual(len(Signature.search([("partner_id", "=", self.org1.id)])), 1)
        # the other organisation does not see it, nor sign for another
        self.assertNotIn("Karin Bos, chair", self._get_as(self.p2, "/my/pcve/charter"))

    def _get_as(self, user, url):
        self._login(user)
        return self._get(url)

    # --------------------------------------------------------------- feedback
    def test_feedback(self):
        Feedback = self.env["pcve.partner.feedback"].sudo()
        before = Feedback.search([("partner_id", "=", self.org1.id)])
        self._login(self.p1)
        response = self._post(
            "/my/pcve/feedback",
            {
                "decision": "collaborate",
                "rating_objectives_clear": "4",
                "partner_objectives": "Young people <b>shape</b> the topics",
                "comment": "PORTAL-FEEDBACK-COMMENT",
            },
        )
        self.assertEqual(response.status_code, 200)
        feedback = Feedback.search([("partner_id", "=", self.org1.id)]) - before
        self.assertEqual(len(feedback), 1)
        self.assertEqual(
            (feedback.channel, feedback.decision, feedback.rating_objectives_clear),
            ("portal", "collaborate", "4"),
        )
        self.assertNotIn("<b>", feedback.partner_objectives)
        self.assertIn("PORTAL-FEEDBACK-COMMENT", response.text)
        # a value off the list: refused, nothing recorded
        response = self._post("/my/pcve/feedback", {"decision": "maybe"})
        self.assertIn("from the list", response.text)
        self.assertEqual(
            Feedback.search_count([("partner_id", "=", self.org1.id)]), len(before) + 1
        )
        self.assertNotIn(
            "PORTAL-FEEDBACK-COMMENT", self._get_as(self.p2, "/my/pcve/feedback")
        )

    # ------------------------------------------------------------ invitations
    def test_invitations(self):
        session = self.invitation1.session_id
        self.assertTrue(session.confidential)
        self._login(self.p1)
        page = self._get("/my/pcve/invitations")
        self.assertIn(escape(session.name), page)
        # who else comes: organisations' names only, never a person's name
        for other in session.invitation_ids - self.invitation1:
            if not other.partner_id.is_company:
                self.assertNotIn(escape(other.partner_id.name), page)
        response = self._post(f"/my/pcve/invitations/{self.invitation1.id}/accept", {})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.invitation1.state, "accepted")
        # the other organisation: no session, no answer for another
        self._login(self.p2)
        self.assertNotIn(escape(session.name), self._get("/my/pcve/invitations"))
        with mute_logger(*MUTED):
            response = self._post(
                f"/my/pcve/invitations/{self.invitation1.id}/decline", {}
            )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.invitation1.state, "accepted")
        self.assertFalse(self.rpc(self.p2, "pcve.safespace.session", "search", []))
        self.assertEqual(
            self.rpc(self.p1, "pcve.safespace.session", "search", []), session.ids
        )
        # the invitee answers (the refusals: test_rpc_refusals)
        self.assertTrue(
            self.rpc(
                self.p1,
                "pcve.safespace.invitation",
                "action_decline",
                [self.invitation1.id],
            )
        )
        self.assertEqual(self.invitation1.state, "declined")
        # a named attendance, and a session that is over: the organiser's
        self.invitation1.sudo().write({"state": "attended"})
        with self.assertRpcRefused("session ahead"):
            self.rpc(
                self.p1,
                "pcve.safespace.invitation",
                "action_decline",
                [self.invitation1.id],
            )
        self.invitation1.sudo().write({"state": "accepted"})
        session.sudo().write({"state": "cancelled"})
        with self.assertRpcRefused("session ahead"):
            self.rpc(
                self.p1,
                "pcve.safespace.invitation",
                "action_decline",
                [self.invitation1.id],
            )
        with mute_logger(*MUTED):
            self._post(f"/my/pcve/invitations/{self.invitation1.id}/decline", {})
        self.assertEqual(self.invitation1.state, "accepted")

    def test_concern_raised_with_its_own_fields_only(self):
        """On the portal a concern is raised with its own fields (the
        refusals of the others: test_rpc_refusals)."""
        created = self.rpc(
            self.p1,
            "pcve.concern",
            "create",
            {
                "name": "PORTAL-RAISE",
                "raised_by_partner_id": self.p1.partner_id.id,
                "reply_wanted": True,
            },
        )
        concern = self.env["pcve.concern"].browse(created)
        self.assertEqual((concern.state, concern.reply_wanted), ("new", True))

    # --------------------------------------------------------------- concerns
    def test_concerns(self):
        self._login(self.p1)
        page = self._get("/my/pcve/concerns")
        self.assertIn(self.concern1.name, page)
        self.assertIn("Four street lights", page)
        self.assertNotIn(self.concern1.responsible_user_id.name, page)
        self.assertNotIn(self.concern2.name, page)
        community = self.env["pcve.community"].search([], limit=1)
        response = self._post(
            "/my/pcve/concerns",
            {
                "name": "PORTAL-CONCERN: broken swings",
                "description": "The swings are broken",
                "community_id": str(community.id),
                "reply_wanted": "on",
            },
        )
        self.assertEqual(response.status_code, 200)
        concern = self.env["pcve.concern"].search(
            [("name", "=", "PORTAL-CONCERN: broken swings")]
        )
        self.assertEqual(concern.raised_by_partner_id, self.p1.partner_id)
        self.assertEqual(
            (concern.community_id, concern.reply_wanted, concern.state),
            (community, True, "new"),
        )
        self.assertFalse(concern.responsible_user_id)
        self.assertNotIn("PORTAL-CONCERN", self._get_as(self.p2, "/my/pcve/concerns"))

    # -------------------------------------------------------------- incidents
    def test_incidents(self):
        Incident = self.env["pcve.site.incident"].sudo()
        self._login(self.p1)
        self.assertIn(self.site1.name, self._get("/my/pcve/incidents"))
        response = self._post(
            "/my/pcve/incidents",
            {
                "site_id": str(self.site1.id),
                "kind": "graffiti",
                "description": "PORTAL-GRAFFITI",
            },
        )
        self.assertEqual(response.status_code, 200)
        incident = Incident.search([("description", "=", "PORTAL-GRAFFITI")])
        self.assertEqual((incident.site_id, incident.state), (self.site1, "new"))
        self._login(self.p2)
        self.assertNotIn(self.site1.name, self._get("/my/pcve/incidents"))
        response = self._post(
            "/my/pcve/incidents",
            {
                "site_id": str(self.site1.id),
                "kind": "graffiti",
                "description": "PORTAL-OTHER",
            },
        )
        self.assertIn("Choose one of your sites", response.text)
        self.assertFalse(Incident.search([("description", "=", "PORTAL-OTHER")]))

    # ------------------------------------------------------------- agreements
    def test_agreements(self):
        self._login(self.p1)
        self.assertIn(self.agreement1.name, self._get("/my/pcve/agreements"))
        response = self.url_open(f"/my/pcve/agreements/{self.agreement1.id}/pdf")
        self.assertEqual(response.status_code, 200)
        self._login(self.p2)
        self.assertNotIn(self.agreement1.name, self._get("/my/pcve/agreements"))
        with mute_logger(*MUTED):
            response = self.url_open(f"/my/pcve/agreements/{self.agreement1.id}/pdf")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.agreement1.name, response.text)

    # ------------------------------------------------------------- refusals
    def _resolve(self, value):
        """A REFUSALS value with its "@attribute.path" names resolved."""
        if isinstance(value, str) and value.startswith("@"):
            found = self
            for name in value[1:].split("."):
                found = getattr(found, name)
            return found.ids if hasattr(found, "ids") else found
        if isinstance(value, dict):
            return {key: self._resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._resolve(item) for item in value]
        return value

    def _footprint(self, model):
        """What a refused call must leave as it was: the model's records and
        when they were last written."""
        self.env.flush_all()
        return self.env[model].sudo().search_read([], ["write_date"])

    def test_rpc_refusals(self):
        for who, model, method, args, context, pattern in REFUSALS:
            user = getattr(self, who)
            args, context = self._resolve(args), self._resolve(context)
            before = self._footprint(model)
            with self.subTest(who=who, model=model, method=method, args=args):
                with self.assertRpcRefused(pattern):
                    self.rpc(user, model, method, *args, context=context)
                self._login(user)
                with mute_logger(*MUTED), self.assertRaises(JsonRpcException) as caught:
                    self.make_jsonrpc_request(
                        "/web/dataset/call_kw",
                        {
                            "model": model,
                            "method": method,
                            "args": args,
                            "kwargs": {"context": context},
                        },
                    )
                self.assertIn(
                    str(caught.exception),
                    ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"),
                )
                self.assertEqual(self._footprint(model), before)

    # ------------------------------------------------------------ side doors
    @mute_logger(*MUTED)
    def test_side_doors(self):
        """The other organisation's records through Odoo's own routes."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": "memorandum.txt",
                "raw": SECRET.encode(),
                "res_model": "pcve.agreement",
                "res_id": self.agreement1.id,
            }
        )
        message = self.agreement1.message_post(body=SECRET, message_type="comment")
        self.env.flush_all()
        self._login(self.p2)
        for url in (
            f"/web/content/{attachment.id}",
            f"/web/image/{attachment.id}?download=true",
        ):
            response = self.url_open(url)
            self.assertIn(response.status_code, (403, 404), url)
            self.assertNotIn(SECRET.encode(), response.content)
        params = {
            "thread_model": "pcve.agreement",
            "thread_id": self.agreement1.id,
            "fetch_params": {"limit": 30},
        }
        try:
            result = self.make_jsonrpc_request("/mail/thread/messages", params)
        except JsonRpcException:
            result = {"messages": []}
        self.assertNotIn(message.id, result["messages"])
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "pcve.concern",
                    "thread_id": self.concern1.id,
                    "post_data": {"body": "hi"},
                },
            )
        for user, url in (
            (
                self.p1,
                f"/report/pdf/pcve_partners.outcome_letter_report/{self.assessment2.id}",
            ),
            (
                self.p2,
                f"/report/pdf/pcve_partners.agreement_report/{self.agreement1.id}",
            ),
        ):
            self._login(user)
            response = self.url_open(url)
            self.assertNotEqual(response.status_code, 200, url)
            self.assertNotIn(SECRET, response.text)
        # call_kw of the web client, on every model of the suite
        self._login(self.p2)
        theirs = {
            "pcve.partner.assessment": self.assessment2 | self.draft1,
            "pcve.agreement": self.agreement1,
            "pcve.concern": self.concern1,
            "pcve.site": self.site1,
            "pcve.safespace.invitation": self.invitation1,
            "pcve.safespace.session": self.invitation1.session_id,
        }
        for model in (
            self.env["ir.model"].search([("model", "=like", "pcve.%")]).mapped("model")
        ):
            if self.env[model]._abstract or self.env[model]._transient:
                continue
            with self.subTest(model=model):
                try:
                    found = self.make_jsonrpc_request(
                        "/web/dataset/call_kw",
                        {
                            "model": model,
                            "method": "search",
                            "args": [[]],
                            "kwargs": {},
                        },
                    )
                except JsonRpcException:
                    continue
                others = theirs.get(model, self.env[model]).ids
                self.assertFalse(
                    set(found) & set(others) - set(self.assessment2.ids), model
                )
                self.assertNotIn(
                    self.draft1.id, found if model == "pcve.partner.assessment" else []
                )

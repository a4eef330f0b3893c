import inspect
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import tagged

from .common import SafespacesRpcCommon

SESSION = "pcve.safespace.session"
CONCERN = "pcve.concern"
SERIES = "pcve.safespace.series"


@tagged("post_install", "-at_install")
class TestSafespacesRpc(SafespacesRpcCommon):
    """The rules again, over XML-RPC, as the roles that must pass them and
    those that must not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.centre.capacity = 0
        cls.secret = cls.env[SESSION].create(
            cls._session_values(name="Secret circle", organiser_id=cls.organiser.id)
        )
        cls.public = cls.env[SESSION].create(
            cls._session_values(name="Open doors day", confidential=False)
        )
        cls.association = cls.env["res.partner"].create(
            {"name": "Buurtvereniging", "email": "bestuur@example.org"}
        )

    def _future_session(self, user, **values):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=30)
        session_id = self.rpc(
            user,
            SESSION,
            "create",
            self._session_values(
                start=fields.Datetime.to_string(start),
                stop=fields.Datetime.to_string(start + timedelta(hours=2)),
                **values,
            ),
        )
        return self.env[SESSION].browse(session_id)

    # ------------------------------------------------------------ answers
    def _public_methods(self):
        """(model, method) of every method of this addon that a client may
        call, overrides of Odoo's own API (create, write, message_post: their
        answers are Odoo's) left out."""
        methods = set()
        for name in self.env.registry:
            model = self.env[name]
            if model._abstract:
                continue
            classes = type(model).mro()
            ours = [
                cls
                for cls in classes
                if cls.__module__.startswith("odoo.addons.pcve_safespaces.")
            ]
            others = [cls for cls in classes if cls not in ours]
            for cls in ours:
                for attr, member in vars(cls).items():
                    if (
                        attr.startswith("_")
                        or not inspect.isfunction(member)
                        or any(attr in vars(other) for other in others)
                    ):
                        continue
                    try:
                        get_public_method(model, attr)
                    except AccessError:
                        continue
                    methods.add((name, attr))
        return methods

    def test_every_public_method_answers_over_rpc(self):
        """None cannot be marshalled: the client got a traceback after the
        change was committed, and a retry repeated it."""
        called = set()

        def call(user, model, method, *args, **kwargs):
            result = self.rpc(user, model, method, *args, **kwargs)
            self.assertIsNotNone(result)
            called.add((model, method))
            return result

        org, user = self.organiser, self.user
        # sessions and their invitations
        session = self._future_session(org, organiser_id=org.id)
        call(org, SESSION, "write", [session.id], {"invitation_note": "Welcome"})
        invitations = [
            call(
                org,
                "pcve.safespace.invitation",
                "create",
                {"session_id": session.id, "partner_id": partner.id},
            )
            for partner in self.invitees[:3]
        ]
        for method, invitation in zip(
            ("action_accept", "action_decline", "action_attended"),
            invitations,
            strict=True,
        ):
            self.assertIs(
                call(org, "pcve.safespace.invitation", method, [invitation]), True
            )
        self.assertIs(call(org, SESSION, "action_send_invitations", [session.id]), True)
        for method in ("action_preview_invitation", "action_view_invitations"):
            self.assertEqual(
                call(org, SESSION, method, [session.id])["type"],
                "ir.actions.act_window",
            )
        for method in ("action_confirm", "action_mark_held"):
            self.assertIs(call(org, SESSION, method, [session.id]), True)
        call(org, SESSION, "action_view_concerns", [session.id])
        # held, one invitee attended: the sheet's report action
        self.assertEqual(
            call(org, SESSION, "action_request_feedback", [session.id])["type"],
            "ir.actions.report",
        )
        other = self._future_session(org, organiser_id=org.id)
        for method in ("action_cancel", "action_draft"):
            self.assertIs(call(org, SESSION, method, [other.id]), True)
        # the send wizard at short notice: "Send anyway" sends
        soon = self._future_session(org, organiser_id=org.id)
        soon.start = fields.Datetime.now() + timedelta(days=2)
        soon.stop = soon.start + timedelta(hours=2)
        call(
            org,
            "pcve.safespace.invitation",
            "create",
            {"session_id": soon.id, "partner_id": self.invitees[0].id},
        )
        action = call(org, SESSION, "action_send_invitations", [soon.id])
        self.assertEqual(action["res_model"], "pcve.safespace.send.wizard")
        wizard = call(
            org, "pcve.safespace.send.wizard", "create", {"session_ids": [soon.id]}
        )
        call(org, "pcve.safespace.send.wizard", "action_send", [wizard])
        self.assertIn("Sent at short notice", soon.message_ids[0].body)
        # series and venues
        series = call(
            org,
            SERIES,
            "create",
            {
                "name": "Monthly table",
                "first_start": "2030-03-05 18:00:00",
                "rrule_type": "monthly",
                "month_by": "date",
                "day": 5,
                "count": 3,
                "venue_id": self.centre.id,
            },
        )
        call(org, SERIES, "write", [series], {"name": "Monthly dialogue table"})
        call(org, SERIES, "action_view_sessions", [series])
        call(org, "pcve.venue", "action_view_sessions", [self.centre.id])
        # concerns, by a safe-space user
        concern = call(
            user,
            CONCERN,
            "create",
            {"name": "Bins not emptied", "raised_by_partner_id": self.association.id},
        )
        self.assertIs(call(user, CONCERN, "action_start", [concern]), True)
        call(user, CONCERN, "write", [concern], {"response": "<p>Emptied weekly.</p>"})
        self.assertIs(call(user, CONCERN, "action_respond", [concern]), True)
        for method in ("action_preview_reply", "action_send_reply"):
            self.assertEqual(
                call(user, CONCERN, method, [concern])["type"], "ir.actions.act_window"
            )
        call(user, CONCERN, "message_post", [concern], body="Called the association")
        self.assertEqual(
            call(user, CONCERN, "action_close", [concern])["res_model"],
            "pcve.concern.close.wizard",
        )
        wizard = call(
            user, "pcve.concern.close.wizard", "create", {"concern_ids": [concern]}
        )
        call(user, "pcve.concern.close.wizard", "action_confirm", [wizard])
        self.assertIs(call(user, CONCERN, "action_reopen", [concern]), True)
        call(user, CONCERN, "action_respond", [concern])
        self.assertIs(call(user, CONCERN, "action_report_back", [concern]), True)
        self.assertIs(call(user, CONCERN, "action_close", [concern]), True)
        # crises
        crisis = call(org, "pcve.crisis", "create", {"name": "Graffiti on the mosque"})
        self.assertIs(call(org, "pcve.crisis", "action_generate_tasks", [crisis]), True)
        call(org, "pcve.crisis", "action_plan_dialogue", [crisis])
        call(
            org, "pcve.crisis", "write", [crisis], {"joint_message": "<p>Together.</p>"}
        )
        self.assertIs(
            call(org, "pcve.crisis", "action_send_joint_message", [crisis]), True
        )
        for method in ("action_recovery", "action_close"):
            self.assertIs(call(org, "pcve.crisis", method, [crisis]), True)
        # sites, incidents and the annual report
        site = call(org, "pcve.site", "create", {"name": "Mosque", "faith": "muslim"})
        call(org, "pcve.site", "action_view_incidents", [site])
        incident = call(
            org,
            "pcve.site.incident",
            "create",
            {"site_id": site, "kind": "graffiti", "severity": "high"},
        )
        call(org, "pcve.site.incident", "action_open_crisis", [incident])
        call(org, "pcve.site.incident.response", "create", {"incident_id": incident})
        self.assertIs(call(org, "pcve.site.incident", "action_close", [incident]), True)
        call(org, "pcve.site.incident", "annual_report", 2030)
        wizard = call(org, "pcve.site.incident.report.wizard", "create", {"year": 2030})
        call(org, "pcve.site.incident.report.wizard", "action_print", [wizard])
        self.assertEqual(self._public_methods() - called, set())

    # ------------------------------------------------------------ concerns
    def test_concern_response_over_rpc(self):
        """The response is saved as the web client (web_save) and an
        integrator (write) save it; it used to fail on every write."""
        for user in (self.user, self.organiser, self.manager):
            with self.subTest(user=user.login):
                concern = self.rpc(user, CONCERN, "create", {"name": "Dark alley"})
                self.rpc(
                    user,
                    CONCERN,
                    "web_save",
                    [concern],
                    {"response": "<p>Street lights placed.</p>"},
                    specification={"response": {}, "state": {}},
                )
                self.rpc(user, CONCERN, "action_respond", [concern])
                self.rpc(
                    user,
                    CONCERN,
                    "write",
                    [concern],
                    {"response": "<p>Street lights placed on 3 May.</p>"},
                )
                record = self.env[CONCERN].browse(concern)
                self.assertEqual(record.state, "responded")
                self.assertEqual(record.responded_by_id, user)
                logged = record.message_ids.filtered(
                    lambda m: "Response recorded:" in (m.body or "")
                )
                self.assertEqual(len(logged), 2)
                with self.assertRpcRefused(
                    "Responded by of Community concern is recorded by the system"
                ):
                    self.rpc(
                        user, CONCERN, "write", [concern], {"responded_by_id": user.id}
                    )
        with self.assertRpcRefused("(?i)not allowed|access"):
            self.rpc(self.outsider, CONCERN, "create", {"name": "Dark alley"})

    def test_concern_session_link_over_rpc(self):
        ghost = self.env[SESSION].search([], order="id desc", limit=1).id + 1000
        for user in (self.user, self.other_organiser):
            with self.subTest(user=user.login):
                faults = []
                for session_id in (self.secret.id, ghost):
                    with self.assertRpcRefused("Session rule") as cm:
                        self.rpc(
                            user,
                            CONCERN,
                            "create",
                            {"name": "Planted", "session_id": session_id},
                        )
                    faults.append(cm.exception.faultString)
                self.assertEqual(faults[0], faults[1])
                concern = self.rpc(
                    user,
                    CONCERN,
                    "create",
                    {"name": "Raised openly", "session_id": self.public.id},
                )
                with self.assertRpcRefused("Session rule"):
                    self.rpc(
                        user,
                        CONCERN,
                        "write",
                        [concern],
                        {"session_id": self.secret.id},
                    )
        for user in (self.organiser, self.manager):
            with self.subTest(user=user.login):
                self.rpc(
                    user,
                    CONCERN,
                    "create",
                    {"name": "Raised in the circle", "session_id": self.secret.id},
                )
        self.assertEqual(len(self.secret.concern_ids), 2)
        for values in ({}, {"session_id": self.public.id}):
            with self.assertRpcRefused("(?i)not allowed|access|Session rule"):
                self.rpc(self.outsider, CONCERN, "create", {"name": "Out", **values})

    # ------------------------------------------------------------ series
    def test_series_to_2100_over_rpc(self):
        """A daily series to 2100 is saved in one bounded request."""
        values = {
            "name": "Daily walk-in",
            "first_start": "2030-03-05 18:00:00",
            "rrule_type": "daily",
            "end_type": "end_date",
            "until": "2100-12-31",
            "venue_id": self.centre.id,
            "moderator_partner_id": self.moderator.id,
        }
        series = self.env[SERIES].browse(
            self.rpc(self.organiser, SERIES, "create", values)
        )
        self.assertEqual(len(series.session_ids), 100)
        self.assertTrue(series.sessions_planned_until)
        for user in (self.organiser, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRpcRefused(
                    "Sessions planned until of .* is recorded by the system"
                ),
            ):
                self.rpc(
                    user,
                    SERIES,
                    "write",
                    [series.id],
                    {"sessions_planned_until": "2101-01-01 00:00:00"},
                )
        for user in (self.user, self.outsider):
            with (
                self.subTest(user=user.login),
                self.assertRpcRefused("(?i)not allowed|access"),
            ):
                self.rpc(user, SERIES, "create", {**values, "confidential": False})

    # ------------------------------------------------------------ sessions
    def test_finished_session_over_rpc(self):
        session = self._future_session(self.organiser)
        self.rpc(self.organiser, SESSION, "action_confirm", [session.id])
        self.rpc(self.organiser, SESSION, "action_mark_held", [session.id])
        for user in (self.organiser, self.manager):
            with self.subTest(user=user.login):
                with self.assertRpcRefused("was held"):
                    self.rpc(user, SESSION, "write", [session.id], {"name": "Other"})
                self.rpc(user, SESSION, "write", [session.id], {"attendance_count": 11})
        with self.assertRpcRefused("(?i)not allowed|access"):
            self.rpc(self.user, SESSION, "write", [session.id], {"name": "Other"})
        for user in (self.organiser, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRpcRefused("starts as a draft"),
            ):
                self.rpc(user, SESSION, "create", self._session_values(state="held"))
        self.assertEqual(session.attendance_count, 11)
        self.assertEqual(session.name, "Dialogue circle Kanaalwijk")

    # ------------------------------------------------------------ home
    def test_home_action_through_the_web_client(self):
        """What the web client runs when a user opens Community Engagement."""
        home = self.env.ref("pcve_base.action_pcve_home")
        for user, model in (
            (self.user, "pcve.concern"),
            (self.organiser, "pcve.safespace.session"),
            (self.manager, "pcve.safespace.session"),
        ):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login + "x" * (8 - len(user.login)))
                loaded = self.make_jsonrpc_request(
                    "/web/action/load", {"action_id": home.id}
                )
                self.assertEqual(loaded["type"], "ir.actions.server")
                action = self.make_jsonrpc_request(
                    "/web/action/run", {"action_id": home.id}
                )
                self.assertEqual(action["res_model"], model)
        self.authenticate(self.outsider.login, "ss_outsider")
        action = self.make_jsonrpc_request("/web/action/run", {"action_id": home.id})
        self.assertNotIn(action["res_model"], (CONCERN, SESSION))

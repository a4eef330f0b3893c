"""The portal rule (``_pcve_portal_fields`` of ``pcve.input.mixin``): on every
model a portal user may read, he reads, searches, groups and sorts by only
the fields his pages show, through the ORM, XML-RPC and JSON-RPC; staff open
the same models' backend forms as before."""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.pcve_base.tests.common import RPC_LOGGERS, RpcCase

# Fields the last review could read over RPC as the invitee of a session, the
# organiser of a concern, the partner of an assessment: each refused by name.
PROBES = {
    "pcve.safespace.session": (
        "venue_override_reason",
        "crisis_id",
        "attendance_count",
        "concern_ids",
        "venue_id",
    ),
    "pcve.safespace.invitation": ("email", "sent_on"),
    "pcve.concern": ("responsible_user_id", "response_deadline", "topic", "response"),
    "pcve.partner.assessment": ("objective", "assessor_id"),
    "pcve.site.incident": ("severity", "crisis_id", "reporter_partner_id"),
}
ACCESS_ERROR = "odoo.exceptions.AccessError"
# Demo staff logins, tried in turn for a model's backend form.
STAFF = ("staff", "organiser", "safespaceuser", "assessor", "approver", "pcvemanager")


@tagged("post_install", "-at_install", "pcve_security")
class TestPortalFields(HttpCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.portal_users = (
            ref("pcve_partners.user_partnerportal_demo"),
            ref("pcve_partners.user_partnerportal2_demo"),
        )
        org1 = ref("pcve_partners.partner_bridges_ngo_demo")
        charter = cls.env["pcve.charter"]._get_current()
        if not cls.env["pcve.charter.signature"].search(
            [("partner_id", "=", org1.id), ("charter_id", "=", charter.id)]
        ):
            cls.env["pcve.charter.signature"].create(
                {"partner_id": org1.id, "charter_id": charter.id, "signatory": "S"}
            )
        cls.env["pcve.partner.feedback"].create(
            {"partner_id": org1.id, "decision": "collaborate"}
        )
        cls.env["pcve.site.incident"].create(
            {
                "site_id": ref("pcve_safespaces_partners.site_bridges_house_demo").id,
                "kind": "graffiti",
            }
        )
        access = cls.env["ir.model.access"].search(
            [
                ("group_id", "=", ref("base.group_portal").id),
                ("perm_read", "=", True),
                ("model_id.model", "=like", "pcve.%"),
            ]
        )
        cls.models = sorted(set(access.mapped("model_id.model")))

    def _readable(self, model):
        """A portal user and one of the records he may read."""
        for user in self.portal_users:
            record = self.env[model].with_user(user).search([], limit=1)
            if record:
                return user, record.sudo()
        self.fail(f"no record of {model} a demo portal user reads")

    def _json(self, user, model, method, *args, **kwargs):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _assertJsonRefused(self, user, model, method, *args, **kwargs):
        with mute_logger(*RPC_LOGGERS), self.assertRaises(JsonRpcException) as caught:
            self._json(user, model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), ACCESS_ERROR)

    def test_models_declared(self):
        """Every model a portal user may read declares what he reads."""
        self.assertIn("pcve.safespace.session", self.models)
        for model in self.models:
            with self.subTest(model=model):
                self.assertTrue(self.env[model]._pcve_portal_fields.get("read"))

    def test_declared_fields_read(self):
        """The declared fields read, over both protocols; no fields named: the
        declared ones only (read, search_read, fields_get)."""
        for model in self.models:
            declared = {"id", *self.env[model]._pcve_portal_fields["read"]}
            user, record = self._readable(model)
            with self.subTest(model=model):
                [row] = self.rpc(user, model, "read", record.ids, sorted(declared))
                self.assertEqual(set(row), declared)
                [row] = self._json(user, model, "read", record.ids)
                self.assertEqual(set(row), declared)
                rows = self.rpc(user, model, "search_read", [("id", "=", record.id)])
                self.assertEqual(set(rows[0]), declared)
                self.assertEqual(set(self._json(user, model, "fields_get")), declared)

    def test_reply_only_once_reported_back(self):
        """The community reads the municipality's response once it was
        reported back, never the draft before (XML-RPC and JSON-RPC)."""
        user, concern = self._readable("pcve.concern")
        concern.write(
            {
                "state": "responded",
                "response": "<p>Draft reply</p>",
                "reported_back": False,
            }
        )
        for read in (self.rpc, self._json):
            [row] = read(user, "pcve.concern", "read", concern.ids, ["portal_response"])
            self.assertFalse(row["portal_response"])
        concern.write({"reported_back": True})
        for read in (self.rpc, self._json):
            [row] = read(user, "pcve.concern", "read", concern.ids, ["portal_response"])
            self.assertIn("Draft reply", row["portal_response"])
        # reopened and answered anew: the new text waits for its report back
        concern.action_reopen()
        concern.write({"response": "<p>Second draft</p>"})
        self.assertFalse(concern.reported_back)
        for read in (self.rpc, self._json):
            [row] = read(user, "pcve.concern", "read", concern.ids, ["portal_response"])
            self.assertFalse(row["portal_response"])

    @mute_logger(*RPC_LOGGERS)
    def test_undeclared_fields_refused(self):
        """Each undeclared field, through the ORM; the probes (or the first
        undeclared fields) over XML-RPC and JSON-RPC, in a read, a web_read,
        a search domain, an order and a grouping."""
        for model in self.models:
            Model = self.env[model]
            user, record = self._readable(model)
            declared = {"id", *Model._pcve_portal_fields["read"]}
            hidden = sorted(set(Model._fields) - declared)
            mine = record.with_user(user)
            for fname in hidden:
                with (
                    self.subTest(model=model, field=fname),
                    self.assertRaises(AccessError),
                ):
                    mine.read([fname])
            probes = (
                PROBES.get(model) or [f for f in hidden if Model._fields[f].store][:2]
            )
            shown = next(
                f for f in sorted(declared) if f != "id" and Model._fields[f].store
            )
            for fname in probes:
                with self.subTest(model=model, field=fname, door="rpc"):
                    with self.assertRpcRefused("Portal rule"):
                        self.rpc(user, model, "read", record.ids, [fname])
                    with self.assertRpcRefused("Portal rule"):
                        self.rpc(user, model, "search", [(fname, "!=", False)])
                    with self.assertRpcRefused("Portal rule"):
                        self.rpc(user, model, "search", [], order=f"{fname} desc")
                    self._assertJsonRefused(user, model, "read", record.ids, [fname])
                    self._assertJsonRefused(
                        user, model, "web_read", record.ids, {fname: {}}
                    )
                    self._assertJsonRefused(
                        user, model, "search_count", [(fname, "!=", False)]
                    )
                    self._assertJsonRefused(
                        user, model, "formatted_read_group", [], [fname], ["__count"]
                    )
                    self._assertJsonRefused(
                        user,
                        model,
                        "formatted_read_group",
                        [],
                        [shown],
                        ["__count"],
                        having=[(f"{fname}:count_distinct", ">", 0)],
                    )

    @mute_logger(*RPC_LOGGERS)
    def test_paths_into_hidden_fields_refused(self):
        """A domain path or a nested read reaching a hidden field of another
        suite model is refused too (the session behind an invitation)."""
        user, invitation = self._readable("pcve.safespace.invitation")
        Invitation = "pcve.safespace.invitation"
        self.assertTrue(
            self.rpc(user, Invitation, "search", [("session_id.name", "!=", False)])
        )
        with self.assertRpcRefused("Portal rule"):
            self.rpc(
                user,
                Invitation,
                "search",
                [("session_id.venue_override_reason", "!=", False)],
            )
        with self.assertRpcRefused("Portal rule"):
            self.rpc(
                user,
                Invitation,
                "search",
                [("session_id", "any", [("crisis_id", "!=", False)])],
            )
        self._assertJsonRefused(
            user,
            Invitation,
            "web_read",
            invitation.ids,
            {"session_id": {"fields": {"attendance_count": {}}}},
        )
        [row] = self._json(
            user,
            Invitation,
            "web_read",
            invitation.ids,
            {"session_id": {"fields": {"name": {}}}},
        )
        self.assertEqual(row["session_id"]["id"], invitation.session_id.id)

    def test_staff_open_the_backend_forms(self):
        """Staff read what their groups allow: the backend form of each model
        opens (get_views, then web_read of the form's fields), for the
        administrator and the first demo staff user who reads a record of it."""
        users = self.env["res.users"].search([("login", "in", STAFF)])
        admin = self.env.ref("base.user_admin")
        for model in self.models:
            staff = next(
                (
                    user
                    for user in users
                    if self.env[model].with_user(user).has_access("read")
                    and self.env[model].with_user(user).search_count([])
                ),
                None,
            )
            self.assertTrue(staff, model)
            for user in (admin, staff):
                with self.subTest(model=model, user=user.login):
                    record = self.env[model].with_user(user).search([], limit=1)
                    views = self._json(user, model, "get_views", [[False, "form"]])
                    fnames = views["models"][model]["fields"]
                    # more than a portal user reads
                    self.assertTrue(
                        set(fnames) - set(self.env[model]._pcve_portal_fields["read"])
                    )
                    [row] = self._json(
                        user, model, "web_read", record.ids, {f: {} for f in fnames}
                    )
                    self.assertEqual(set(row), {"id", *fnames})

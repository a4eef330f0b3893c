"""Bad input over the external API, sent as an integrator would send it.

A client speaks the three protocols of Odoo 19 to the test server: XML-RPC
(``/xmlrpc/2/object``), JSON-RPC (``/jsonrpc``) and JSON-2
(``/json/2/<model>/<method>`` with an API key). It sends, for every model of
the suite (found by introspection, so new models are covered), values of the
wrong type for every kind of field, unknown fields, out-of-range selections,
huge and NUL-laden strings, malformed ids, domains, orders, limits, field
lists, groupings, exports and imports, and forbidden state transitions; then
it calls every public method the suite defines as users who may not read the
record. Every answer must be a clear Odoo error (UserError, ValidationError,
AccessError, MissingError: XML-RPC fault code 2 to 4, JSON-RPC ``data.name``,
JSON-2 a 4xx status), never a server error, and the suite's tables must be
unchanged afterwards.
"""

import datetime
import inspect
import json
import logging
import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.pcve_base.tests.common import SUITE_MODULES

_logger = logging.getLogger(__name__)

CLEAR = {
    f"odoo.exceptions.{name}"
    for name in ("UserError", "ValidationError", "AccessError", "MissingError")
}
MAGIC = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}
# What an outsider may learn from an answer: that he may not, or that there is
# nothing (never a UserError that describes the record).
DENIED = {"odoo.exceptions.AccessError", "odoo.exceptions.MissingError"}
XML_INT_MAX = 2**31 - 1
HUGE = "x" * 600_000
# Wrong values per field type (a few only fit JSON: XML has no NUL, no big ints).
BAD_VALUES = {
    "char": [12345, ["x"], {"a": 1}, HUGE, "nul\x00byte"],
    "text": [12345, ["x"], HUGE, "nul\x00byte"],
    "html": [12345, {"a": 1}, HUGE],
    "selection": ["no_such_value", 7, ["x"]],
    "boolean": ["yes", [1], {"a": 1}],
    "integer": ["abc", 1.5, 2**40, [1]],
    "float": ["abc", [1], {"a": 1}],
    "monetary": ["abc", [1]],
    "date": ["notadate", 12345, "2024-13-45", [2024]],
    "datetime": ["notadate", 12345, "2024-01-01 25:61:00"],
    "many2one": ["abc", {"a": 1}, -5, [1, 2], 2**40],
    "one2many": ["abc", [[99, 0, 0]], [[0, 0, "x"]], [["a"]], {"a": 1}],
    "many2many": ["abc", [[6, 0, "abc"]], [[4, "x"]], [[0, 0, {"no_such_field": 1}]]],
    "binary": [12345, ["x"]],
}
BAD_DOMAINS = [
    "abc",
    [["no_such_field", "=", 1]],
    [["id", "no_such_operator", 1]],
    [["id"]],
    ["|", ["id", "=", 1]],
    [["id", "in", "abc"]],
    [["id", "=", "abc"]],
    [["id", "=", {"a": 1}]],
    [["create_date", "=", "notadate"]],
    [["create_uid.no_such_field", "=", 1]],
    [["create_uid", "any", "abc"]],
]
SEARCH_KWARGS = [
    {"order": "no_such_field"},
    {"order": "id sideways"},
    {"order": "id; drop table res_users"},
    {"order": 123},
    {"limit": -1},
    {"limit": "abc"},
    {"limit": 1.5},
    {"offset": -1},
]
MUTED = (
    "odoo.addons.rpc.controllers.xmlrpc",
    "odoo.addons.rpc.controllers.jsonrpc",
    "odoo.addons.rpc.controllers.json2",
    "odoo.http",
    "odoo.models",
    "odoo.models.unlink",
    "odoo.sql_db",
    "odoo.service.model",
    "odoo.addons.base.models.ir_rule",
    "odoo.addons.base.models.ir_model",
)
# Who calls the public methods without being allowed to read the record.
OUTSIDERS = {
    "portal": "base.group_portal",
    "employee": "base.group_user",
    "staff": "pcve_partners.group_pcve_user",
    "volunteer": "pcve_casework.group_case_volunteer",
    "caseworker": "pcve_casework.group_case_worker",
    "safespaceuser": "pcve_safespaces.group_safespace_user",
    "organiser": "pcve_safespaces.group_safespace_organiser",
    "evaluator": "pcve_evaluation.group_evaluation_manager",
}


def _xml_safe(value):
    """Whether XML-RPC can carry ``value`` (no NUL, no big int, no None)."""
    if isinstance(value, bool) or value is None:
        return value is not None
    if isinstance(value, int):
        return abs(value) <= XML_INT_MAX
    if isinstance(value, str):
        return "\x00" not in value
    if isinstance(value, (list, tuple)):
        return all(map(_xml_safe, value))
    if isinstance(value, dict):
        return all(map(_xml_safe, value.values()))
    return True


@tagged("post_install", "-at_install", "pcve_security")
class TestBadInput(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = (
            "base.group_allow_export,pcve_partners.group_pcve_manager,"
            "pcve_partners.group_pcve_security_liaison,pcve_casework.group_case_manager,"
            "pcve_safespaces.group_safespace_manager,"
            "pcve_evaluation.group_evaluation_manager"
        )
        cls.integrator = new_test_user(
            cls.env, login="pcve_integrator", password="pcve_integrator", groups=groups
        )
        cls.outsiders = {
            role: new_test_user(
                cls.env,
                login=f"pcve_out_{role}",
                password=f"pcve_out_{role}",
                groups=group,
            )
            for role, group in OUTSIDERS.items()
        }
        cls.keys = {}
        for user in (cls.integrator, *cls.outsiders.values()):
            cls.keys[user.id] = (
                cls.env["res.users.apikeys"]
                .with_user(user)
                ._generate(
                    scope="rpc",
                    name="bad input test",
                    expiration_date=datetime.datetime.now()
                    + datetime.timedelta(days=1),
                )
            )
        cls.suite_models = sorted(
            name
            for name, model in cls.env.registry.items()
            if name.startswith("pcve.") and not model._abstract
        )
        cls.counts = {"xmlrpc": 0, "jsonrpc": 0, "json2": 0}
        cls.turn = 0

    # ------------------------------------------------------------------ client
    def _call(self, user, model, method, ids, kwargs, protocols=None):
        """Call ``model.method`` as ``user`` over one of the protocols (in turn).

        Returns ``("ok", result)``, ``("clear", error name)`` or
        ``("server", what the client saw)``.
        """
        protocols = protocols or ["xmlrpc", "jsonrpc", "json2"]
        if not _xml_safe(kwargs) or not _xml_safe(ids if ids is not None else []):
            protocols = [p for p in protocols if p != "xmlrpc"]
        protocol = protocols[self.turn % len(protocols)]
        type(self).turn += 1
        self.counts[protocol] += 1
        return getattr(self, f"_{protocol}")(user, model, method, ids, kwargs)

    def _xmlrpc(self, user, model, method, ids, kwargs):
        args = [] if ids is None else [ids]
        try:
            result = self.xmlrpc_object.execute_kw(
                self.env.cr.dbname, user.id, user.login, model, method, args, kwargs
            )
        except xmlrpc.client.Fault as fault:
            if fault.faultCode in (2, 3, 4) and "Traceback" not in fault.faultString:
                return "clear", f"fault {fault.faultCode}"
            return "server", fault.faultString[-600:]
        return "ok", result

    def _jsonrpc(self, user, model, method, ids, kwargs):
        args = [] if ids is None else [ids]
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    user.login,
                    model,
                    method,
                    args,
                    kwargs,
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        if "error" not in body:
            return "ok", body.get("result")
        name = body["error"].get("data", {}).get("name")
        if response.status_code == 200 and name in CLEAR:
            return "clear", name
        return (
            "server",
            f"{name}: {body['error'].get('data', {}).get('debug', '')[-600:]}",
        )

    def _json2(self, user, model, method, ids, kwargs):
        body = dict(kwargs)
        if ids is not None:
            body["ids"] = ids
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"bearer {self.keys[user.id]}",
            },
        )
        if response.status_code == 200:
            return "ok", response.json()
        try:
            name = response.json().get("name")
        except ValueError:
            name = None
        if 400 <= response.status_code < 500 and name in CLEAR:
            return "clear", name
        return "server", f"{response.status_code} {name}: {response.text[-600:]}"

    # ------------------------------------------------------------------ data
    def _snapshot(self):
        """Row count and checksum of every table of the suite, and of the mail
        and attachment rows of its records."""
        self.env.flush_all()
        cr = self.env.cr
        state = {}
        for name in self.suite_models:
            model = self.env[name]
            if model._transient or not model._auto:
                continue
            cr.execute(
                SQL(
                    "SELECT count(*), md5(string_agg(t::text, ',' ORDER BY t.id))"
                    " FROM %s t",
                    SQL.identifier(model._table),
                )
            )
            state[name] = cr.fetchone()
        for table, column in (
            ("mail_message", "model"),
            ("mail_followers", "res_model"),
            ("mail_activity", "res_model"),
            ("ir_attachment", "res_model"),
        ):
            cr.execute(
                SQL(
                    "SELECT count(*), max(id) FROM %s WHERE %s LIKE %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    "pcve.%",
                )
            )
            state[table] = cr.fetchone()
        return state

    def _field_inputs(self, model_name, record_id):
        """Wrong values for one field of each type, through create and write."""
        model = self.env[model_name]
        seen = set()
        # the suite's own fields first, then inherited ones (mail, activities)
        for name, field in sorted(
            model._fields.items(),
            key=lambda item: (item[1]._module not in SUITE_MODULES, item[0]),
        ):
            if name in MAGIC or field.type not in BAD_VALUES or field.type in seen:
                continue
            if not (field.store or field.inverse):
                continue
            seen.add(field.type)
            for value in BAD_VALUES[field.type]:
                label = f"{model_name}.{name}={str(value)[:20]!r}"
                yield f"create {label}", "create", None, {"vals_list": [{name: value}]}
                if record_id:
                    yield (
                        f"write {label}",
                        "write",
                        [record_id],
                        {"vals": {name: value}},
                    )

    def _request_inputs(self, record_id):
        """Malformed domains and windows, then malformed calls (those on a
        record only where the model has one)."""
        for domain in BAD_DOMAINS:
            yield f"search {domain!r:.40}", "search", None, {"domain": domain}
            yield (
                f"search_count {domain!r:.40}",
                "search_count",
                None,
                {"domain": domain},
            )
        for kwargs in SEARCH_KWARGS:
            yield f"search_read {kwargs}", "search_read", None, {"domain": [], **kwargs}
        for label, method, ids, kwargs in self._call_inputs(record_id):
            if record_id or not ids or None not in ids:
                yield label, method, ids, kwargs

    def _call_inputs(self, record_id):
        """Malformed values lists, ids, field lists, groupings, name searches,
        exports, imports and specifications."""
        yield "create str", "create", None, {"vals_list": "abc"}
        yield "create ints", "create", None, {"vals_list": [1, 2]}
        yield "create unknown", "create", None, {"vals_list": [{"no_such_field": 1}]}
        yield "write list", "write", [record_id], {"vals": [1, 2]}
        yield "write unknown", "write", [record_id], {"vals": {"no_such_field": 1}}
        yield "write str ids", "write", ["a", "b"], {"vals": {}}
        yield "write float id", "write", [1.5], {"vals": {}}
        yield "read str ids", "read", ["abc"], {"fields": ["id"]}
        yield "read negative id", "read", [-1], {"fields": ["id"]}
        yield "read unknown field", "read", [record_id], {"fields": ["no_such_field"]}
        yield "read fields str", "read", [record_id], {"fields": "display_name"}
        yield "read fields ints", "read", [record_id], {"fields": [1, 2]}
        yield "unlink str ids", "unlink", ["x"], {}
        yield "copy default str", "copy", [record_id], {"default": "abc"}
        yield "copy unknown", "copy", [record_id], {"default": {"no_such_field": 1}}
        yield (
            "group unknown",
            "formatted_read_group",
            None,
            {"domain": [], "groupby": ["no_such_field"]},
        )
        yield (
            "group str",
            "formatted_read_group",
            None,
            {"domain": [], "groupby": "create_date"},
        )
        yield (
            "group granularity",
            "formatted_read_group",
            None,
            {"domain": [], "groupby": ["create_date:fortnight"]},
        )
        yield (
            "aggregate unknown",
            "formatted_read_group",
            None,
            {"domain": [], "aggregates": ["id:no_such_aggregate"]},
        )
        yield (
            "name_search operator",
            "name_search",
            None,
            {"name": "x", "operator": "no_such_operator"},
        )
        yield "name_search limit", "name_search", None, {"name": "x", "limit": -1}
        yield "name_search name", "name_search", None, {"name": {"a": 1}}
        yield (
            "export unknown",
            "export_data",
            [record_id],
            {"fields_to_export": ["no_such_field"]},
        )
        yield (
            "export path",
            "export_data",
            [record_id],
            {"fields_to_export": ["create_uid/no_such_field"]},
        )
        yield (
            "export str",
            "export_data",
            [record_id],
            {"fields_to_export": "display_name"},
        )
        yield (
            "load unknown",
            "load",
            None,
            {"fields": ["no_such_field"], "data": [["x"]]},
        )
        yield "load rows str", "load", None, {"fields": ["id"], "data": "abc"}
        yield "web_read spec list", "web_read", [record_id], {"specification": ["id"]}
        yield (
            "web_read spec nested",
            "web_read",
            [record_id],
            {"specification": {"create_uid": {"fields": "abc"}}},
        )

    def _transition_inputs(self):
        """Moves the action buttons never make, sent as direct writes."""
        env = self.env

        def first(model, domain):
            return env[model].search(domain, limit=1).id

        case = first("pcve.case", [("stage", "=", "signal")])
        closed = first("pcve.case", [("stage", "=", "closed")])
        draft = first("pcve.partner.assessment", [("state", "=", "draft")])
        decided = first("pcve.partner.assessment", [("state", "=", "decided")])
        held = first("pcve.safespace.session", [("state", "=", "held")])
        draft_session = first("pcve.safespace.session", [("state", "=", "draft")])
        done = first("pcve.evaluation.review", [("state", "=", "done")])
        found = [case, closed, draft, decided, held, draft_session, done]
        self.assertTrue(all(found), f"demo records for the transitions: {found}")
        yield from [
            ("case skips stages", "pcve.case", [case], {"stage": "monitoring"}),
            ("case closed without reason", "pcve.case", [case], {"stage": "closed"}),
            ("case reopened to monitoring", "pcve.case", [closed], {"stage": "monitoring"}),
            ("case marked anonymised", "pcve.case", [case], {"is_anonymised": True}),
            ("assessment decided directly", "pcve.partner.assessment", [draft], {"state": "decided"}),
            ("assessment outcome written", "pcve.partner.assessment", [draft], {"outcome": "approved"}),
            ("decided assessment to draft", "pcve.partner.assessment", [decided], {"state": "draft"}),
            ("decided assessment funded", "pcve.partner.assessment", [decided], {"funding_involved": True}),
            ("decided assessment extended", "pcve.partner.assessment", [decided], {"valid_until": "2099-01-01"}),
            ("session held from draft", "pcve.safespace.session", [draft_session], {"state": "held"}),
            ("held session cancelled", "pcve.safespace.session", [held], {"state": "cancelled"}),
            ("done review to draft", "pcve.evaluation.review", [done], {"state": "draft"}),
        ]  # fmt: skip
        yield (
            "assessment created decided",
            "pcve.partner.assessment",
            None,
            {
                "partner_id": first("res.partner", [("pcve_is_partner", "=", True)]),
                "state": "decided",
            },
        )

    def _public_methods(self):
        """(model, method) of every public method a suite addon defines on a
        model (not an override of Odoo's own API: those are fuzzed above)."""
        found = []
        for name in sorted(self.env.registry):
            model = self.env[name]
            classes = type(model).mro()
            suite = [
                cls
                for cls in classes
                if cls.__module__.split(".")[2:3]
                and cls.__module__.split(".")[2] in SUITE_MODULES
            ]
            others = [cls for cls in classes if cls not in suite]
            for cls in suite:
                for attr, value in vars(cls).items():
                    if (
                        attr.startswith("_")
                        or not callable(value)
                        or getattr(value, "_api_private", False)
                        or any(attr in vars(other) for other in others)
                        or (name, attr) in found
                    ):
                        continue
                    found.append((name, attr))
        return found

    def _hidden_record(self, model_name, user):
        """The id of a record of the model that ``user`` may not read."""
        key = (model_name, user.id)
        if key not in self.hidden:
            Model = self.env[model_name].with_context(active_test=False)
            readable = (
                set(Model.with_user(user).search([]).ids)
                if Model.with_user(user).has_access("read")
                else set()
            )
            hidden = Model.search(
                [("id", "not in", list(readable))], limit=1, order="id"
            )
            self.hidden[key] = hidden.ids
        return self.hidden[key]

    def _wizards(self):
        """A wizard of each kind, opened by the integrator (only he may use it)."""
        env = self.env(user=self.integrator)
        env["pcve.concern.close.wizard"].create(
            {"concern_ids": [(6, 0, self.env["pcve.concern"].search([], limit=1).ids)]}
        )
        env["pcve.assessment.approve.wizard"].create(
            {
                "assessment_id": self.env["pcve.partner.assessment"]
                .search([], limit=1)
                .id
            }
        )
        crisis = self.env["pcve.crisis"].search([], limit=1)
        env["pcve.language.wizard"].create(
            {"res_model": crisis._name, "res_id": crisis.id, "reason": "Quoted."}
        )
        env["pcve.safespace.send.wizard"].create(
            {
                "session_ids": [
                    (6, 0, self.env["pcve.safespace.session"].search([], limit=1).ids)
                ]
            }
        )

    # ------------------------------------------------------------------ tests
    @mute_logger(*MUTED)
    def test_bad_input_gives_clear_errors_and_changes_nothing(self):
        before = self._snapshot()
        failures = []
        tried = 0

        def expect_error(label, user, model, method, ids, kwargs):
            nonlocal tried
            tried += 1
            outcome, detail = self._call(user, model, method, ids, kwargs)
            if method == "load" and outcome == "ok" and not detail.get("ids"):
                return  # refused row by row, with messages
            if outcome != "clear":
                failures.append(f"{model} {label}: {outcome}: {str(detail)[-400:]}")

        for model_name in self.suite_models:
            record_id = self.env[model_name].search([], limit=1, order="id").id
            for label, method, ids, kwargs in self._field_inputs(model_name, record_id):
                expect_error(label, self.integrator, model_name, method, ids, kwargs)
            for label, method, ids, kwargs in self._request_inputs(record_id):
                expect_error(label, self.integrator, model_name, method, ids, kwargs)
        for label, model_name, ids, vals in self._transition_inputs():
            if ids is None:
                expect_error(
                    label,
                    self.integrator,
                    model_name,
                    "create",
                    None,
                    {"vals_list": [vals]},
                )
            else:
                expect_error(
                    label, self.integrator, model_name, "write", ids, {"vals": vals}
                )
        after = self._snapshot()
        changed = sorted(key for key in before if before[key] != after[key])
        _logger.info(
            "bad input: %d inputs tried (%s) on %d models",
            tried,
            ", ".join(f"{count} over {name}" for name, count in self.counts.items()),
            len(self.suite_models),
        )
        self.assertFalse(failures, "\n".join(failures[:40]))
        self.assertFalse(changed, "bad input changed these tables")

    @mute_logger(*MUTED)
    def test_public_methods_refuse_outsiders(self):
        """Every public method of the suite, called by users who may not read
        the record (or use the model), answers with a clear error."""
        self._wizards()
        self.hidden = {}
        before = self._snapshot()
        methods = self._public_methods()
        self.assertIn(("pcve.partner.assessment", "action_approve"), methods)
        failures = []
        tried = 0
        for model_name, method in methods:
            Model = self.env[model_name]
            function = getattr(type(Model), method)
            is_model_method = getattr(function, "_api_model", False)
            kwargs = {
                parameter.name: "x"
                for parameter in list(inspect.signature(function).parameters.values())[
                    1:
                ]
                if parameter.default is inspect.Parameter.empty
                and parameter.kind is parameter.POSITIONAL_OR_KEYWORD
            }
            for role, user in self.outsiders.items():
                if is_model_method or Model._abstract:
                    if Model.with_user(user).has_access("read"):
                        continue
                    ids = None
                else:
                    ids = self._hidden_record(model_name, user)
                    if not ids:
                        continue
                tried += 1
                outcome, detail = self._call(
                    user, model_name, method, ids, kwargs, ["jsonrpc", "json2"]
                )
                if outcome != "clear" or detail not in DENIED:
                    failures.append(
                        f"{model_name}.{method} as {role}: {outcome}: {str(detail)[-400:]}"
                    )
        self.assertEqual(self._snapshot(), before, "an outsider changed the database")
        _logger.info(
            "public methods: %d calls of %d methods by outsiders (%d inputs tried)",
            tried,
            len(methods),
            tried,
        )
        self.assertFalse(failures, "\n".join(failures[:40]))

    @mute_logger(*MUTED)
    def test_public_methods_on_no_record_or_several(self):
        """Every public method of a record, called by a user who may run it
        on no record or on two, answers: the result, or a clear error (an
        action on one record says so, never Odoo's "Expected singleton")."""
        self._wizards()
        failures = []
        tried = 0
        for model_name, method in self._public_methods():
            Model = self.env[model_name].with_user(self.integrator)
            function = getattr(type(Model), method)
            if getattr(function, "_api_model", False) or Model._abstract:
                continue
            if not Model.has_access("read"):
                continue
            kwargs = {
                parameter.name: "x"
                for parameter in list(inspect.signature(function).parameters.values())[
                    1:
                ]
                if parameter.default is inspect.Parameter.empty
                and parameter.kind is parameter.POSITIONAL_OR_KEYWORD
            }
            two = Model.with_context(active_test=False).search([], limit=2, order="id")
            for ids in ([], two.ids if len(two) == 2 else None):
                if ids is None:
                    continue
                tried += 1
                outcome, detail = self._call(
                    self.integrator, model_name, method, ids, kwargs, ["jsonrpc"]
                )
                if outcome == "server":
                    failures.append(
                        f"{model_name}.{method}({ids}): {str(detail)[-300:]}"
                    )
        self.assertGreater(tried, 50)
        self.assertFalse(failures, "\n".join(failures[:40]))

    def test_error_in_the_users_language(self):
        """The clear error is translated like the rest of the suite."""
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["pcve_base", "pcve_partners"], ["nl_NL"]
        )
        dutch = new_test_user(
            self.env,
            login="pcve_integrator_nl",
            password="pcve_integrator_nl",
            groups="pcve_casework.group_case_manager",
            lang="nl_NL",
        )
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                dutch.id,
                dutch.login,
                "pcve.case",
                "create",
                [{"subject_pseudonym": "x", "concern_type": "no_such_value"}],
                {"context": {"lang": "nl_NL"}},
            )
        self.assertEqual(caught.exception.faultCode, 2)
        self.assertIn("Ongeldige waarde voor", caught.exception.faultString)
        self.assertIn("concern_type", caught.exception.faultString)

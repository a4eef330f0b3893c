"""Every public method of the suite answers an XML-RPC client.

A method that returns ``None`` makes Odoo's XML-RPC layer answer with a
server error (``cannot marshal None``) after the change was made: an
integration that retries repeats the action. So:

- every ``action_*`` method of every model of the four addons (found by
  introspection) is called once over XML-RPC, on a record in a state where
  it applies and as a user who may run it (the first role and record of the
  write matrix's realistic records, in every state, that is not refused),
  and its answer must arrive;
- every public method the addons define (overrides of Odoo's API included)
  that can be called over RPC is read: each of its paths must return a value.
"""

import ast
import inspect
import logging
import textwrap
import xmlrpc.client

from odoo.tests import tagged
from odoo.tools import mute_logger

from . import write_matrix_common as wm

_logger = logging.getLogger(__name__)
# The record a wizard opened on any record (res_model, res_id) is tried on.
WIZARD_RECORDS = {"pcve.language.wizard": "pcve.crisis"}
# The arguments of the actions that take some, and the values a wizard needs
# besides the record it is opened on.
ACTION_ARGS = {
    ("pcve.crisis", "action_activate_network"): lambda case: [case.network.id]
}
WIZARD_VALUES = {
    "pcve.crisis.network.wizard": lambda case: {"network_id": case.network.id}
}


def suite_methods(env):
    """[(model, name, function)] of the public methods the suite's addons
    define (overrides included) and that RPC may call (no ``@api.private``)."""
    found = []
    for model_name in sorted(env.registry):
        model_class = env.registry[model_name]
        for cls in model_class.mro():
            module = cls.__module__.split(".")
            if len(module) < 3 or module[2] not in wm.SUITE_MODULES:
                continue
            for name, function in vars(cls).items():
                if (
                    name.startswith("_")
                    or not inspect.isfunction(function)
                    or _is_private(model_class, name)
                ):
                    continue
                found.append((model_name, name, function))
    return found


def _is_private(model_class, name):
    return any(
        getattr(getattr(cls, name, None), "_api_private", False)
        for cls in model_class.mro()
    )


def may_return_none(function):
    """Why ``function`` may return None, read from its source, or ``""``."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    for node in _own_nodes(tree):
        if isinstance(node, ast.Return) and (
            node.value is None
            or (isinstance(node.value, ast.Constant) and node.value.value is None)
        ):
            return f"line {node.lineno}: return without a value"
    if not _always_ends(tree.body):
        return "can end without returning a value"
    return ""


def _own_nodes(function):
    """The nodes of ``function``, without those of functions defined in it."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.Lambda, ast.ClassDef)):
                stack.append(child)


def _always_ends(statements):
    """Whether running ``statements`` always ends in a return or a raise."""
    if not statements:
        return False
    last = statements[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return _always_ends(last.body) and _always_ends(last.orelse)
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return _always_ends(last.body)
    if isinstance(last, ast.Try):
        if _always_ends(last.finalbody):
            return True
        body = last.body + last.orelse
        return _always_ends(body) and all(
            _always_ends(handler.body) for handler in last.handlers
        )
    if isinstance(last, ast.Match):
        return all(_always_ends(case.body) for case in last.cases)
    return False


@tagged("post_install", "-at_install", "pcve_security")
class TestPublicMethodsRpc(wm.WriteMatrixCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Dialogue only and declining need the approver's rationale first.
        reasoned = cls._as("assessor", "pcve.partner.assessment").create(
            {"partner_id": cls.partner.id, "requested_level": "dialogue"}
        )
        reasoned.action_submit()
        reasoned.sudo().decision_rationale = "Matrix: one board member's posts."
        cls.fixtures["pcve.partner.assessment"]["in_review, reasoned"] = reasoned
        # Closing needs the team's closure reason first.
        monitoring = cls.fixtures["pcve.case"]["monitoring"]
        monitoring.sudo().write(
            {"closure_reason_code": "goals_met", "closure_reason": "Matrix: goals met."}
        )
        # Activating a memorandum needs an approved assessment of its partner.
        draft = cls.fixtures["pcve.agreement"]["draft"]
        draft.sudo().assessment_id = cls.fixtures["pcve.partner.assessment"]["decided"]
        # Dismissing an observation needs its resolution first.
        observation = cls.fixtures["pcve.partner.observation"]["open"]
        observation.sudo().resolution = "Matrix: a misquote."
        # Responding to a concern needs its response first.
        concern = cls.fixtures["pcve.concern"]["in_progress"]
        concern.sudo().response = "<p>Matrix: the street lights are repaired.</p>"
        # Sending the joint message needs one.
        cls.fixtures["pcve.crisis"][
            "response"
        ].sudo().joint_message = "<p>Matrix: together with all communities.</p>"
        # Opening a crisis needs a high-severity incident.
        cls.fixtures["pcve.site.incident"]["new"].sudo().severity = "high"
        # The annual report's wizard is opened for a company.
        cls.fixtures["res.company"] = {"main": cls.env.ref("base.main_company")}

    def _targets(self, model_name):
        """(label, values to create first or None, record ids) to call an
        action on: the records of every state, or for a wizard, one opened on
        each of them."""
        model = self.env[model_name]
        if not model._transient:
            records = list(self.fixtures.get(model_name, {}).items())
            if not records:
                demo = model.search([], order="id", limit=3)
                records = [(f"#{record.id}", record) for record in demo]
            for key, record in records:
                yield key, None, record.ids
            return
        if "res_id" in model._fields:  # opened on any record (send anyway)
            for key, record in self.fixtures.get(
                WIZARD_RECORDS[model_name], {}
            ).items():
                values = {"res_model": record._name, "res_id": record.id, "reason": "x"}
                yield f"{record._name} {key}", values, None
            return
        for name, field in sorted(model._fields.items()):
            if field.required and field.type in ("many2one", "many2many"):
                for key, record in self.fixtures.get(field.comodel_name, {}).items():
                    value = (
                        record.id if field.type == "many2one" else [(6, 0, record.ids)]
                    )
                    values = {name: value}
                    if model_name in WIZARD_VALUES:
                        values.update(WIZARD_VALUES[model_name](self))
                    yield f"{field.comodel_name} {key}", values, None
                return

    def _roles(self, model_name):
        """The roles to try, those who may change the model first."""
        Model = self.env[model_name]
        users = list(self.users.items())
        return sorted(
            users,
            key=lambda item: not Model.with_user(item[1]).has_access("write"),
        )

    def _call(self, user, model_name, method, values, ids):
        """("ok", answer), ("refused", message) or ("broken", fault)."""
        execute = self.xmlrpc_object.execute_kw
        db = self.env.cr.dbname
        args = ACTION_ARGS.get((model_name, method), lambda case: [])(self)
        try:
            if values is not None:
                ids = [execute(db, user.id, user.login, model_name, "create", [values])]
            return "ok", execute(
                db, user.id, user.login, model_name, method, [ids, *args]
            )
        except xmlrpc.client.Fault as fault:
            if fault.faultCode in (2, 3, 4) and "Traceback" not in fault.faultString:
                return "refused", fault.faultString[:200]
            return "broken", fault.faultString[-400:]

    def _first_answer(self, model_name, method):
        """Call ``method`` on each target as each role until one is not
        refused: (calls made, (target, role, outcome, detail))."""
        calls = 0
        for key, values, ids in self._targets(model_name):
            for role, user in self._roles(model_name):
                with self._rolled_back():
                    outcome, detail = self._call(user, model_name, method, values, ids)
                calls += 1
                if outcome != "refused":
                    return calls, (key, role, outcome, detail)
        return calls, (None, None, "refused", "")

    @mute_logger(*wm.MUTED)
    def test_every_action_answers_over_xmlrpc(self):
        actions = sorted(
            {
                (model_name, name)
                for model_name, name, _function in suite_methods(self.env)
                if name.startswith("action_") and not self.env[model_name]._abstract
            }
        )
        self.assertIn(("pcve.case", "action_close"), actions)
        failures = []
        calls = 0
        for model_name, method in actions:
            tried, (key, role, outcome, detail) = self._first_answer(model_name, method)
            calls += tried
            label = f"{model_name}.{method}"
            _logger.debug("%s: %s as %s on %s: %s", label, outcome, role, key, detail)
            if outcome == "refused":
                failures.append(f"{label}: refused for every role and state tried")
            elif outcome == "broken":
                none = "cannot marshal None" in detail
                failures.append(
                    f"{label} (as {role}, {key}): "
                    + (
                        "answers None (cannot marshal None)"
                        if none
                        else f"server error: {detail}"
                    )
                )
        _logger.info(
            "actions over XML-RPC: %d actions, %d calls, %d failures%s",
            len(actions),
            calls,
            len(failures),
            "".join(f"\n  {failure}" for failure in failures),
        )
        self.assertFalse(failures, "\n".join(failures))

    def test_no_public_method_returns_none(self):
        """Read from the source: every path of every public method of the
        suite returns a value (True, an action, the records, ...)."""
        methods = suite_methods(self.env)
        self.assertIn(("pcve.language.rule", "check_text"), {m[:2] for m in methods})
        found = {}
        for model_name, _name, function in methods:
            reason = may_return_none(function)
            if reason:
                where = f"{function.__module__}.{function.__qualname__}"
                found.setdefault(where, (reason, set()))[1].add(model_name)
        failures = [
            f"{where} ({', '.join(sorted(models))}): {reason}"
            for where, (reason, models) in sorted(found.items())
        ]
        _logger.info(
            "public methods: %d functions read, %d may return None%s",
            len({function for _model, _name, function in methods}),
            len(failures),
            "".join(f"\n  {failure}" for failure in failures),
        )
        self.assertFalse(failures, "\n".join(failures))

    @mute_logger(*wm.MUTED)
    def test_scheduled_jobs_cannot_be_called_over_rpc(self):
        """The nightly jobs run as the superuser on every record that is due:
        no user, however privileged in the suite, may start one remotely (a
        case worker could otherwise make the retention job erase a case)."""
        crons = (
            self.env["ir.cron"]
            .sudo()
            .browse(
                self.env["ir.model.data"]
                .sudo()
                .search([("model", "=", "ir.cron"), ("module", "=like", "pcve_%")])
                .mapped("res_id")
            )
        )
        jobs = sorted(
            {
                (cron.model_id.model, cron.code.split("model.", 1)[1].split("(")[0])
                for cron in crons
            }
        )
        self.assertIn(("pcve.case.member", "_cron_end_past_memberships"), jobs)
        self.assertIn(("pcve.case", "_cron_anonymise_expired"), jobs)
        self.assertIn(("auditlog.log", "_cron_trim_pcve_logs"), jobs)
        answered = []
        for model_name, method in jobs:
            for role, user in self.users.items():
                with self._rolled_back():
                    outcome, detail = self._call(user, model_name, method, None, [])
                if outcome != "refused" or "Private methods" not in detail:
                    answered.append(f"{model_name}.{method} as {role}: {detail}")
        self.assertFalse(answered, "\n".join(answered))

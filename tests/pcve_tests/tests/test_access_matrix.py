"""The suite's access matrix, asserted through the ORM and the external API.

``data/access_matrix.csv`` says, for every role and every model of the suite,
what each operation gives: ``all``/``some``/``none`` of the records (demo data
included) or ``denied`` (AccessError); ``create`` is ``yes``/``no``.
``data/restricted_fields.csv`` lists the fields only some roles may see.
Run with ``PCVE_MATRIX_WRITE=1`` to rewrite the CSV from what the code does
(then review the diff: it is the security contract).
"""

import csv
import logging
import os
import xmlrpc.client
from pathlib import Path

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.pcve_base.tests.common import RpcCase, password

_logger = logging.getLogger(__name__)
DATA = Path(__file__).resolve().parent.parent / "data"
OPERATIONS = [
    "search",
    "read",
    "read_group",
    "name_search",
    "export",
    "create",
    "write",
    "unlink",
]
# Role -> group; the demo user of that login is used when there is one (so that
# volunteers are on demo cases), else a user is created with the group.
ROLES = {
    "employee": "base.group_user",
    "portal": "base.group_portal",
    # the demo portal user of a partner organisation (the community portal)
    "partnerportal": "base.group_portal",
    "staff": "pcve_partners.group_pcve_user",
    "assessor": "pcve_partners.group_pcve_assessor",
    "approver": "pcve_partners.group_pcve_approver",
    "liaison": "pcve_partners.group_pcve_security_liaison",
    "pcvemanager": "pcve_partners.group_pcve_manager",
    "volunteer": "pcve_casework.group_case_volunteer",
    "caseworker": "pcve_casework.group_case_worker",
    "casemanager": "pcve_casework.group_case_manager",
    "safespaceuser": "pcve_safespaces.group_safespace_user",
    "organiser": "pcve_safespaces.group_safespace_organiser",
    "safespacemanager": "pcve_safespaces.group_safespace_manager",
    "evaluator": "pcve_evaluation.group_evaluation_manager",
}
SAMPLE = 25
MUTED = (
    "odoo.addons.rpc.controllers.xmlrpc",
    "odoo.addons.base.models.ir_rule",
    "odoo.models",
    "odoo.addons.base.models.ir_model",
    "odoo.http",
)


def _fraction(seen, total):
    if not seen:
        return "none"
    return "all" if seen >= total else "some"


def _grouped_fraction(env, model_name, groups, total):
    """What a user's grouped count shows, against the superuser's: statistics
    views count cases, not rows, and suppress small cells for everybody, so a
    grouped count of 0 over existing rows is "all" when the superuser's is 0
    too (whatever today's date does to the demo data's cells)."""
    seen = sum(g["__count"] for g in groups)
    everything = sum(
        g["__count"]
        for g in env[model_name].sudo().formatted_read_group([], [], ["__count"])
    )
    if total and not everything:
        return "all" if not seen else "some"
    return _fraction(seen, everything or total)


@tagged("post_install", "-at_install", "pcve_security")
class TestAccessMatrix(RpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {}
        export = cls.env.ref("base.group_allow_export")
        for role, groups in ROLES.items():
            user = cls.env["res.users"].search([("login", "=", role)])
            if user:
                user.write({"group_ids": [(4, export.id)], "password": password(user)})
            else:
                if role != "portal":
                    groups += ",base.group_allow_export"
                user = new_test_user(cls.env, login=role, groups=groups)
            cls.users[role] = user
        # the statistics are materialised: computed from the records as they are
        for Stat in cls.env["pcve.evaluation.stat.mixin"]._pcve_stat_models():
            Stat._pcve_refresh()
        cls.models = sorted(
            model.model
            for model in cls.env["ir.model"].search([("model", "=like", "pcve.%")])
            if not cls.env[model.model]._transient
            and not cls.env[model.model]._abstract
        )

    # ------------------------------------------------------------------ ORM
    def _orm_row(self, user, model_name):
        Model = self.env[model_name].with_user(user)
        Sudo = self.env[model_name].sudo()
        total = Sudo.search_count([])
        sample = Sudo.search([], limit=SAMPLE, order="id")
        row = {}
        try:
            seen = Model.search_count([])
            row["search"] = _fraction(seen, total)
        except AccessError:
            row["search"] = "denied"
        readable = 0
        for record in sample:
            try:
                record.with_user(user).read(["display_name"])
                readable += 1
            except AccessError:
                if not Model.has_access("read"):
                    break
        row["read"] = (
            "denied"
            if not Model.has_access("read")
            else _fraction(readable, len(sample))
        )
        try:
            groups = Model.formatted_read_group([], [], ["__count"])
            row["read_group"] = _grouped_fraction(self.env, model_name, groups, total)
        except AccessError:
            row["read_group"] = "denied"
        try:
            row["name_search"] = _fraction(
                len(Model.name_search("", limit=100000)), total
            )
        except AccessError:
            row["name_search"] = "denied"
        try:
            visible = Model.search([], limit=5)
            row["export"] = (
                "allowed"
                if visible.export_data(["display_name"]) is not None and visible
                else "none"
            )
        except (AccessError, UserError):
            row["export"] = "denied"
        row["create"] = "yes" if Model.has_access("create") else "no"
        for operation in ("write", "unlink"):
            if not Model.has_access(operation):
                row[operation] = "denied"
                continue
            allowed = sum(1 for r in sample if r.with_user(user).has_access(operation))
            row[operation] = _fraction(allowed, len(sample))
        return row

    # ------------------------------------------------------------------ RPC
    def _rpc_row(self, user, model_name):
        """The read side again, as an integrator would see it over XML-RPC."""
        total = self.env[model_name].sudo().search_count([])
        row = {}
        try:
            row["search"] = _fraction(
                self.rpc(user, model_name, "search_count", []), total
            )
        except xmlrpc.client.Fault as fault:
            row["search"] = self._denied(fault)
        try:
            groups = self.rpc(
                user, model_name, "formatted_read_group", [], [], ["__count"]
            )
            row["read_group"] = _grouped_fraction(self.env, model_name, groups, total)
        except xmlrpc.client.Fault as fault:
            row["read_group"] = self._denied(fault)
        try:
            found = self.rpc(user, model_name, "name_search", "", limit=100000)
            row["name_search"] = _fraction(len(found), total)
        except xmlrpc.client.Fault as fault:
            row["name_search"] = self._denied(fault)
        return row

    def _denied(self, fault):
        # Odoo's XML-RPC answers an AccessError with fault code 4, a readable
        # message and no traceback.
        self.assertEqual(fault.faultCode, 4, fault.faultString[-300:])
        self.assertNotIn("Traceback", fault.faultString)
        return "denied"

    # ------------------------------------------------------------------ test
    @mute_logger(*MUTED)
    def test_access_matrix(self):
        observed = {}
        for role, user in self.users.items():
            for model_name in self.models:
                observed[(role, model_name)] = self._orm_row(user, model_name)
        path = DATA / "access_matrix.csv"
        if os.environ.get("PCVE_MATRIX_WRITE"):
            with path.open("w", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["role", "model", *OPERATIONS])
                for (role, model_name), row in sorted(observed.items()):
                    writer.writerow([role, model_name, *(row[o] for o in OPERATIONS)])
            return
        with path.open(newline="") as handle:
            expected = {(r["role"], r["model"]): r for r in csv.DictReader(handle)}
        self.assertEqual(
            sorted(expected), sorted(observed), "every role x model has a row"
        )
        cells = 0
        mismatches = []
        for key, row in observed.items():
            for operation in OPERATIONS:
                cells += 1
                if expected[key][operation] != row[operation]:
                    mismatches.append(
                        (*key, operation, expected[key][operation], row[operation])
                    )
        # The same read-side cells over the external API.
        for role in (
            "employee",
            "portal",
            "staff",
            "volunteer",
            "safespaceuser",
            "evaluator",
        ):
            for model_name in self.models:
                rpc = self._rpc_row(self.users[role], model_name)
                for operation, value in rpc.items():
                    cells += 1
                    if expected[(role, model_name)][operation] != value:
                        mismatches.append(
                            (
                                role,
                                model_name,
                                f"rpc:{operation}",
                                expected[(role, model_name)][operation],
                                value,
                            )
                        )
        _logger.info(
            "access matrix: %d cells checked (%d roles x %d models)",
            cells,
            len(self.users),
            len(self.models),
        )
        self.assertFalse(mismatches, "\n".join(" | ".join(m) for m in mismatches))

    @mute_logger(*MUTED)
    def test_restricted_fields(self):
        """Restricted fields: absent from fields_get, refused on read, search,
        order and group by, for every role that is not allowed; present for the
        roles that are."""
        with (DATA / "restricted_fields.csv").open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        cells = 0
        for row in rows:
            model_name, field = row["model"], row["field"]
            allowed = set(row["allowed_roles"].split())
            for role, user in self.users.items():
                Model = self.env[model_name].with_user(user)
                if not Model.has_access("read"):
                    continue
                record = Model.search([], limit=1)
                if role in allowed:
                    cells += 1
                    self.assertIn(
                        field, Model.fields_get(), f"{role} sees {model_name}.{field}"
                    )
                    continue
                cells += 1
                with self.subTest(role=role, field=field, check="fields_get"):
                    self.assertNotIn(field, Model.fields_get())
                calls = {
                    "search": (Model.search, [[(field, "!=", False)]], {}),
                    "order": (Model.search, [[]], {"order": field}),
                    "group_by": (
                        Model.formatted_read_group,
                        [[], [field], ["__count"]],
                        {},
                    ),
                }
                if record:
                    calls["read"] = (record.read, [[field]], {})
                for name, (method, args, kwargs) in calls.items():
                    cells += 1
                    with self.subTest(role=role, field=field, check=name):
                        if record:
                            with self.assertRaises(AccessError):
                                method(*args, **kwargs)
                            continue
                        # Nothing visible: refusing or finding nothing are both safe.
                        try:
                            result = method(*args, **kwargs)
                        except AccessError:
                            result = None
                        self.assertFalse(result)
        _logger.info("restricted fields: %d cells checked", cells)

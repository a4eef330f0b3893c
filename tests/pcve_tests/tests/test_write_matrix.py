"""The write matrix: who may set which field, through create and write, in
which states; the integrity twin of the access matrix.

``data/write_matrix.csv`` has a row per model, field and role that may
create or write records of the model (the other roles are refused by the
access rights, see ``access_matrix.csv``). Its ``create`` and ``write``
columns say what happened when that role, as its demo user, tried to set the
field to another valid value (another user for an author, a past date for a
date, another state for a state) on realistic records (write_matrix_common):

- for a model without workflow: ``yes`` (stored), ``no`` (refused with a
  clear error), ``ignored`` (accepted, not stored) or ``error`` (a traceback);
- for a model with a state or stage, or a line of one (criterion lines follow
  their assessment, notes their case): the states in which the value was
  stored (``-``: none); a state marked ``?`` accepted without storing it, one
  marked ``!`` gave a traceback. A new record is made in its first state, a
  new line on its parent in each state; the workflow field itself lists the
  states a record may be created in and the moves (``from>to``) a direct
  write may make.

Every cell is asserted through the ORM, and the sensitive ones (workflow,
decision, author, recorded date, company and retention fields, and every
field of ``write_policy.csv``) again over XML-RPC. ``data/write_policy.csv`` names the
fields that constrain people and the roles that must never set them: each is
asserted against the ORM on its own (``test_write_policy``).

Run with ``PCVE_MATRIX_WRITE=1`` to rewrite the CSV from what the code does
(then review the diff: it is the integrity contract).
"""

import csv
import logging
import os
import time
from pathlib import Path

from odoo.tests import tagged
from odoo.tools import mute_logger

from . import write_matrix_common as wm

_logger = logging.getLogger(__name__)
DATA = Path(__file__).resolve().parent.parent / "data"
SUFFIX = {"yes": "", "ignored": "?", "error": "!"}
# Outcomes of several values tried in one cell (another company, no
# company): the most permissive one counts.
RANK = ["no", "ignored", "error", "yes"]
DECISIONS = {
    "outcome",
    "granted_level",
    "decision_rationale",
    "valid_until",
    "retention_until",
    "is_anonymised",
}


def _cell(outcomes):
    """``outcomes``: {state or None: outcome} -> the CSV cell."""
    if list(outcomes) == [None]:
        return outcomes[None]
    tokens = [
        f"{key}{SUFFIX[outcome]}"
        for key, outcome in outcomes.items()
        if outcome != "no"
    ]
    return " ".join(tokens) or "-"


def _read(name):
    with (DATA / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


@tagged("post_install", "-at_install", "pcve_security")
class TestWriteMatrix(wm.WriteMatrixCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # what the ORM did, kept for the policy: {(model, field, role): probes}
        cls.observations = {}

    def _writers(self, model_name):
        """The roles the access rights let create or write ``model_name``."""
        for role, user in self.users.items():
            Model = self.env[model_name].with_user(user)
            if Model.has_access("create") or Model.has_access("write"):
                yield role, user

    def _sensitive(self, model_name, fname, policy):
        """Workflow, decision, author, company, retention and recorded dates
        (those the interface shows read-only), and the fields of the policy."""
        model = self.env[model_name]
        field = model._fields[fname]
        return (
            fname == wm.state_field(model)
            or (field.type in ("date", "datetime") and field.readonly)
            or field.comodel_name in ("res.users", "res.company")
            or fname in DECISIONS
            or (model_name, fname) in policy
            or ("*", fname) in policy
        )

    def _observe(
        self, model_name, fname, role, user, operations=("create", "write"), states=None
    ):
        """{operation: {key: outcome}} and the probes run, through the ORM
        (once per class: the policy reuses what the matrix tried)."""
        probes = self.observations.get((model_name, fname, role))
        if probes is None:
            probes = []
            for operation, key, record, vals, check in self._probes(
                model_name, fname, role, operations, states
            ):
                outcome, detail = self._attempt(
                    "orm", user, model_name, fname, record, vals, check
                )
                if os.environ.get("PCVE_MATRIX_DEBUG") and outcome != "yes":
                    _logger.info(
                        "write matrix: %s %s.%s %s %s: %s %s",
                        role, model_name, fname, operation, key, outcome, detail,
                    )  # fmt: skip
                probes.append((operation, key, record, vals, check, outcome))
            if len(operations) == 2 and states is None:
                self.observations[(model_name, fname, role)] = probes
        observed = {operation: {} for operation in operations}
        for operation, key, _record, _vals, _check, outcome in probes:
            if operation not in observed:
                continue
            cells = observed[operation]
            if RANK.index(outcome) >= RANK.index(cells.get(key, "no")):
                cells[key] = outcome
        return observed, probes

    @mute_logger(*wm.MUTED)
    def test_write_matrix(self):
        started = time.time()
        policy = {(row["model"], row["field"]) for row in _read("write_policy.csv")}
        observed = {}
        sensitive = []
        attempts = 0
        for model_name in self.models:
            for role, user in self._writers(model_name):
                for fname in wm.matrix_fields(self.env[model_name]):
                    cells, probes = self._observe(model_name, fname, role, user)
                    attempts += len(probes)
                    observed[(model_name, fname, role)] = {
                        operation: _cell(outcomes)
                        for operation, outcomes in cells.items()
                    }
                    if self._sensitive(model_name, fname, policy):
                        sensitive += [
                            (model_name, fname, role, user, *probe) for probe in probes
                        ]
        path = DATA / "write_matrix.csv"
        if os.environ.get("PCVE_MATRIX_WRITE"):
            with path.open("w", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["model", "field", "role", "create", "write"])
                for key, row in sorted(observed.items()):
                    writer.writerow([*key, row["create"], row["write"]])
            return
        expected = {(r["model"], r["field"], r["role"]): r for r in _read(path.name)}
        mismatches = [
            f"{' '.join(key)}: no row in write_matrix.csv, observed {observed[key]}"
            for key in sorted(set(observed) - set(expected))
        ]
        mismatches += [
            f"{' '.join(key)}: in write_matrix.csv but the role cannot write the model"
            for key in sorted(set(expected) - set(observed))
        ]
        for key, row in sorted(observed.items()):
            for operation in ("create", "write"):
                if key in expected and expected[key][operation] != row[operation]:
                    mismatches.append(
                        f"{' '.join(key)} {operation}: expected "
                        f"{expected[key][operation]!r}, observed {row[operation]!r}"
                    )
        orm_seconds = time.time() - started
        # The sensitive cells again, as an integrator would try them.
        for model_name, fname, role, user, *probe in sensitive:
            operation, key, record, vals, check, outcome = probe
            rpc, detail = self._attempt(
                "rpc", user, model_name, fname, record, vals, check
            )
            if rpc != outcome:
                mismatches.append(
                    f"{model_name} {fname} {role} {operation} {key or ''}: ORM "
                    f"{outcome}, XML-RPC {rpc} {detail}"
                )
        _logger.info(
            "write matrix: %d rows, %d cells (role x field x create or write x "
            "state) checked through the ORM in %.0f s, %d sensitive cells again over "
            "XML-RPC in %.0f s (records made in %.0f s)",
            len(observed),
            attempts,
            orm_seconds,
            len(sensitive),
            time.time() - started - orm_seconds,
            self.setup_seconds,
        )
        self.assertFalse(mismatches, "\n".join(mismatches))

    @mute_logger(*wm.MUTED)
    def test_write_policy(self):
        """Nobody sets a field that constrains him: each row of
        write_policy.csv, for each role it names, through the ORM. Odoo
        drops the log columns from any create or write values, whatever the
        record's state: they are tried in one state."""
        checked = 0
        violations = []
        for row in _read("write_policy.csv"):
            fname = row["field"]
            models = [row["model"]]
            if row["model"] == "*":
                models = [
                    name
                    for name in self.models
                    if name.startswith("pcve.") and fname in self.env[name]._fields
                ]
            roles = set(wm.ROLES if row["roles"] == "*" else row["roles"].split())
            operations = tuple(row["operations"].split())
            for model_name in models:
                if fname not in self.env[model_name]._fields:
                    violations.append(f"{model_name} has no field {fname}: stale row")
                    continue
                states = None
                if fname in wm.LOG_FIELDS:
                    states = wm.states_of(self.env[model_name])[:1]
                for role, user in self._writers(model_name):
                    if role not in roles:
                        continue
                    checked += 1
                    cells, _probes = self._observe(
                        model_name, fname, role, user, operations, states
                    )
                    found = [
                        f"{operation} {key or ''}".strip()
                        + ("" if outcome == "yes" else f" ({outcome})")
                        for operation, outcomes in cells.items()
                        for key, outcome in outcomes.items()
                        if outcome in ("yes", "error")
                    ]
                    if found:
                        violations.append(
                            f"{model_name}.{fname} set by {role}: "
                            f"{', '.join(found)}; rule: {row['rule']}"
                        )
        _logger.info(
            "write policy: %d model x field x role checked, %d violations",
            checked,
            len(violations),
        )
        self.assertFalse(
            violations,
            f"{len(violations)} violations of write_policy.csv:\n"
            + "\n".join(violations),
        )

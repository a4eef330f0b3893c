"""One state machine for every state field of the suite.

Every model of the suite with a table and a selection field named ``state``
or ``stage`` declares its moves in ``pcve.state.mixin`` (the statistics
models are SQL views: nothing is written to them). Then, for every such model
and every state it has records in (the demo data), a move its declaration
does not allow is refused as a direct write by the administrator, who may
press every button: through the ORM and over XML-RPC, with the state
machine's own message, and the record keeps its state.
"""

import re

from odoo.tests import HttpCase, tagged

from odoo.addons.pcve_base.tests.common import RpcCase, password

from .write_matrix_common import SUITE_MODULES


def state_models(env):
    """[(model, field)] of the suite's models with a stored state or stage."""
    found = []
    for name in sorted(env.registry):
        model = env[name]
        if model._abstract or model._transient or not model._auto:
            continue
        for fname in ("state", "stage"):
            field = model._fields.get(fname)
            if field and field.type == "selection" and field._module in SUITE_MODULES:
                found.append((model, fname))
    return found


@tagged("post_install", "-at_install")
class TestStateMachines(RpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.password = password(cls.admin)

    def test_every_state_field_declares_its_moves(self):
        found = state_models(self.env)
        self.assertGreaterEqual(len(found), 8, [m._name for m, _f in found])
        for model, fname in found:
            with self.subTest(model=model._name):
                self.assertIsInstance(model, type(self.env["pcve.state.mixin"]))
                self.assertIn(fname, model._pcve_moves)
                states = {value for value, _label in model._fields[fname].selection}
                moves = model._pcve_moves[fname]
                self.assertLessEqual(set(moves), states)
                for targets in moves.values():
                    self.assertLessEqual(set(targets), states)

    def test_forbidden_moves_refused_by_direct_write(self):
        for model, fname in state_models(self.env):
            states = [value for value, _label in model._fields[fname].selection]
            moves = model._pcve_moves[fname]
            probed = 0
            for state in states:
                record = model.search([(fname, "=", state)], limit=1)
                forbidden = [
                    to
                    for to in states
                    if to != state and to not in moves.get(state, {})
                ]
                if not record or not forbidden:
                    continue
                probed += 1
                with self.subTest(model=model._name, move=f"{state}>{forbidden[0]}"):
                    self._assert_refused(record, fname, forbidden[0])
            self.assertTrue(probed, f"no record of {model._name} to probe")

    def _assert_refused(self, record, fname, target):
        mine = record.with_user(self.admin)
        if fname in record._pcve_workflow_fields:
            expected = str(mine._pcve_workflow_error([fname]))
        else:
            expected = str(mine._pcve_move_error(fname, target))
        caught = self.assertRefusedEverywhere(
            self.admin, record, {fname: target}, re.escape(expected)
        )
        self.assertEqual(str(caught.exception), expected)
        record.invalidate_recordset()
        self.assertNotEqual(record[fname], target)

"""Tests run in field conditions: none switches tracking or logging off.

``tracking_disable``, ``mail_notrack`` and ``mail_create_nolog`` in a test's
context hide what users meet on a real server (e.g. an Html field with
tracking fails on every write, and only where tracking runs). The Python
sources of every test folder of the suite (``addons/*/tests`` and
``tests/``) are read, and any use of those keys as context keys fails the
test, except inside a test whose name says it is about them (a test that
clients cannot switch logging off with them).
"""

import ast
import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

ROOT = Path(__file__).resolve().parents[3]
KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")
# A test about the keys says so in its name.
ABOUT_THE_KEYS = re.compile(r"tracking|notrack|nolog|client_context|context_key")


def _key_uses(source, filename="<test>"):
    """(line, key, enclosing function) of every use of a key as a context
    key: a keyword argument, a dictionary key, a subscript or a call argument
    (``setdefault("tracking_disable", True)``)."""
    uses = []

    class Visitor(ast.NodeVisitor):
        def __init__(self):
            self.functions = []

        def visit_FunctionDef(self, node):
            self.functions.append(node.name)
            self.generic_visit(node)
            self.functions.pop()

        visit_AsyncFunctionDef = visit_FunctionDef

        def _found(self, node, key):
            if key in KEYS:
                function = self.functions[-1] if self.functions else None
                uses.append((node.lineno, key, function))

        def visit_keyword(self, node):
            self._found(node.value, node.arg)
            self.generic_visit(node)

        def visit_Dict(self, node):
            for key in node.keys:
                if isinstance(key, ast.Constant):
                    self._found(key, key.value)
            self.generic_visit(node)

        def visit_Subscript(self, node):
            if isinstance(node.slice, ast.Constant):
                self._found(node, node.slice.value)
            self.generic_visit(node)

        def visit_Call(self, node):
            for arg in node.args:
                if isinstance(arg, ast.Constant):
                    self._found(arg, arg.value)
            self.generic_visit(node)

    Visitor().visit(ast.parse(source, filename))
    return uses


def _allowed(function):
    return bool(
        function and function.startswith("test") and ABOUT_THE_KEYS.search(function)
    )


def _test_files():
    folders = sorted((ROOT / "addons").glob("*/tests")) + [ROOT / "tests"]
    for folder in folders:
        yield from sorted(folder.rglob("*.py"))


@tagged("post_install", "-at_install")
class TestFieldConditions(TransactionCase):
    def test_scanner_finds_every_form(self):
        """The scan sees the keys however a test would set them, and lets a
        test about the keys use them."""
        source = """
class T:
    @classmethod
    def setUpClass(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))

    def setUp(self):
        self.env.context = {"mail_notrack": True}
        ctx = dict(self.env.context)
        ctx["mail_create_nolog"] = True
        ctx.setdefault("tracking_disable", True)

    def test_client_context_cannot_switch_tracking_off(self):
        self.call(context={"tracking_disable": True})
"""
        uses = _key_uses(source)
        self.assertEqual(
            [(key, function) for _line, key, function in uses],
            [
                ("tracking_disable", "setUpClass"),
                ("mail_notrack", "setUp"),
                ("mail_create_nolog", "setUp"),
                ("tracking_disable", "setUp"),
                ("tracking_disable", "test_client_context_cannot_switch_tracking_off"),
            ],
        )
        self.assertEqual(
            [_allowed(function) for _line, _key, function in uses],
            [False, False, False, False, True],
        )

    def test_no_test_disables_tracking(self):
        """No test of the suite runs with tracking or logging switched off."""
        files = list(_test_files())
        self.assertTrue(
            any(path.name == Path(__file__).name for path in files),
            f"the scan reads the suite's test folders under {ROOT}",
        )
        found = [
            f"{path.relative_to(ROOT)}:{line}: {key} in {function or 'module'}"
            for path in files
            for line, key, function in _key_uses(path.read_text(), str(path))
            if not _allowed(function)
        ]
        self.assertFalse(
            found,
            "tests run with tracking or logging switched off (remove the key "
            "and fix what then fails in the code):\n" + "\n".join(found),
        )

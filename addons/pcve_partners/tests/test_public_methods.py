import ast
from pathlib import Path

from odoo.tests import BaseCase, tagged

ADDON = Path(__file__).resolve().parent.parent


def _ends_with_exit(statements):
    """Whether a block always ends in a return or a raise."""
    if not statements:
        return False
    last = statements[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    if isinstance(last, ast.If):
        return _ends_with_exit(last.body) and _ends_with_exit(last.orelse)
    if isinstance(last, ast.With):
        return _ends_with_exit(last.body)
    if isinstance(last, ast.Try):
        return _ends_with_exit(last.finalbody) or (
            _ends_with_exit(last.orelse or last.body)
            and all(_ends_with_exit(handler.body) for handler in last.handlers)
        )
    return False


def _returns_nothing(function):
    """The lines where ``function`` gives None back: a bare ``return``, a
    ``return None``, or falling off its end."""
    lines = []
    nodes = list(function.body)
    while nodes:
        node = nodes.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue  # a nested function returns for itself
        nodes.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Return) and (
            node.value is None
            or (isinstance(node.value, ast.Constant) and node.value.value is None)
        ):
            lines.append(node.lineno)
    if not _ends_with_exit(function.body):
        lines.append(function.end_lineno)
    return lines


@tagged("post_install", "-at_install")
class TestPublicMethods(BaseCase):
    """XML-RPC cannot marshal None: every public method of the addon's models
    and wizards gives something back (True, an action, the data asked)."""

    def test_no_public_method_returns_none(self):
        found = []
        checked = 0
        for path in sorted([*ADDON.glob("models/*.py"), *ADDON.glob("wizards/*.py")]):
            for node in ast.parse(path.read_text()).body:
                if not isinstance(node, ast.ClassDef):
                    continue
                for function in node.body:
                    if not isinstance(function, ast.FunctionDef):
                        continue
                    if function.name.startswith("_"):
                        continue
                    checked += 1
                    for line in _returns_nothing(function):
                        found.append(f"{path.name}:{line} {node.name}.{function.name}")
        self.assertGreater(checked, 20)
        self.assertFalse(found, "public methods that return None")

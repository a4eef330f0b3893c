"""How pytest runs the suite (`make test`, tools/test.sh; pytest.ini has the options).

pytest-odoo loads the registry of a database where the suite is installed and
runs the addons' Odoo test classes (post_install: every module is installed),
with its HTTP server on for the tours and the RPC tests. On top of that, what
`odoo --test-enable` and the former test runner enforced:

- Odoo's selection: the test methods a test class defines itself, in the module
  that defines the class (not those it inherits or imports), tagged `standard`;
- a record at ERROR or above that reaches the root logger during a test fails
  that test (Odoo's `mute_logger` keeps the expected ones away), one outside any
  test fails the run;
- before the first browser test, the asset bundles are generated and committed,
  as Odoo does before its post_install tests (a tour's first page would
  otherwise build them inside the test and other requests time out on its cursor);
- a skipped test fails the run: a skipped tour or RPC test would hide a broken one;
- the checks outside this database (tests/integration) run last, and the
  variable named by their `pcve_skip_env` marker (PCVE_SKIP_ALONE, ...) set to 1
  deselects them while iterating.
"""

import logging
import os

import pytest


class _ErrorRecords(logging.Handler):
    """Keeps every record at ERROR or above that reaches the root logger."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


_ERRORS = _ErrorRecords()
_SEEN = [0]  # how many of _ERRORS.records were looked at
_STRAY = []  # those logged outside any test (class set-up, between tests)


def _format(records):
    return "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in records)


def pytest_configure(config):
    logging.getLogger().addHandler(_ERRORS)


def pytest_collection_modifyitems(config, items):
    drop = [item for item in items if _deselected(item)]
    if drop:
        config.hook.pytest_deselected(items=drop)
    keep = [item for item in items if item not in drop]
    # The integration checks last (the load test on the test database first),
    # the alone installs, the slowest, at the end.
    keep.sort(
        key=lambda item: (
            "tests/integration/" in item.nodeid,
            "test_alone" in item.nodeid,
        )
    )
    items[:] = keep


def _deselected(item):
    cls = getattr(item, "cls", None)
    if cls is not None:
        return not _odoo_selects(item, cls)
    marker = item.get_closest_marker("pcve_skip_env")
    return bool(marker) and os.environ.get(marker.args[0]) == "1"


def _odoo_selects(item, cls):
    """What Odoo's test loader (odoo.tests.loader) would run, with its default tags."""
    own = item.name in vars(cls) or getattr(cls, "allow_inherited_tests_method", False)
    return (
        own
        and cls.__module__ == item.module.__name__
        and "standard" in getattr(cls, "test_tags", {"standard"})
    )


@pytest.fixture(scope="session", autouse=True)
def _pregenerated_assets(request, load_registry):
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tests.common import HttpCase, get_db_name

    items = request.session.items
    if request.config.getoption("--odoo-http") and any(
        issubclass(getattr(i, "cls", None) or object, HttpCase) for i in items
    ):
        with Registry(get_db_name()).cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["ir.qweb"]._pregenerate_assets_bundles()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.pcve_call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def _no_error_log(request):
    """An ERROR log line during the test fails it (unless the test failed already)."""
    _STRAY.extend(_ERRORS.records[_SEEN[0] :])
    _SEEN[0] = len(_ERRORS.records)
    yield
    new = _ERRORS.records[_SEEN[0] :]
    _SEEN[0] = len(_ERRORS.records)
    if new and not getattr(request.node, "pcve_call_failed", False):
        pytest.fail(
            f"{len(new)} ERROR log line(s) during the test:\n{_format(new)}",
            pytrace=False,
        )


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    stray = _STRAY + _ERRORS.records[_SEEN[0] :]
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if stray:
        print(f"\n{len(stray)} ERROR log line(s) outside the tests:\n{_format(stray)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if skipped:
        print(f"\n{len(skipped)} test(s) skipped: a skip fails the run")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

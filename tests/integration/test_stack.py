"""The checks of `make test` that are scripts of tools/: the short load test on
the test database, the coexistence check and the upgrade test. Each script's
output is shown when it fails."""

import os
import re
import sys

import pytest

from odoo.tests.common import get_db_name

from .common import PORT, STACK, run


def _closing(res, name):
    """The script's closing line `<name>: N passed, N failed`, as (passed, failed)."""
    found = re.findall(
        rf"^{name}: (\d+) passed, (\d+) failed$", res.stdout, re.MULTILINE
    )
    return tuple(map(int, found[-1])) if found else (0, 1)


def test_load(summary):
    """The load test (tools/loadtest.py) against the test database: a multi-worker
    server, the demo users, no error (README, Load test)."""
    duration = os.environ.get("PCVE_LOAD_DURATION", "15")
    res = run(
        [
            sys.executable,
            "tools/loadtest.py",
            "--db",
            get_db_name(),
            "--port",
            PORT,
            "--duration",
            duration,
        ]
    )
    assert res.returncode == 0, res.stdout[-6000:] + res.stderr[-2000:]
    for line in res.stdout.splitlines():
        if not re.match(r"\[loadtest\] (reusing|\d+ sessions created)", line):
            summary(line)
    (STACK / f"loadtest-{get_db_name()}.log").unlink(missing_ok=True)


@pytest.mark.pcve_skip_env("PCVE_SKIP_COEXISTENCE")
def test_coexistence(summary):
    """tools/coexistence.sh: the suite beside contacts, calendar, event, hr and project, uninstalled again."""
    res = run(["bash", "tools/coexistence.sh"])
    passed, failed = _closing(res, "coexistence")
    assert res.returncode == 0 and passed and not failed, (
        res.stdout[-6000:] + res.stderr[-2000:]
    )
    summary(f"coexistence: {passed} passed")


@pytest.mark.pcve_skip_env("PCVE_SKIP_UPGRADE")
def test_upgrade(summary):
    """tools/upgrade_test.sh: the previous layout upgraded in place loses nothing."""
    res = run(["bash", "tools/upgrade_test.sh"])
    passed, failed = _closing(res, "upgrade")
    assert res.returncode == 0 and passed and not failed, (
        res.stdout[-6000:] + res.stderr[-2000:]
    )
    summary(f"upgrade: {passed} passed")

"""Helpers of the checks that run outside the test database's registry.

Each check starts Odoo (or a script of tools/) as a separate process, on the
port of `make test` (PCVE_TEST_PORT, default 8169), writes its log under .stack/
and drops the databases it created.
"""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / ".stack"
CONF = STACK / "odoo.conf"
PORT = os.environ.get("PCVE_TEST_PORT", "8169")


def run(args, log=None, **kwargs):
    """Runs a command from the repository root; its output goes to `log` if given."""
    if log is None:
        return subprocess.run(
            args, cwd=ROOT, capture_output=True, text=True, check=False, **kwargs
        )
    with open(log, "w") as out:
        return subprocess.run(
            args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False, **kwargs
        )


def odoo(*args, log, python=None):
    """Runs Odoo through its launcher (tools/odoo.sh, or `python` for another venv)."""
    launch = ["bash", "tools/odoo.sh"]
    if python:
        launch = [python, str(STACK / "odoo" / "usr" / "bin" / "odoo")]
    return run(
        [*launch, "-c", str(CONF), "--http-port", PORT, "--max-cron-threads=0", *args],
        log=log,
    )


def psql(db, query):
    return run(["psql", "-d", db, "-tAc", query]).stdout.strip()


def error_lines(log):
    return [
        line
        for line in Path(log).read_text().splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]

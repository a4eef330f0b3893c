"""Each domain addon installs alone (with its base addons) into a fresh database
and its own tests pass there, run by pytest as in `make test`; casework does not
pull in partners, contacts or calendar (docs/architecture.md).
PCVE_SKIP_ALONE=1 deselects these while iterating."""

import re
import sys

import pytest

from .common import STACK, error_lines, odoo, psql, run

# addon: the modules that must not come with it
ALONE = {
    "pcve_casework": ("pcve_partners", "contacts", "calendar"),
    "pcve_partners": ("pcve_casework", "pcve_safespaces", "calendar"),
    "pcve_safespaces": ("pcve_partners", "pcve_casework"),
}


@pytest.mark.pcve_skip_env("PCVE_SKIP_ALONE")
@pytest.mark.parametrize("addon", ALONE)
def test_addon_alone(addon, new_db, summary):
    db = new_db(f"alone_{addon}")
    log = STACK / f"test-{db}.log"
    res = odoo("-d", db, "-i", addon, "--with-demo", "--stop-after-init", log=log)
    assert res.returncode == 0 and not error_lines(log), (
        f"{addon} alone does not install (log: {log})"
    )
    forbidden = ", ".join(f"'{name}'" for name in ALONE[addon])
    extra = psql(
        db,
        f"SELECT string_agg(name, ',') FROM ir_module_module WHERE state = 'installed' AND name IN ({forbidden})",
    )
    assert not extra, f"{addon} alone installed {extra}"
    tests = run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            f"--odoo-database={db}",
            f"addons/{addon}",
            f"--junitxml={STACK / f'pytest-{db}.xml'}",
            f"--odoo-extra=logfile={log}.pytest",
        ]
    )
    closing = tests.stdout.strip().splitlines()[-1] if tests.stdout.strip() else ""
    assert tests.returncode == 0 and re.search(r"\d+ passed", closing), (
        tests.stdout[-6000:] + tests.stderr[-2000:]
    )
    summary(f"{addon} alone: {closing}")
    log.unlink()
    (STACK / f"test-{db}.log.pytest").unlink(missing_ok=True)

"""The suite installs from its wheels (issue #15): tools/wheels.sh builds one
wheel per addon (whool, dependencies from the manifests) and installs them with
--no-index into a throwaway venv beside the stack's Odoo; Odoo run by that venv's
Python, with no addons path of this repository, installs the suite from there
(without demo data and without tests: the rest of `make test` tests the code)."""

import sys

import pytest

from .common import CONF, ROOT, STACK, error_lines, odoo, psql, run

ADDONS = sorted(
    p.name for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").is_file()
)
SUITE = "pcve_partners,pcve_casework,pcve_safespaces,pcve_evaluation"
ODOO_ADDONS = (
    STACK / "odoo" / "usr" / "lib" / "python3" / "dist-packages" / "odoo" / "addons"
)
# Where that Python's Odoo finds each addon, with the same addons path.
WHERE = """
import sys

from odoo.tools import config
config.parse_config(sys.argv[1:3], setup_logging=False)
from odoo.modules.module import get_module_path, initialize_sys_path
initialize_sys_path()
for name in sys.argv[3:]:
    print(get_module_path(name))
"""


@pytest.mark.pcve_skip_env("PCVE_SKIP_WHEELS")
def test_suite_installs_from_its_wheels(new_db, tmp_path, summary):
    build = run(["bash", "tools/wheels.sh", str(tmp_path)])
    assert build.returncode == 0, build.stderr[-4000:]
    python = build.stdout.strip().splitlines()[-1]
    wheels = sorted(w.name.split("-")[0] for w in (tmp_path / "wheels").glob("*.whl"))
    assert wheels == [f"odoo_addon_{name}" for name in ADDONS]

    db = new_db("wheels")
    log = STACK / f"test-{db}.log"
    res = odoo(
        "-d",
        db,
        "--addons-path",
        str(ODOO_ADDONS),
        "-i",
        SUITE,
        "--stop-after-init",
        log=log,
        python=python,
    )
    assert res.returncode == 0 and not error_lines(log), (
        f"the suite does not install from its wheels (log: {log})"
    )
    installed = psql(
        db,
        "SELECT string_agg(name, ',' ORDER BY name) FROM ir_module_module "
        "WHERE name LIKE 'pcve\\_%' AND state = 'installed'",
    )
    assert installed.split(",") == ADDONS

    where = run(
        [
            python,
            "-c",
            WHERE,
            f"--config={CONF}",
            f"--addons-path={ODOO_ADDONS}",
            *ADDONS,
        ]
    )
    paths = where.stdout.split()
    venv = str(tmp_path / "wheel-venv")
    assert len(paths) == len(ADDONS) and all(p.startswith(venv) for p in paths), (
        where.stdout + where.stderr
    )
    assert sys.executable not in python
    log.unlink()
    summary(
        f"wheels: {len(wheels)} built, the suite installed from them ({', '.join(ADDONS)})"
    )

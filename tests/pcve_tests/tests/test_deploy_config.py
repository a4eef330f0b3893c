"""The production configuration of deploy/ refuses to run an unsafe server.

deploy/make_config.sh writes a configuration from deploy/odoo.conf.template
(a random master password, stored as a hash); deploy/odoo-start, which the
systemd unit runs, checks it with deploy/check_config.py and only then starts
Odoo's launcher. These tests generate a configuration, start a production
server with it on the test database (worker mode, stopped after loading), and
start it again with each unsafe setting: Odoo must never start then, and the
refusal names the rule.
"""

import getpass
import os
import re
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import config

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
# the launcher tools/odoo.sh runs: the one a production server runs too
LAUNCHER = ROOT / ".stack" / "odoo" / "usr" / "bin" / "odoo"
TIMEOUT = 300
UNSAFE = {
    "list_db = True": "list_db must be False",
    "admin_passwd = admin": "admin_passwd must be set",
    "admin_passwd = ": "admin_passwd must be set",
    "admin_passwd = S3cret-in-clear": "admin_passwd must be a hash",
    "proxy_mode = False": "proxy_mode must be True",
    "workers = 0": "workers must be 2 or more",
    "dbfilter = ": "dbfilter must be set",
}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install", "pcve_launch")
class TestDeployConfig(BaseCase):
    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="pcve-deploy-"))
        self.addCleanup(subprocess.run, ["rm", "-rf", str(self.tmp)], check=False)
        self.env_vars = dict(
            os.environ,
            PYTHON=sys.executable,
            ODOO_BIN=str(LAUNCHER),
            PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"],
        )
        self.conf = self.tmp / "pcve.conf"
        made = self._run(
            "bash",
            DEPLOY / "make_config.sh",
            self.conf,
            "--db-host",
            config["db_host"] or os.environ.get("PGHOST") or "/var/run/postgresql",
            "--db-password",
            "unused-on-the-local-socket",
            "--data-dir",
            self.tmp / "data",
            "--logfile",
            self.tmp / "odoo.log",
        )
        self.assertEqual(made.returncode, 0, made.stderr)
        self.password = re.search(r"vault.*: (\S+)$", made.stderr.strip()).group(1)

    def _run(self, *args):
        return subprocess.run(
            [str(arg) for arg in args],
            cwd=ROOT,
            env=self.env_vars,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def _start(self, conf):
        """deploy/odoo-start on the test database, stopped once loaded."""
        return self._run(
            "bash",
            DEPLOY / "odoo-start",
            conf,
            "-d",
            get_db_name(),
            f"--db_user={config['db_user'] or getpass.getuser()}",
            f"--addons-path={','.join(config['addons_path'])}",
            f"--http-port={_free_port()}",
            f"--gevent-port={_free_port()}",
            "--stop-after-init",
        )

    def test_generated_configuration_is_safe_and_starts(self):
        text = self.conf.read_text()
        self.assertEqual(stat.S_IMODE(self.conf.stat().st_mode), 0o600)
        self.assertNotIn(self.password, text, "the master password in clear")
        self.assertRegex(text, r"(?m)^admin_passwd = \$pbkdf2-sha512\$")
        self.assertNotRegex(text, r"(?m)^db_replica_", "a replica nobody asked for")
        check = self._run(sys.executable, DEPLOY / "check_config.py", self.conf)
        self.assertEqual(check.returncode, 0, check.stderr)
        started = self._start(self.conf)
        log = (self.tmp / "odoo.log").read_text(errors="replace")
        self.assertEqual(started.returncode, 0, started.stderr[-2000:] + log[-2000:])
        self.assertIn("Registry loaded", log)
        self.assertIn("Stopping workers gracefully", log, "not in worker mode")

    def test_unsafe_configurations_refuse_to_start(self):
        template = self._run(
            sys.executable, DEPLOY / "check_config.py", DEPLOY / "odoo.conf.template"
        )
        self.assertEqual(
            template.returncode, 1, "the template itself is not a configuration"
        )
        text = self.conf.read_text()
        for setting, rule in UNSAFE.items():
            with self.subTest(setting=setting):
                key = setting.split(" = ")[0]
                unsafe = self.tmp / "unsafe.conf"
                unsafe.write_text(re.sub(rf"(?m)^{key} = .*$", setting, text))
                (self.tmp / "odoo.log").unlink(missing_ok=True)
                started = self._start(unsafe)
                self.assertEqual(started.returncode, 1, started.stderr[-2000:])
                self.assertIn(rule, started.stderr)
                self.assertFalse(
                    (self.tmp / "odoo.log").exists(), "Odoo started all the same"
                )

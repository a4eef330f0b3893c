"""Worker mode and the watchdog, on a server started as the tools start it.

``make run``, ``make test``, the load test and the benchmark start Odoo through
tools/odoo.sh: the package's launcher (usr/bin/odoo) run by the venv's Python,
with the venv first in PATH. Run as a module (Python's -m switch), the gevent
child of worker mode crashes at start and the watchdog's re-exec fails, so that
a request running past ``limit_time_real`` takes the server down. These tests start a
second server on the test database, on free ports, through tools/odoo.sh:

- with ``--workers=2`` and a short ``--limit-time-real``: a request that runs
  past the limit (``/pcve_tests/sleep``, a route of this test addon) has its
  worker killed and replaced, and the server answers ``/web/login`` after;
  the gevent server answers too;
- threaded, as ``make run`` serves: the reload that the threaded server's
  watchdog orders when a request runs past the limit (a SIGHUP to itself; the
  watchdog looks only once a minute, so the test sends it) re-executes the
  server, which answers ``/web/login`` again.

Each server runs in its own process group, stopped whatever happens; every
wait is bounded.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import config

ROOT = Path(__file__).resolve().parents[3]
LAUNCH = ROOT / "tools" / "odoo.sh"
LIMIT = 5  # --limit-time-real of the worker-mode server, in seconds
SLEEP = 12  # the slow request, in seconds: past LIMIT, and still bounded
START_TIMEOUT = 120  # loading the registry on a loaded machine
TIMEOUT = 30  # any other wait


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install", "pcve_launch")
class TestWatchdog(BaseCase):
    def setUp(self):
        super().setUp()
        self.db = get_db_name()
        self.log = Path(tempfile.mkstemp(prefix="pcve_watchdog_", suffix=".log")[1])
        self.addCleanup(self.log.unlink, missing_ok=True)

    # ------------------------------------------------------------ helpers
    def _start(self, *options):
        """Start a server on the test database through tools/odoo.sh; return
        (process, base url). Stopped at the end of the test in any case."""
        self.assertTrue(LAUNCH.is_file(), f"{LAUNCH} is missing")
        port = _free_port()
        with self.log.open("ab") as log:
            process = subprocess.Popen(
                [
                    "bash",
                    str(LAUNCH),
                    "-c",
                    config["config"],
                    "-d",
                    self.db,
                    f"--db-filter=^{self.db}$",
                    "--http-interface=127.0.0.1",
                    f"--http-port={port}",
                    "--max-cron-threads=0",
                    "--log-level=info",
                    *options,
                ],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.addCleanup(self._stop, process)
        self.process = process
        base = f"http://127.0.0.1:{port}"
        self._wait_for(base + "/web/login", process, START_TIMEOUT)
        return process, base

    def _stop(self, process):
        """SIGTERM to the server's process group, SIGKILL if it lingers."""
        for sig, wait in ((signal.SIGTERM, TIMEOUT), (signal.SIGKILL, TIMEOUT)):
            if process.poll() is not None:
                break
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        # the workers and the gevent child, if the master left them behind
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    def _wait_for(self, url, process, timeout, session=None):
        """Wait until ``url`` answers 200 while ``process`` runs."""
        deadline = time.monotonic() + timeout
        answer = None
        while time.monotonic() < deadline:
            self.assertIsNone(
                process.poll(),
                f"the server stopped (exit {process.returncode}):\n{self._tail()}",
            )
            try:
                answer = (session or requests).get(url, timeout=TIMEOUT)
                if answer.status_code == 200:
                    return answer
            except requests.RequestException as error:
                answer = error
            time.sleep(0.5)
        self.fail(
            f"{url} did not answer 200 within {timeout} s ({answer}):\n{self._tail()}"
        )

    def _wait_for_log(self, pattern, offset, timeout=TIMEOUT):
        """The matches of ``pattern`` written to the server log after ``offset``,
        once there is one, while the server runs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            matches = re.findall(pattern, self._text(offset))
            if matches:
                return matches
            self.assertIsNone(
                self.process.poll(),
                f"the server stopped (exit {self.process.returncode}):\n{self._tail()}",
            )
            time.sleep(0.5)
        self.fail(
            f"no {pattern!r} in the server log within {timeout} s:\n{self._tail()}"
        )

    def _text(self, offset=0):
        with self.log.open("rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace")

    def _tail(self):
        return "\n".join(self._text().splitlines()[-30:])

    # ------------------------------------------------------------ tests
    def test_servers_start_from_the_launcher(self):
        """Every Odoo server the tools start runs the launcher, never the module.

        Under Odoo's own runner (tools/odoo.sh with --test-enable) that is this
        process. Under pytest-odoo (make test) this process is pytest, and the
        servers it starts (the install, tests/integration, these tests) go
        through tools/odoo.sh, which must exec the launcher."""
        if Path(sys.argv[0]).name == "odoo":
            self.assertTrue(
                sys.argv[0].endswith("/usr/bin/odoo"),
                f"started as {sys.argv[0]!r}, not through the package's launcher",
            )
            self.assertEqual(
                os.environ["PATH"].split(os.pathsep)[0],
                os.path.dirname(sys.executable),
                "the venv's bin is not first in PATH: a re-exec would lose the venv",
            )
        else:
            self.assertIn("pytest", sys.argv[0], f"started as {sys.argv[0]!r}")
        launch = LAUNCH.read_text()
        self.assertRegex(
            launch,
            r'(?m)^exec "\$ROOT/\.stack/venv/bin/python" "\$ROOT/\.stack/odoo/usr/bin/odoo"',
        )
        self.assertRegex(launch, r'(?m)^export PATH="\$ROOT/\.stack/venv/bin:\$PATH"')
        as_module = re.compile(r"""-m['",\s]+odoo\b|odoo\.cli\b""")
        starters = [
            *ROOT.glob("tools/*.sh"),
            *ROOT.glob("tools/*.py"),
            *ROOT.glob("bench/*.py"),
            *ROOT.glob("tests/integration/*.py"),
            ROOT / "Makefile",
            ROOT / "conftest.py",
            ROOT / "deploy" / "odoo-start",
        ]
        self.assertGreater(len(starters), 20)
        offenders = [
            str(path.relative_to(ROOT))
            for path in starters
            if as_module.search(path.read_text())
        ]
        self.assertFalse(offenders, "Odoo started as a module")

    def test_worker_past_the_time_limit_is_replaced(self):
        gevent_port = _free_port()
        process, base = self._start(
            "--workers=2", f"--limit-time-real={LIMIT}", f"--gevent-port={gevent_port}"
        )
        self._wait_for(f"http://127.0.0.1:{gevent_port}/web/health", process, TIMEOUT)

        session = requests.Session()
        login = session.post(
            base + "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": self.db, "login": "admin", "password": "admin"},
            },
            timeout=TIMEOUT,
        ).json()
        self.assertTrue(
            login.get("result", {}).get("uid"), f"admin could not log in: {login}"
        )
        alive = set(re.findall(r"Worker WorkerHTTP \((\d+)\) alive", self._text()))
        offset = self.log.stat().st_size

        started = time.monotonic()
        try:
            answer = session.get(
                f"{base}/pcve_tests/sleep?seconds={SLEEP}", timeout=SLEEP + TIMEOUT
            )
        except requests.RequestException as error:
            answer = error
        elapsed = time.monotonic() - started
        self.assertNotEqual(
            getattr(answer, "status_code", None),
            200,
            "the slow request was not stopped",
        )
        self.assertLess(elapsed, SLEEP, "the slow request ran to its end")

        killed = self._wait_for_log(
            rf"WorkerHTTP \((\d+)\) timeout after {LIMIT}s", offset
        )
        self.assertTrue(set(killed) <= alive, f"unknown worker killed: {killed}")
        replacements = self._wait_for_log(r"Worker WorkerHTTP \((\d+)\) alive", offset)
        self.assertTrue(
            set(replacements) - alive, "no new worker replaced the killed one"
        )
        self._wait_for(base + "/web/login", process, TIMEOUT)
        self._wait_for(f"http://127.0.0.1:{gevent_port}/web/health", process, TIMEOUT)
        self.assertIsNone(process.poll())

    def test_threaded_server_survives_the_watchdog_reload(self):
        process, base = self._start("--workers=0")
        offset = self.log.stat().st_size
        os.kill(process.pid, signal.SIGHUP)
        self._wait_for_log(r"Initiating server reload", offset)
        self._wait_for_log(
            r"HTTP service \(werkzeug\) running on", offset, START_TIMEOUT
        )
        self._wait_for(base + "/web/login", process, START_TIMEOUT)
        self.assertNotIn(" ERROR ", self._text(offset), self._tail())

"""Load test: a multi-worker Odoo on localhost under a mixed workload of demo users.

Starts Odoo with the suite on a demo database (installed on first use, reused
after), logs the demo users in over the web client's JSON-RPC API and runs, for a
bounded time, one thread per user:

- case workers ``caseworker``, ``volunteer``, ``psychologist``: list their cases
  (web_search_read) and open one (web_read; written to the audit trail);
- organiser ``organiser``: creates safe-space sessions (deleted again at the end);
- evaluation manager ``evaluator``: exports the evaluation workbook through the
  report route (/report/xlsx/...);
- partners manager ``pcvemanager``: lists partner assessments (each read goes to
  the audit trail) and reads the audit trail.

It reports requests, errors (any HTTP error, JSON-RPC error or unexpected answer;
there must be none) and latency percentiles per kind, stops by itself and stops
the server. Exit code 1 on any error.

    .stack/venv/bin/python tools/loadtest.py --duration 120 [--db pcve_load] [--port 8070]
"""

import argparse
import math
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
# Odoo's package launcher with the venv's Python (tools/odoo.sh), never
# running Odoo as a module (-m), and the local configuration written by tools/setup.sh.
ODOO = ("bash", str(ROOT / "tools" / "odoo.sh"))
CONF = ROOT / ".stack" / "odoo.conf"
SUITE = "pcve_partners,pcve_casework,pcve_safespaces,pcve_evaluation"
REPORT = "pcve_evaluation.evaluation_workbook"
TIMEOUT = 60
INSTALLED = (
    "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN "
    "('pcve_partners','pcve_casework','pcve_safespaces','pcve_evaluation')"
)
CASE_LIST = {
    "name": {},
    "subject_pseudonym": {},
    "stage": {},
    "concern_type": {},
    "lead_user_id": {"fields": {"display_name": {}}},
    "next_meeting_date": {},
}
CASE_FORM = {
    **CASE_LIST,
    "signal_source": {},
    "signal_date": {},
    "team_summary": {},
    "member_ids": {"fields": {"user_id": {"fields": {"display_name": {}}}, "role": {}}},
    "plan_item_ids": {"fields": {"description": {}, "deadline": {}}},
}


def say(message):
    print(f"[loadtest] {message}", flush=True)


class Stats:
    """Thread-safe latency and error counts per kind of request."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.errors = defaultdict(int)
        self.samples = []

    def add(self, kind, seconds, error=None):
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{kind}: {error}")

    def report(self, elapsed):
        total = sum(len(v) for v in self.latencies.values())
        errors = sum(self.errors.values())
        lines = [
            f"{'kind':<18} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
        ]
        for kind in sorted(self.latencies):
            values = sorted(self.latencies[kind])
            lines.append(
                f"{kind:<18} {len(values):>8} {self.errors[kind]:>6} "
                f"{_pct(values, 50):>8.0f} {_pct(values, 95):>8.0f} {values[-1] * 1000:>8.0f}"
            )
        everything = sorted(v for values in self.latencies.values() for v in values)
        lines.append(
            f"{'all':<18} {total:>8} {errors:>6} {_pct(everything, 50):>8.0f} "
            f"{_pct(everything, 95):>8.0f} {(everything[-1] if everything else 0) * 1000:>8.0f}"
        )
        lines.append(f"{total / elapsed:.1f} requests/s over {elapsed:.0f} s")
        return total, errors, _pct(everything, 95), "\n".join(lines)


def _pct(values, percent):
    """Nearest-rank percentile, in milliseconds."""
    if not values:
        return 0.0
    rank = max(0, math.ceil(percent / 100 * len(values)) - 1)
    return values[rank] * 1000


class Client:
    """One demo user's web session (cookie) on the server."""

    def __init__(self, base, db, login, stats):
        self.base, self.db, self.login, self.stats = base, db, login, stats
        self.http = requests.Session()
        self.uid = None
        self.ids = 0

    def _post(self, path, params):
        self.ids += 1
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": self.ids}
        response = self.http.post(self.base + path, json=payload, timeout=TIMEOUT)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code} on {path}")
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            raise RuntimeError(
                f"{data.get('name', 'error')}: {data.get('message', body['error'])}"[
                    :300
                ]
            )
        return body["result"]

    def authenticate(self):
        result = self._post(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": self.login},
        )
        self.uid = result["uid"]
        if not self.uid:
            raise RuntimeError(f"{self.login} could not log in")

    def call(self, model, method, *args, **kwargs):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def timed(self, kind, func, *args, **kwargs):
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except (requests.RequestException, RuntimeError, ValueError) as error:
            self.stats.add(kind, time.perf_counter() - start, error=str(error))
            return None
        self.stats.add(kind, time.perf_counter() - start)
        return result


# ------------------------------------------------------------------ workloads
def case_worker(client):
    cases = client.timed(
        "case_list",
        client.call,
        "pcve.case",
        "web_search_read",
        [],
        CASE_LIST,
        limit=80,
    )
    if cases and cases["records"]:
        case = random.choice(cases["records"])
        client.timed(
            "case_open", client.call, "pcve.case", "web_read", [case["id"]], CASE_FORM
        )


def organiser(client, created):
    start = datetime(2031, 1, 1, 18, 0) + timedelta(hours=random.randint(0, 24 * 365))
    session_id = client.timed(
        "session_create",
        client.call,
        "pcve.safespace.session",
        "create",
        {
            "name": f"Load test dialogue {len(created) + 1}",
            "start": start.strftime("%Y-%m-%d %H:%M:%S"),
            "confidential": False,
            "format": "dialogue_circle",
        },
    )
    if session_id:
        created.append(session_id)


def evaluator(client, review_id):
    def export():
        response = client.http.get(
            f"{client.base}/report/xlsx/{REPORT}/{review_id}", timeout=TIMEOUT
        )
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code} on the workbook")
        if not response.content.startswith(b"PK"):
            raise RuntimeError("the workbook is not an xlsx file")

    client.timed("workbook_export", export)


def partners_manager(client):
    client.timed(
        "assessment_list",
        client.call,
        "pcve.partner.assessment",
        "web_search_read",
        [],
        {"name": {}, "partner_id": {"fields": {"display_name": {}}}, "state": {}},
        limit=80,
    )
    client.timed(
        "audit_trail",
        client.call,
        "auditlog.log",
        "web_search_read",
        [("pcve_reader_group_id", "!=", False)],
        {
            "create_date": {},
            "user_id": {"fields": {"display_name": {}}},
            "method": {},
            "name": {},
        },
        limit=80,
    )


# ------------------------------------------------------------------ server
def free_port():
    """A port nobody listens on, for the gevent server the load does not use."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_free(port):
    with socket.socket() as sock:
        # as Odoo binds: a port left in TIME_WAIT by the test server is free
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def ensure_database(db, log):
    check = subprocess.run(
        [
            "psql",
            "-d",
            db,
            "-tAc",
            INSTALLED,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if check.stdout.strip() == "4":
        say(f"reusing database {db}")
        return
    say(f"installing the suite with demo data into database {db} (about a minute)")
    with log.open("a") as handle:
        done = subprocess.run(
            [
                *ODOO,
                "-c",
                str(CONF),
                "-d",
                db,
                "-i",
                SUITE,
                "--with-demo",
                "--stop-after-init",
                "--max-cron-threads=0",
                "--log-level=warn",
            ],
            cwd=ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode:
        raise SystemExit(f"[loadtest] ERROR: installing the suite failed (see {log})")


def start_server(args, log, extra=()):
    """Start Odoo on ``args.db``; ``extra`` options come last and win."""
    command = [
        *ODOO,
        "-c",
        str(CONF),
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        f"--http-port={args.port}",
        f"--gevent-port={args.gevent_port}",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--log-level=warn",
        *extra,
    ]
    handle = log.open("a")
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"[loadtest] ERROR: the server stopped at start (see {log})"
            )
        try:
            if requests.get(f"{base}/web/health", timeout=2).status_code == 200:
                return server, base
        except requests.RequestException:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit(
        f"[loadtest] ERROR: the server did not answer within 90 s (see {log})"
    )


def stop_server(server):
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def server_errors(log, offset):
    with log.open(errors="replace") as handle:
        handle.seek(offset)
        return [
            line.rstrip()
            for line in handle
            if " ERROR " in line or " CRITICAL " in line
        ]


# ------------------------------------------------------------------ main
def run(args, base, stats):
    """The workload against ``base``, or spread round-robin over several bases."""
    bases = [base] if isinstance(base, str) else list(base)
    logins = {
        "caseworker": case_worker,
        "volunteer": case_worker,
        "psychologist": case_worker,
        "organiser": organiser,
        "evaluator": evaluator,
        "pcvemanager": partners_manager,
    }
    # who plays each demo user (password = login): the demo users themselves
    # unless ``args.accounts`` names others (the national data set's users)
    accounts = getattr(args, "accounts", None) or {}
    clients = {}
    for index, login in enumerate(logins):
        account = accounts.get(login, login)
        client = Client(bases[index % len(bases)], args.db, account, Stats())
        client.authenticate()
        clients[login] = client
    reviews = clients["evaluator"].call(
        "pcve.evaluation.review", "search", [], order="state, id", limit=1
    )
    if not reviews:
        raise SystemExit("[loadtest] ERROR: no evaluation review in the demo data")
    created = []
    extra = {"organiser": (created,), "evaluator": (reviews[0],)}
    # warm-up, not measured: every worker loads the registry once
    for login, work in logins.items():
        work(clients[login], *extra.get(login, ()))
    for login, client in clients.items():
        if client.stats.errors:
            raise SystemExit(
                f"[loadtest] ERROR: warm-up failed for {login}: {client.stats.samples}"
            )
        client.stats = stats
    warm_up_sessions = len(created)

    stop_at = time.monotonic() + args.duration

    def loop(login):
        client, work = clients[login], logins[login]
        while time.monotonic() < stop_at:
            work(client, *extra.get(login, ()))
            if args.think:
                time.sleep(random.uniform(0, 2 * args.think))

    threads = [
        threading.Thread(target=loop, args=(login,), daemon=True) for login in logins
    ]
    started = time.monotonic()
    say(
        f"{len(threads)} users for {args.duration:.0f} s against "
        f"{', '.join(bases)} ({args.workers} workers)"
    )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.duration + TIMEOUT + 5)
    elapsed = time.monotonic() - started
    if created:
        clients["organiser"].call("pcve.safespace.session", "unlink", created)
    return elapsed, len(created) - warm_up_sessions


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=float, default=60, help="seconds of load (default 60)"
    )
    parser.add_argument("--db", default=os.environ.get("PCVE_LOAD_DB", "pcve_load"))
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PCVE_LOAD_PORT", "8070")),
        help="HTTP port (default 8070); the gevent server gets a free port",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--think",
        type=float,
        default=0.1,
        help="mean pause of a user between two actions, in seconds",
    )
    args = parser.parse_args()

    if not port_free(args.port):
        raise SystemExit(
            f"[loadtest] ERROR: port {args.port} is in use; choose another with --port"
        )
    if not CONF.exists():
        raise SystemExit(f"[loadtest] ERROR: {CONF} is missing: run make setup")
    args.gevent_port = free_port()
    log = ROOT / ".stack" / f"loadtest-{args.db}.log"
    ensure_database(args.db, log)
    offset = log.stat().st_size if log.exists() else 0
    stats = Stats()
    server, base = start_server(args, log)
    try:
        elapsed, sessions = run(args, base, stats)
    finally:
        stop_server(server)
    total, errors, p95, table = stats.report(elapsed)
    print(table)
    say(f"{sessions} sessions created (and deleted again)")
    for sample in stats.samples:
        say(f"error: {sample}")
    logged = server_errors(log, offset)
    for line in logged[:10]:
        say(f"server log: {line}")
    errors += len(logged)
    say(f"{total} requests, {errors} errors, p95 {p95:.0f} ms (server log: {log})")
    return 1 if errors or not total else 0


if __name__ == "__main__":
    sys.exit(main())

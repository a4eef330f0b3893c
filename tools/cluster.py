"""make cluster: the shape of a national deployment, on this machine's loopback.

Runs, all on 127.0.0.1, for a bounded time, and stops everything by itself:

- a streaming replica of the PostgreSQL server (a second cluster made with
  ``pg_basebackup -R`` in a temporary folder, its own port and socket);
- phase 1: one Odoo node (workers) without the replica, under the load test's
  mixed workload of demo users;
- phase 2: two Odoo nodes (workers, one cron thread each, the same data
  folder) with Odoo 19's ``db_replica_host``/``db_replica_port`` set to the
  replica; the same workload, its users spread round-robin over both nodes.

With ``--scale national`` the workload runs on a fresh copy of the national
data set (``bench_national``, made by bench/generate.py if absent, as
``make bench SCALE=national`` makes it), whose users play the demo users
(``NATIONAL_ACCOUNTS``); the copy is dropped at the end.

It reports requests per second, p50/p95 per kind and errors per phase, how
many transactions the replica served during phase 2 (its
``pg_stat_database`` counters), that each of the suite's scheduled actions
ran once although two nodes run cron threads (``ir_cron_progress``), that the
replica refuses writes, and that it holds what the primary holds once it has
caught up (nothing written lost). Exit code 1 on any error.

    .stack/venv/bin/python tools/cluster.py [--duration 60] [--scale demo|national]

Odoo is started through tools/odoo.sh (the package's launcher), never as a module.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import loadtest  # tools/loadtest.py: the workload, its users and its statistics

ROOT = Path(__file__).resolve().parent.parent
REPLICA_PORT = 5433
# What the primary and the replica must hold alike once the replica caught up.
COMPARED = (
    "pcve_case",
    "pcve_case_member",
    "pcve_partner_assessment",
    "pcve_safespace_session",
    "pcve_concern",
    "auditlog_log",
    "mail_message",
)
# Who plays the load test's demo users on the national data set (password =
# login): the benchmark's users where one fits, generated users of the first
# municipality, and a partners manager made for the run.
NATIONAL_ACCOUNTS = {
    "caseworker": "bench_worker",
    "volunteer": "c01.volunteer001",
    "psychologist": "c01.case_worker001",
    "organiser": "bench_organiser",
    "evaluator": "bench_evaluator",
    "pcvemanager": "cluster_manager",
}
# Run in `odoo shell` on the copy: the generated users get their login as
# password (they have none), and the partners manager is made.
PREPARE = """
Users = env["res.users"].with_context(no_reset_password=True)
for login in ("c01.volunteer001", "c01.case_worker001"):
    user = Users.search([("login", "=", login)])
    assert user, login
    user.password = login
Users.create({
    "name": "Cluster Manager",
    "login": "cluster_manager",
    "password": "cluster_manager",
    "group_ids": [(6, 0, [env.ref("pcve_partners.group_pcve_manager").id])],
})
env.cr.commit()
print("PREPARED")
"""


def say(message):
    print(f"[cluster] {message}", flush=True)


def as_postgres(*command, **kwargs):
    """Run a PostgreSQL command as the postgres system user."""
    runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(
        [*runner, *command], check=True, text=True, capture_output=True, **kwargs
    )


def psql(db, sql, host=None, port=None):
    """One value (or rows, tab-separated) from ``sql`` on ``db``."""
    command = ["psql", "-d", db, "-tAX", "-c", sql]
    if host:
        command += ["-h", host, "-p", str(port)]
    return subprocess.run(
        command, check=True, text=True, capture_output=True
    ).stdout.strip()


def pg_bin(name):
    version = psql("postgres", "SHOW server_version_num")[:2]
    return f"/usr/lib/postgresql/{version}/bin/{name}"


class Replica:
    """A streaming replica of the local PostgreSQL server, in a temporary folder."""

    def __init__(self):
        self.home = Path(tempfile.mkdtemp(prefix="pcve-replica-"))
        shutil.chown(self.home, "postgres", "postgres")
        self.data = self.home / "data"
        self.socket = str(self.home)
        self.port = REPLICA_PORT

    def start(self):
        say(f"making the replica with pg_basebackup in {self.data}")
        as_postgres(
            pg_bin("pg_basebackup"),
            "-D",
            str(self.data),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        config_dir = Path(psql("postgres", "SHOW config_file")).parent
        for name in ("pg_hba.conf", "pg_ident.conf"):
            shutil.copy(config_dir / name, self.data / name)
        (self.data / "postgresql.conf").write_text(
            f"port = {self.port}\n"
            f"unix_socket_directories = '{self.socket}'\n"
            "listen_addresses = ''\n"
            "hot_standby = on\n"
            "max_connections = 200\n"
        )
        for path in self.data.rglob("*"):
            shutil.chown(path, "postgres", "postgres")
        as_postgres(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.home / "replica.log"),
            "-w",
            "-t",
            "300",
            "start",
        )
        if (
            psql("postgres", "SELECT pg_is_in_recovery()", self.socket, self.port)
            != "t"
        ):
            raise SystemExit("[cluster] ERROR: the replica is not in recovery")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            as_postgres(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        shutil.rmtree(self.home, ignore_errors=True)

    def transactions(self, db):
        return int(
            psql(
                "postgres",
                "SELECT xact_commit + xact_rollback FROM pg_stat_database "
                f"WHERE datname = '{db}'",
                self.socket,
                self.port,
            )
        )

    def wait_caught_up(self, timeout=600):
        """Wait until the replica replayed everything the primary flushed so far
        (the replica copies the whole server: other databases' writes count)."""
        target = psql("postgres", "SELECT pg_current_wal_flush_lsn()")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            behind = psql(
                "postgres",
                f"SELECT pg_wal_lsn_diff('{target}', pg_last_wal_replay_lsn()) > 0",
                self.socket,
                self.port,
            )
            if behind == "f":
                return
            time.sleep(0.5)
        raise SystemExit(
            f"[cluster] ERROR: the replica did not catch up in {timeout} s"
        )


class Node:
    """One Odoo node in worker mode, started through tools/odoo.sh."""

    def __init__(self, name, db, replica=None, crons=0, workers=2):
        self.name, self.db = name, db
        self.port, self.gevent_port = loadtest.free_port(), loadtest.free_port()
        self.log = ROOT / ".stack" / f"cluster-{name}.log"
        self.options = [
            f"--workers={workers}",
            f"--max-cron-threads={crons}",
            "--log-level=info",
            f"--gevent-port={self.gevent_port}",
        ]
        if replica:
            self.options += [
                f"--db_replica_host={replica.socket}",
                f"--db_replica_port={replica.port}",
            ]
        self.server = None
        self.base = None

    def start(self):
        self.log.unlink(missing_ok=True)
        args = argparse.Namespace(
            db=self.db, port=self.port, gevent_port=self.gevent_port, workers=0
        )
        self.server, self.base = loadtest.start_server(
            args, self.log, extra=self.options
        )
        say(f"{self.name} answers on {self.base} ({' '.join(self.options)})")

    def stop(self):
        if self.server:
            loadtest.stop_server(self.server)

    def errors(self):
        return loadtest.server_errors(self.log, 0)


def national_copy(db, seed):
    """``db``: a fresh copy of bench_national (generated first if absent) with
    the accounts of NATIONAL_ACCOUNTS."""
    sys.path.insert(0, str(ROOT / "bench"))
    import run as bench  # bench/run.py, only for this scale

    bench.ensure_database("national", seed)
    say(f"copying bench_national into {db}")
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(["createdb", "-T", "bench_national", db], check=True)
    shell = subprocess.run(
        [*loadtest.ODOO, "shell", "-c", str(loadtest.CONF), "-d", db]
        + ["--no-http", "--log-level=warn"],
        input=PREPARE,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if "PREPARED" not in shell.stdout:
        raise SystemExit(f"[cluster] ERROR: preparing {db}:\n{shell.stderr[-2000:]}")


def suite_crons(db):
    return psql(
        db,
        "SELECT c.id FROM ir_cron c JOIN ir_act_server a ON a.id = c.ir_actions_server_id "
        "JOIN ir_model m ON m.id = a.model_id "
        "WHERE c.active AND m.model LIKE 'pcve.%' ORDER BY c.id",
    ).split()


ACCOUNTS = {}  # NATIONAL_ACCOUNTS with --scale national


def load(label, db, bases, duration):
    """One phase of the workload against ``bases``; (report lines, errors, rps)."""
    stats = loadtest.Stats()
    args = argparse.Namespace(
        db=db, duration=duration, think=0.1, workers=2, accounts=ACCOUNTS
    )
    elapsed, sessions = loadtest.run(args, bases, stats)
    total, errors, p95, table = stats.report(elapsed)
    say(f"{label}: {total} requests, {errors} errors, p95 {p95:.0f} ms")
    print(table, flush=True)
    for sample in stats.samples:
        say(f"error: {sample}")
    return errors, total / elapsed, sessions


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--scale", choices=("demo", "national"), default="demo")
    parser.add_argument("--seed", type=int, default=8, help="of the national data set")
    args = parser.parse_args()
    if not (ROOT / ".stack" / "odoo.conf").exists():
        raise SystemExit("[cluster] ERROR: .stack/odoo.conf is missing: run make setup")
    if args.scale == "national":
        args.db = "pcve_cluster_national"
        national_copy(args.db, args.seed)
        ACCOUNTS.update(NATIONAL_ACCOUNTS)
    else:
        args.db = "pcve_cluster"
        loadtest.ensure_database(args.db, ROOT / ".stack" / f"cluster-{args.db}.log")
    errors = 0
    replica = Replica()
    nodes = []
    try:
        # phase 1: one node, no replica
        single = Node("single", args.db)
        nodes.append(single)
        single.start()
        e1, rps1, _ = load("1 node", args.db, [single.base], args.duration)
        single.stop()
        errors += e1 + len(single.errors())

        # phase 2: two nodes with cron threads, reads on the replica
        replica.start()
        crons = suite_crons(args.db)
        psql(
            args.db,
            "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' "
            f"WHERE id IN ({','.join(crons)})",
        )
        started = psql(args.db, "SELECT now() AT TIME ZONE 'UTC'")
        pair = [Node(f"node{i}", args.db, replica, crons=1) for i in (1, 2)]
        nodes += pair
        for node in pair:
            node.start()
        before = replica.transactions(args.db)
        e2, rps2, sessions = load(
            "2 nodes + replica", args.db, [node.base for node in pair], args.duration
        )
        served = replica.transactions(args.db) - before
        errors += e2

        # each scheduled action once, whichever node took it
        deadline = time.monotonic() + 120
        runs = {}
        while time.monotonic() < deadline:
            rows = psql(
                args.db,
                "SELECT cron_id, count(*) FROM ir_cron_progress "
                f"WHERE create_date >= '{started}' AND cron_id IN ({','.join(crons)}) "
                "GROUP BY cron_id",
            )
            runs = dict(line.split("|") for line in rows.splitlines())
            if len(runs) == len(crons):
                break
            time.sleep(2)
        for node in pair:
            node.stop()
            for line in node.errors()[:10]:
                say(f"{node.name} log: {line}")
            errors += len(node.errors())
        wrong = {cron: runs.get(cron, "0") for cron in crons if runs.get(cron) != "1"}
        if wrong:
            say(f"ERROR: scheduled actions not run exactly once: {wrong}")
            errors += len(wrong)

        # the replica refuses writes and holds what the primary holds
        refused = subprocess.run(
            [
                "psql",
                "-d",
                args.db,
                "-h",
                replica.socket,
                "-p",
                str(replica.port),
                "-c",
                "UPDATE res_users SET write_date = now() WHERE id = 1",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if "read-only transaction" not in refused.stderr:
            say(f"ERROR: the replica took a write: {refused.stdout}{refused.stderr}")
            errors += 1
        replica.wait_caught_up()
        for table in COMPARED:
            sql = f"SELECT count(*) FROM {table}"
            primary = psql(args.db, sql)
            copy = psql(args.db, sql, replica.socket, replica.port)
            if primary != copy:
                say(
                    f"ERROR: {table}: {primary} rows on the primary, {copy} on the replica"
                )
                errors += 1
        say(
            f"1 node: {rps1:.1f} requests/s; 2 nodes + replica: {rps2:.1f} requests/s; "
            f"the replica served {served} transactions during phase 2; "
            f"{len(crons)} scheduled actions ran once each; "
            f"{sessions} sessions created and deleted; the replica refused a write "
            f"and matches the primary on {len(COMPARED)} tables"
        )
        if not served:
            say("ERROR: no read went to the replica")
            errors += 1
    finally:
        for node in nodes:
            node.stop()
        replica.stop()
        if args.scale == "national":
            subprocess.run(["dropdb", "--if-exists", args.db], check=False)
    say(f"{errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

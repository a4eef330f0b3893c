"""Case reads per second from concurrent external-API (XML-RPC) clients
against a multi-worker Odoo started for the measurement and stopped after."""

import multiprocessing
import random
import signal
import socket
import subprocess
import time
import urllib.request
import xmlrpc.client

from generate import CONF, ODOO, ROOT

READ_FIELDS = [
    "name",
    "subject_pseudonym",
    "signal_date",
    "signal_source",
    "concern_type",
    "lead_user_id",
    "stage",
]


def port_free(port):
    with socket.socket() as probe:
        # as Odoo binds: a port left in TIME_WAIT by a previous run is free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db, port, workers, log):
    """Odoo with ``workers`` workers on ``port`` (its gevent server on a free port)."""
    gevent_port = free_port()
    for used in (port, gevent_port):
        if not port_free(used):
            raise RuntimeError(f"port {used} is in use")
    handle = open(log, "w")  # noqa: SIM115 (closed by stop_server)
    process = subprocess.Popen(
        [*ODOO, "-c", CONF, "-d", db]
        + ["--db-filter", f"^{db}$", "--http-port", str(port)]
        + ["--gevent-port", str(gevent_port), "--workers", str(workers)]
        + ["--max-cron-threads=0", "--log-level=warn", "--limit-time-real=600"],
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    process.log_handle = handle
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (log: {log})")
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/web/health", timeout=2
            ):
                return process
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    raise RuntimeError(f"the server did not answer within 120 s (log: {log})")


def stop_server(process):
    """Stop the server started above (its own pid only)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.log_handle.close()


def _client(args):
    port, db, login, password, case_ids, start_at, stop_at, seed = args
    rnd = random.Random(seed)
    common = xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(
        f"http://127.0.0.1:{port}/xmlrpc/2/object", allow_none=True
    )
    uid = common.authenticate(db, login, password, {})
    # warm up this client's connection path and the worker's caches
    for _ in range(3):
        models.execute_kw(
            db, uid, password, "pcve.case", "read", [[rnd.choice(case_ids)]],
            {"fields": READ_FIELDS},
        )  # fmt: skip
    while time.time() < start_at:
        time.sleep(0.01)
    reads = errors = 0
    latencies = []
    while True:
        begin = time.time()
        if begin >= stop_at:
            break
        try:
            models.execute_kw(
                db, uid, password, "pcve.case", "read", [[rnd.choice(case_ids)]],
                {"fields": READ_FIELDS},
            )  # fmt: skip
        except (xmlrpc.client.Error, OSError):
            errors += 1
            continue
        end = time.time()
        if end <= stop_at:
            reads += 1
            latencies.append(end - begin)
    return reads, errors, latencies


def throughput(db, port, login, password, case_ids, clients=4, seconds=20):
    """Reads per second of ``clients`` processes reading one case per call."""
    start_at = time.time() + 5
    stop_at = start_at + seconds
    with multiprocessing.Pool(clients) as pool:
        results = pool.map(
            _client,
            [
                (port, db, login, password, case_ids, start_at, stop_at, seed)
                for seed in range(clients)
            ],
        )
    reads = sum(result[0] for result in results)
    errors = sum(result[1] for result in results)
    latencies = sorted(lat for result in results for lat in result[2])
    return {
        "reads_per_second": round(reads / seconds, 1),
        "reads": reads,
        "errors": errors,
        "seconds": seconds,
        "clients": clients,
        "median_latency_ms": round(latencies[len(latencies) // 2] * 1000, 1)
        if latencies
        else None,
    }

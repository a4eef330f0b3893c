"""Peak memory growth of a fresh process while it generates one evaluation
workbook (run by bench/run.py in a subprocess; prints one JSON line).

    .stack/venv/bin/python bench/peak_memory.py <database> <own|largest|national>
"""

import json
import os
import pathlib
import resource
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


class Sampler(threading.Thread):
    """Reads the resident set size every millisecond and keeps the highest."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = rss()
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss())
            time.sleep(0.001)


def main(db, which):
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT / "bench"))
    import generate
    import measure

    marker = json.loads(
        generate.subprocess.run(
            ["psql", "-d", db, "-tAc", f"SELECT value FROM ir_config_parameter WHERE key = '{generate.MARKER_KEY}'"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )  # fmt: skip
    database = measure.Database(generate.open_registry(db), marker)
    if which == "national":
        call, _count = measure.workbook_national_call(database)
    else:
        call = measure.workbook_call(database, which)
    baseline = rss()
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    sampler = Sampler()
    sampler.start()
    begin = time.perf_counter()
    content = call()
    if isinstance(content, list):  # the national scope's workbooks
        content = b"".join(content)
    seconds = time.perf_counter() - begin
    sampler.running = False
    sampler.join()
    maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    peak = max(sampler.peak, maxrss_after if maxrss_after > maxrss_before else 0)
    database.close()
    print(
        json.dumps(
            {
                "baseline_mb": round(baseline / 2**20, 1),
                "peak_mb": round(peak / 2**20, 1),
                "growth_mb": round((peak - baseline) / 2**20, 1),
                "seconds": round(seconds, 2),
                "bytes": len(content),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

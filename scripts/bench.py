"""Benchmark the case-study finder: `make bench`.

For N demo case studies (default 10,000) on SQLite and on PostgreSQL, it builds a separate
database (never the development one), analyses it (`ANALYZE`, as a database in service is),
starts gunicorn with DEBUG off on 127.0.0.1, and times sequential HTTP requests over many
distinct URLs (so no cache of whole pages could help): the finder with no filter, with two
facets and with words, the evidence map and the full CSV and JSON exports. Every figure is also
printed as a multiple of the floor, the median of `/robots.txt` (the cheapest response the same
server gives) measured through the same run, so that runs on a loaded machine compare; the
table shows each target and whether it is met. After the exports it prints the gunicorn
workers' peak memory during them (VmHWM), which streaming keeps flat in N. Timings are
recorded in docs/performance.md; tests never assert them.

    .venv/bin/python scripts/bench.py [--n 10000] [--backend sqlite|postgres|both] [--reuse]
                                      [--compare]

BENCH_SQLITE_FILE and BENCH_POSTGRES_URL name the databases; --reuse keeps one that already
holds exactly N demo case studies (it is still migrated and analysed). The finder's counts come
from its bitset index (the workers share the content version through Redis, BENCH_REDIS_URL);
--compare times the finder and the evidence map again in the same run with the counts from
SQL, as before the index.
"""

import argparse
import contextlib
import functools
import itertools
import json
import os
import random
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SQLITE_FILE = Path(os.environ.get("BENCH_SQLITE_FILE", "/tmp/ahp-toolkit-bench.sqlite3"))
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/toolkit_bench"
)
PORT = 8765
PROFESSIONS = [
    "occupational-therapists", "dietitians", "physiotherapists", "art-therapists",
    "dramatherapists", "music-therapists", "speech-and-language-therapists", "paramedics",
    "chiropodists-podiatrists", "radiographers", "orthoptists", "osteopaths",
]  # fmt: skip
OUTCOMES = [
    "cost-saving", "positive-patient-outcome", "support-community-integration",
    "improve-and-support-mental-health-and-wellbeing", "practical-recommendations",
    "improve-and-establish-health-equity", "prevention-and-health-promotion",
]  # fmt: skip
WORDS = [
    "recovery",
    "community",
    "wellbeing",
    "therapy",
    "nutrition",
    "sensory",
    "creative",
    "housing",
    "crisis",
    "autism",
]


FLOOR = "floor: /robots.txt"
FLOOR_SAMPLES = 30  # before each row, so the floor follows the machine's load through the run
EXPORTS = ("CSV export, all", "JSON export, all")
# p95 as a multiple of the floor (issue 14, item 10), and absolute limits in ms (item 7).
TARGETS = {
    "sqlite": {
        "finder, no filter": 8,
        "finder, two facets": 8,
        "finder, words": 12,
        "evidence map": 6,
        "CSV export, all": 100,
    },
    "postgres": {"finder, no filter": 15, "finder, two facets": 15, "finder, words": 25,
                 "evidence map": 15},
}  # fmt: skip
LIMITS_MS = {("postgres", 100_000): {"CSV export, all": 3000}}


def scenarios(rng, n):
    """name -> distinct request paths."""
    pairs = list(itertools.product(PROFESSIONS, OUTCOMES))
    rng.shuffle(pairs)
    sorts = ["", "&sort=newest", "&sort=title"]
    exports = 15 if n <= 20_000 else 8
    return {
        "finder, no filter": [
            f"/case-studies/?page={page}{sort}" for page in range(1, 41) for sort in sorts
        ][:100],
        "finder, two facets": [
            f"/case-studies/?profession={p}&outcome={o}{sorts[i % 2]}"
            for i, (p, o) in enumerate(pairs * 2)
        ][:100],
        "finder, words": [
            f"/case-studies/?q={a}+{b}" if a != b else f"/case-studies/?q={a}"
            for a, b in itertools.product(WORDS, WORDS)
        ][:100],
        "evidence map": ["/case-studies/evidence-map/"] * 60,
        "CSV export, all": ["/case-studies/export.csv"] * exports,
        "JSON export, all": ["/case-studies/export.json"] * exports,
    }


def run(args, env, **kwargs):
    subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def demo_count(env):
    """How many demo case studies the database holds (None if it cannot be read)."""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", "from casestudies.models import CaseStudy; "
         "print(CaseStudy.objects.filter(slug__startswith='demo-').count())"],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    lines = output.stdout.strip().splitlines()
    return int(lines[-1]) if output.returncode == 0 and lines and lines[-1].isdigit() else None


def prepare(backend, n, env, reuse):
    manage = [PYTHON, "manage.py"]
    # First: with DEBUG off every other command's checks need the static files' manifest.
    run([*manage, "collectstatic", "--noinput", "-v0", "--skip-checks"], env)
    if reuse and demo_count(env) == n:
        print(f"\n== {backend}: reusing the database with {n:,} demo case studies", flush=True)
        run([*manage, "migrate", "--noinput", "-v0"], env)
    else:
        build(backend, n, env)
    started = time.perf_counter()
    analyse(backend)
    print(f"   analysed in {time.perf_counter() - started:.1f} s", flush=True)


def build(backend, n, env):
    print(f"\n== {backend}: building a database with {n:,} demo case studies", flush=True)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
    else:
        with postgres_admin() as cursor:
            name = POSTGRES_URL.rsplit("/", 1)[1]
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env)
    content = os.environ.get("BENCH_CONTENT_FILE")
    run([*manage, "load_toolkit", *(["--file", content] if content else [])], env)
    started = time.perf_counter()
    run([*manage, "generate_demo_content", "--case-studies", str(n)], env)
    print(f"   generated in {time.perf_counter() - started:.0f} s", flush=True)


@contextlib.contextmanager
def postgres_admin(database="postgres"):
    import psycopg2

    connection = psycopg2.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/" + database)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def analyse(backend):
    """Statistics for the planner, as a database in service has them."""
    if backend == "sqlite":
        connection = sqlite3.connect(SQLITE_FILE)
        connection.execute("ANALYZE")
        connection.execute("PRAGMA optimize")
        connection.close()
    else:
        with postgres_admin(POSTGRES_URL.rsplit("/", 1)[1]) as cursor:
            cursor.execute("VACUUM ANALYZE")


QUERY_COUNTER = """
import json, sys, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for name, path in json.loads(sys.argv[1]).items():
    client.get(path).getvalue()  # the steady state: per-process indexes built
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
        response.getvalue()  # a streamed export runs its row query as it is read
    counts[name] = len(queries)
print(json.dumps(counts))
"""


def query_counts(plan, env):
    first = {name: paths[0] for name, paths in plan.items()} | {FLOOR: "/robots.txt"}
    output = subprocess.run(
        [PYTHON, "-c", QUERY_COUNTER, json.dumps(first)],
        env={**env, "DJANGO_SETTINGS_MODULE": "toolkit.settings"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - started) * 1000


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            fetch(url)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer at {url}")


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def workers(master):
    """The gunicorn master's worker processes."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def memory_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def reset_peak(pid):
    """Start VmHWM again from the current RSS (Linux: clear_refs 5); False if not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def processes(master, backend):
    return workers(master) + database_backends(backend)


def database_backends(backend):
    """PostgreSQL's server processes for the bench database (the workers' connections)."""
    if backend != "postgres":
        return []
    with postgres_admin() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [POSTGRES_URL.rsplit("/", 1)[1]],
        )
        return [pid for (pid,) in cursor.fetchall()]


def cpu_ns(pids):
    """CPU time the processes have run (all their threads), in ns: /proc/<pid>/schedstat."""
    total = 0
    for pid in pids:
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):  # a connection closed meanwhile
            pass
    return total


def timed(base, paths, pids):
    """Each request's round trip in ms, and the workers' CPU ms per request."""
    started = cpu_ns(pids)
    timings = [fetch(base + path) for path in paths]
    return timings, (cpu_ns(pids) - started) / 1e6 / len(paths)


def measure(base, paths, processes, floor):
    for path in paths[:3]:  # warm both workers
        fetch(base + path)
    pids = processes()  # after the warm-up: the database connections are open
    floor.append(timed(base, ["/robots.txt"] * FLOOR_SAMPLES, pids))
    return timed(base, paths, pids)


COMPARED = ("finder, no filter", "finder, two facets", "finder, words", "evidence map")


def bench(backend, n, env, reuse, compare):
    prepare(backend, n, env, reuse)
    plan = scenarios(random.Random(4), n)
    variants = {"bitset index (current)": {}}
    if compare:  # the same run, the counts from SQL as before the index
        variants["SQL counts (before)"] = {"DJANGO_FINDER_BITINDEX": "off"}
    for variant, extra in variants.items():
        chosen = plan if not extra else {k: v for k, v in plan.items() if k in COMPARED}
        serve(backend, n, {**env, **extra}, chosen, variant)


def serve(backend, n, env, plan, variant):
    counts = query_counts(plan, env)
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
    load_before = os.getloadavg()
    server = subprocess.Popen(
        [gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{PORT}", "toolkit.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{PORT}"
    timings, cpu, floor, memory = {}, {}, [], {}
    try:
        wait_for(base + "/healthz")
        for _ in range(20):
            fetch(base + "/robots.txt")
        for name, paths in plan.items():
            pids = functools.partial(processes, server.pid, backend)
            if name == EXPORTS[0]:
                memory["before"] = max(memory_kb(pid, "VmRSS") for pid in workers(server.pid))
                memory["peak before"] = max(memory_kb(pid, "VmHWM") for pid in workers(server.pid))
            if name in EXPORTS:
                resets = [reset_peak(pid) for pid in workers(server.pid)]
                memory["reset"] = memory.get("reset", True) and all(resets)
            timings[name], cpu[name] = measure(base, paths, pids, floor)
            if name in EXPORTS:
                memory[name] = max(memory_kb(pid, "VmHWM") for pid in workers(server.pid))
        floor.append(timed(base, ["/robots.txt"] * FLOOR_SAMPLES, pids()))
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    load_after = os.getloadavg()
    timings = {FLOOR: [t for part, _ in floor for t in part], **timings}
    cpu = {FLOOR: statistics.mean(c for _, c in floor), **cpu}
    loads = (load_before, load_after)
    title = f"{backend}, N = {n:,}, {variant}"
    report(title, backend, n, timings, cpu, plan, counts, memory, loads)
    return timings


def report(title, backend, n, timings, cpu, plan, counts, memory, loads):
    floor = statistics.median(timings[FLOOR])
    targets = TARGETS[backend]
    limits = LIMITS_MS.get((backend, n), {})
    before, after = (" ".join(f"{x:.2f}" for x in load) for load in loads)
    print(
        f"\n{title}: sequential requests to gunicorn, 2 workers, DEBUG off; "
        f"load average {before} before, {after} after; floor = median of /robots.txt "
        f"= {floor:.2f} ms ({len(timings[FLOOR])} requests through the run); CPU ms = the "
        f"workers' (and PostgreSQL backends') CPU time per request, less sensitive to the load "
        f"than the round trips; queries: the second request in a process"
    )
    print(
        f"{'what':22} {'median ms':>10} {'×floor':>7} {'p95 ms':>9} {'×floor':>7} "
        f"{'target (p95)':>14} {'result':>6} {'CPU ms':>7} {'×floor':>7} {'queries':>7} {'URLs':>5}"
    )
    met = total = 0
    for name, values in timings.items():
        median, high = statistics.median(values), p95(values)
        goals, passed = [], True
        if name in targets:
            goals.append(f"≤ {targets[name]}×")
            passed &= high <= targets[name] * floor
        if name in limits:
            goals.append(f"≤ {limits[name] / 1000:g} s")
            passed &= high <= limits[name]
        result = ("pass" if passed else "FAIL") if goals else ""
        met, total = met + (bool(goals) and passed), total + bool(goals)
        distinct = len(set(plan.get(name, ["/robots.txt"])))
        print(
            f"{name:22} {median:10.1f} {median / floor:7.1f} {high:9.1f} {high / floor:7.1f} "
            f"{', '.join(goals):>14} {result:>6} {cpu[name]:7.1f} {cpu[name] / cpu[FLOOR]:7.1f} "
            f"{counts[name]:7d} {distinct:5d}"
        )
    print(f"targets met: {met} of {total}")
    if not memory:
        return
    mb = 1024
    reset = "" if memory["reset"] else " (VmHWM could not be reset: peaks of the whole run)"
    peaks = ", ".join(f"{name} {memory[name] / mb:.0f} MB" for name in EXPORTS)
    print(
        f"server memory (largest gunicorn worker, VmHWM): RSS {memory['before'] / mb:.0f} MB "
        f"before the exports (peak so far {memory['peak before'] / mb:.0f} MB); "
        f"peak during {peaks}{reset}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database that holds N demo case studies"
    )
    parser.add_argument(
        "--compare", action="store_true", help="also time the finder with its counts from SQL"
    )
    options = parser.parse_args()
    development = os.environ.get("DATABASE_URL", "")
    if development and development in (POSTGRES_URL, f"sqlite:///{SQLITE_FILE}"):
        raise SystemExit("The bench database must not be the development one (DATABASE_URL).")
    common = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # the workers share the finder's content version through Redis, as in production
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
    }
    backends = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    for backend in backends:
        url = f"sqlite:///{SQLITE_FILE}" if backend == "sqlite" else POSTGRES_URL
        bench(backend, options.n, {**common, "DATABASE_URL": url}, options.reuse, options.compare)


if __name__ == "__main__":
    main()

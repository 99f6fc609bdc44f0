"""Benchmark the case-study finder: `make bench`.

For N demo case studies (default 10,000) on SQLite and on PostgreSQL, it builds a separate
database (never the development one), starts gunicorn with DEBUG off on 127.0.0.1, and times
sequential HTTP requests over many distinct URLs (so no cache of whole pages could help): the
finder with no filter, with two facets and with words, the full CSV export and the evidence
map. It prints median and p95 and the SQL query count of each. Timings are recorded in
docs/performance.md; tests never assert them.

    .venv/bin/python scripts/bench.py [--n 10000] [--backend sqlite|postgres|both]
"""

import argparse
import itertools
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SQLITE_FILE = Path("/tmp/ahp-toolkit-bench.sqlite3")
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


def scenarios(rng):
    """name -> distinct request paths."""
    pairs = list(itertools.product(PROFESSIONS, OUTCOMES))
    rng.shuffle(pairs)
    sorts = ["", "&sort=newest", "&sort=title"]
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
        "CSV export, all": ["/case-studies/export.csv"] * 15,
    }


def run(args, env, **kwargs):
    subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def prepare(backend, n, env):
    print(f"\n== {backend}: building a database with {n:,} demo case studies", flush=True)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
    else:
        import psycopg2

        name = POSTGRES_URL.rsplit("/", 1)[1]
        admin = psycopg2.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
    manage = [PYTHON, "manage.py"]
    # First: with DEBUG off every other command's checks need the static files' manifest.
    run([*manage, "collectstatic", "--noinput", "-v0", "--skip-checks"], env)
    run([*manage, "migrate", "--noinput", "-v0"], env)
    content = os.environ.get("BENCH_CONTENT_FILE")
    run([*manage, "load_toolkit", *(["--file", content] if content else [])], env)
    run([*manage, "generate_demo_content", "--case-studies", str(n)], env)


QUERY_COUNTER = """
import json, sys, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for name, path in json.loads(sys.argv[1]).items():
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    counts[name] = len(queries)
print(json.dumps(counts))
"""


def query_counts(plan, env):
    first = {name: paths[0] for name, paths in plan.items()}
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


def bench(backend, n, env):
    prepare(backend, n, env)
    plan = scenarios(random.Random(4))
    counts = query_counts(plan, env)
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{PORT}", "toolkit.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{PORT}"
    results = {}
    try:
        wait_for(base + "/healthz")
        for name, paths in plan.items():
            for path in paths[:5]:  # warm both workers
                fetch(base + path)
            timings = [fetch(base + path) for path in paths]
            results[name] = (statistics.median(timings), p95(timings), len(set(paths)))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"\n{backend}, N = {n:,} (sequential requests to gunicorn, 2 workers, DEBUG off)")
    print(f"{'what':24} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'distinct URLs':>14}")
    for name, (median, high, distinct) in results.items():
        print(f"{name:24} {median:10.1f} {high:8.1f} {counts[name]:8d} {distinct:14d}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    options = parser.parse_args()
    common = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    backends = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    for backend in backends:
        url = f"sqlite:///{SQLITE_FILE}" if backend == "sqlite" else POSTGRES_URL
        bench(backend, options.n, {**common, "DATABASE_URL": url})


if __name__ == "__main__":
    main()

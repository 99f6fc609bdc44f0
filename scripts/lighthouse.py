"""Run Lighthouse (offline, system Chromium) on the main page types and print the four scores.

Serves the site with gunicorn and production settings (DEBUG off, plain HTTP) on 127.0.0.1,
from the SQLite database that `make content` fills. Accessibility, best practices and SEO must
be 100; performance varies with machine load, so it is printed, not asserted.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("LIGHTHOUSE_PORT", "8765"))
PAGES = ["/", "/case-studies/", "/professions/occupational-therapists/"]
REQUIRED = {"accessibility": 100, "best-practices": 100, "seo": 100}
ATTEMPTS = 3
RETRIED_ERRORS = ("NO_NAVSTART", "NO_FCP", "NO_LCP", "PROTOCOL_TIMEOUT")


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def run_lighthouse(path):
    """Lighthouse's own trace recording sometimes fails on a loaded machine (NO_NAVSTART,
    NO_FCP): that says nothing about the page, so such a run is tried again, up to 3 times.
    Any other failure, or a third runtime error, stops the run."""
    for attempt in range(1, ATTEMPTS + 1):
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run(
                [
                    str(ROOT / "node_modules" / ".bin" / "lighthouse"),
                    f"http://127.0.0.1:{PORT}{path}",
                    "--quiet",
                    "--output=json",
                    "--output-path=stdout",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                    f"--disable-background-networking --user-data-dir={profile}",
                ],
                cwd=ROOT,
                env={
                    **os.environ,
                    "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                },
                capture_output=True,
                text=True,
                timeout=240,
            )
        if result.returncode == 0:
            code = (json.loads(result.stdout).get("runtimeError") or {}).get("code")
        else:
            code = next((c for c in RETRIED_ERRORS if c in result.stderr), None)
        if result.returncode == 0 and code not in RETRIED_ERRORS:
            return result
        if code in RETRIED_ERRORS and attempt < ATTEMPTS:
            print(f"  (Lighthouse's trace failed on {path} with {code}; trying again)")
            time.sleep(2)
            continue
        raise SystemExit(f"lighthouse failed on {path}:\n{result.stderr[-2000:]}")
    raise SystemExit(f"lighthouse failed on {path} {ATTEMPTS} times")


def main():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "lighthouse-" + "x" * 40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "toolkit.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    failures = []
    try:
        wait_for(f"http://127.0.0.1:{PORT}/healthz")
        print(f"{'page':45} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
        for path in PAGES:
            result = run_lighthouse(path)
            categories = json.loads(result.stdout)["categories"]
            scores = {key: round((value["score"] or 0) * 100) for key, value in categories.items()}
            print(
                f"{path:45} {scores['performance']:>5} {scores['accessibility']:>5} "
                f"{scores['best-practices']:>5} {scores['seo']:>5}"
            )
            for key, needed in REQUIRED.items():
                if scores[key] < needed:
                    audits = json.loads(result.stdout)["audits"]
                    refs = categories[key]["auditRefs"]
                    failing = [
                        r["id"]
                        for r in refs
                        if (audits[r["id"]].get("score") or 1) < 1 and r["weight"]
                    ]
                    failures.append(
                        f"{path}: {key} {scores[key]} < {needed} ({', '.join(failing)})"
                    )
    finally:
        server.terminate()
        server.wait(timeout=10)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()

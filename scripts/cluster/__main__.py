"""`make cluster`: two gunicorn app servers behind haproxy, sharing PostgreSQL and Redis, on
loopback. Runs the journeys (each request to the other server), then the fault drills under a
bounded wrk load, prints the counts and exits non-zero if any journey or drill failed.

PostgreSQL and Redis are private instances of the machine's servers, started here, because
the drills stop and restart them. Everything started is stopped at the end, whatever happens.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import drills
import journeys
from engines import ROOT, Gunicorn, HAProxy, PostgreSQL, Redis
from web import Browser


def say(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


class Cluster:
    def __init__(self, folder: Path):
        self.folder = folder
        self.postgres = PostgreSQL(folder)
        self.redis = Redis(folder)
        self.password = secrets.token_urlsafe(16)
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "GUNICORN_")) and k not in {"DATABASE_URL", "REDIS_URL"}
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="toolkit.settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_HTTPS="0",
            DJANGO_BEHIND_PROXY="1",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=self.postgres.url("toolkit_cluster"),
            REDIS_URL=f"redis://127.0.0.1:{self.redis.port}/0",
            DJANGO_STATIC_ROOT=str(folder / "static"),
            DJANGO_MEDIA_ROOT=str(folder / "media"),  # one folder: the shared volume
        )
        self.servers = [Gunicorn(name, folder, self.env) for name in ("a", "b")]
        self.lb = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.lb.port}"

    def manage(self, *args, **kwargs) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **kwargs},
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def up(self):
        say(f"PostgreSQL on 127.0.0.1:{self.postgres.port}, Redis on {self.redis.port}")
        self.postgres.init()
        self.postgres.create_database("toolkit_cluster")
        self.redis.start()
        say("migrate, load_toolkit, collectstatic")
        self.manage("migrate", "--no-input", "-v0")
        self.manage("load_toolkit")
        self.manage("collectstatic", "--no-input", "-v0")
        for username in ("cluster-admin", "cluster-locked"):
            self.manage(
                "createsuperuser",
                "--no-input",
                f"--username={username}",
                f"--email={username}@example.nhs.uk",
                DJANGO_SUPERUSER_PASSWORD=self.password,
            )
        error_page = self.manage(
            "shell",
            "-v0",
            "-c",
            "from django.template import loader; "
            "print(loader.get_template('toolkit/503.jinja').render({}), end='')",
        )
        for server in self.servers:
            server.start()
        self.lb = HAProxy(self.folder, self.servers, error_page)
        self.lb.start()
        for server in self.servers:
            self.lb.wait_until(server.name, "UP")
        say(
            f"haproxy on {self.base}: servers a ({self.servers[0].port}), b ({self.servers[1].port})"
        )

    def down(self):
        for stop in [self.lb.stop if self.lb else None, *[s.stop for s in self.servers]]:
            if stop:
                stop()
        self.redis.stop()
        if self.postgres.data.exists() and self.postgres.running():
            self.postgres.stop()


def run(results, name, step):
    say(name)
    try:
        outcome = step()
    except Exception as error:  # a journey or drill that breaks is a failed one, reported
        traceback.print_exc()
        outcome = {"passed": False, "error": f"{type(error).__name__}: {error}"}
    outcome.setdefault("passed", True)
    results[name] = outcome
    say(f"{name}: {'passed' if outcome['passed'] else 'FAILED'}")


def report(results):
    print("\n== Journeys (each request to the other server)")
    print(f"{'journey':40} {'requests':>8}  servers  result")
    for name, r in results.items():
        if name.startswith("journey"):
            servers = ",".join(r.get("servers", []))
            verdict = "passed" if r["passed"] else f"FAILED {r.get('error', '')}"
            print(f"{name[9:]:40} {r.get('requests', 0):>8}  {servers:7}  {verdict}")
    print("\n== Fault drills (probe: 2 clients; load: wrk -t1 -c4, finder page)")
    for name, r in results.items():
        if name.startswith("drill"):
            print(f"-- {name[7:]}: {'passed' if r['passed'] else 'FAILED'}")
            for key, value in r.items():
                if key == "wrk":
                    print(
                        f"   wrk: {value['requests']} requests, {value['non_2xx']} non-2xx, "
                        f"{value['socket_errors']} socket errors"
                    )
                elif key != "passed":
                    print(f"   {key}: {value}")
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores")


def main() -> int:
    for tool in ("haproxy", "wrk", "redis-server"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            print(f"{tool} is missing: apt-get install -y {tool}", file=sys.stderr)
            return 2
    folder = Path(tempfile.mkdtemp(prefix="toolkit-cluster-"))
    folder.chmod(0o755)  # PostgreSQL runs as its own user
    cluster = Cluster(folder)
    results = {}
    try:
        cluster.up()
        base, password = cluster.base, cluster.password
        run(
            results,
            "journey: admin sign-in, edit and publish",
            lambda: journeys.admin_edit_and_publish(base, "cluster-admin", password),
        )
        run(
            results,
            "journey: checklist save and clash",
            lambda: journeys.checklist_save_and_clash(base),
        )
        run(
            results,
            "journey: an image on the shared media folder",
            lambda: journeys.image_on_the_shared_volume(
                base, "cluster-admin", password, folder / "media"
            ),
        )
        run(
            results,
            "journey: five failed sign-ins lock both servers",
            lambda: journeys.lockout_on_both_servers(base, "cluster-locked", password),
        )

        def signed_in_admin():
            admin = Browser(base)
            journeys.sign_in(admin, "cluster-admin", password)
            return admin

        run(results, "drill: (a) app server b killed", lambda: drills.kill_one_server(cluster))
        run(results, "drill: (b) PostgreSQL restarted", lambda: drills.restart_postgresql(cluster))
        run(
            results,
            "drill: (c) Redis stopped",
            lambda: drills.stop_redis(cluster, signed_in_admin()),
        )
    finally:
        cluster.down()
    report(results)
    (folder / "results.json").write_text(json.dumps(results, indent=2, default=str))
    passed = all(r["passed"] for r in results.values()) and len(results) == 7
    if passed:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"\nLogs and results kept in {folder}", file=sys.stderr)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

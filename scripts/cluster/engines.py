"""The engines of the cluster, each a process of the harness's own on a loopback port:
PostgreSQL and Redis (the machine's installed servers, a private instance of each, because the
drills stop and restart them and other work on the machine uses the shared ones), two gunicorn
app servers and haproxy in front."""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds=30, process=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process {process.args[0]} exited ({process.returncode})")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} in {seconds} s")


def pg_bin(name) -> str:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not versions:
        raise RuntimeError("PostgreSQL is not installed (apt-get install -y postgresql)")
    return str(versions[-1] / name)


class PostgreSQL:
    """A PostgreSQL cluster in a folder of its own, trust auth on 127.0.0.1 only."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "pgdata"
        self.port = free_port()
        self.log = folder / "postgresql.log"
        # PostgreSQL will not run as root: as root, run it as the postgres user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *args, **kwargs):
        return subprocess.run([*self.as_user, *args], check=True, capture_output=True, **kwargs)

    def init(self):
        self.data.mkdir()
        if self.as_user:
            shutil.chown(self.data, "postgres")
            self.log.touch()
            shutil.chown(self.log, "postgres")
        self.run(pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust")
        self.start()

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        self.run(
            pg_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self):
        self.run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        status = subprocess.run(
            [*self.as_user, pg_bin("pg_ctl"), "-D", str(self.data), "status"], capture_output=True
        )
        return status.returncode == 0

    def url(self, database) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name):
        self.run(
            pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name
        )


class Redis:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(self.port)]
            + [
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=open(self.folder / "redis.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, process=self.process)

    def stop(self):
        """As an operator would: ``redis-cli shutdown nosave``."""
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"], capture_output=True
        )
        if self.process is not None:
            self.process.wait(10)
            self.process = None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class Gunicorn:
    """One app server: gunicorn with the project's config, in a process group of its own so
    that killing it kills its workers too."""

    def __init__(self, name, folder: Path, env: dict, workers=2):
        self.name, self.env, self.workers = name, env, workers
        self.port = free_port()
        self.log = folder / f"gunicorn-{name}.log"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py"]
            + ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
            + ["--control-socket", str(self.log.with_suffix(".ctl"))],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.log, "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port(self.port, process=self.process)

    def kill(self):
        """SIGKILL to the master and every worker: a server lost, not shut down."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


class HAProxy:
    """Round robin over the app servers, no stickiness; each is checked on /readyz every
    second and taken out after two failed checks. While none is in, haproxy answers with the
    site's own 503 page (errorfile)."""

    def __init__(self, folder: Path, servers, error_page: str):
        self.folder = folder
        self.port = free_port()
        self.socket = folder / "haproxy.sock"
        self.config = folder / "haproxy.cfg"
        self.servers = servers
        self.error_page = error_page
        self.process = None

    def write_config(self):
        errorfile = self.folder / "503.http"
        body = self.error_page.encode()
        head = (
            "HTTP/1.1 503 Service Unavailable\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "Retry-After: 30\r\n"
            "Cache-Control: no-cache, no-store, must-revalidate, private\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        errorfile.write_bytes(head.encode() + body)
        servers = "\n".join(f"    server {s.name} 127.0.0.1:{s.port} check" for s in self.servers)
        template = (HERE / "haproxy.cfg").read_text()
        self.config.write_text(
            template.replace("$socket", str(self.socket))
            .replace("$errorfile", str(errorfile))
            .replace("$port", str(self.port))
            .replace("$servers", servers)
        )

    def start(self):
        self.write_config()
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        subprocess.run([haproxy, "-c", "-q", "-f", str(self.config)], check=True)
        self.process = subprocess.Popen(
            [haproxy, "-f", str(self.config), "-db"],
            stdout=open(self.folder / "haproxy.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, process=self.process)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def states(self) -> dict:
        """Server name -> "UP", "DOWN", ... from haproxy's stats socket."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(2)
            sock.connect(str(self.socket))
            sock.sendall(b"show stat\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        lines = data.decode().splitlines()
        header = lines[0].lstrip("# ").split(",")
        states = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(","), strict=False))
            if row.get("pxname") == "app" and row.get("svname") not in {"BACKEND", "FRONTEND"}:
                states[row["svname"]] = row["status"]
        return states

    def wait_until(self, name, state, seconds=30) -> float:
        """Seconds until haproxy holds ``name`` in ``state`` (UP, DOWN)."""
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            if self.states().get(name) == state:  # not "UP 1/2": still going down
                return time.monotonic() - start
            time.sleep(0.1)
        raise RuntimeError(f"haproxy did not see {name} {state} in {seconds} s")

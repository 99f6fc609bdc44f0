"""Fault drills under load: a bounded wrk run for the load, and a probe of our own that
records when each request was answered and how, to tell failures before the fault was
handled from failures after it."""

import http.client
import re
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field

PATHS = ["/", "/case-studies/", "/case-studies/?outcome=cost-saving", "/professions/"]
PATHS += ["/checklist/", "/introduction/", "/careers/"]
UNAVAILABLE = "Sorry, the service is unavailable"


@dataclass
class Answer:
    at: float  # seconds since the drill started
    status: int  # 0: no HTTP answer (connection refused or reset)
    served_by: str = ""
    retry_after: str = ""
    nhs_503: bool = False


@dataclass
class Probe:
    """``threads`` clients, each asking the load balancer for the pages in turn."""

    port: int
    threads: int = 2
    answers: list = field(default_factory=list)

    def __post_init__(self):
        self.started = time.monotonic()
        self.stopping = threading.Event()
        self.workers = [threading.Thread(target=self.run, args=(i,)) for i in range(self.threads)]

    def now(self) -> float:
        return time.monotonic() - self.started

    def start(self):
        for worker in self.workers:
            worker.start()
        return self

    def stop(self):
        self.stopping.set()
        for worker in self.workers:
            worker.join()

    def run(self, number):
        connection = None
        i = number
        while not self.stopping.is_set():
            path = PATHS[i % len(PATHS)]
            i += 1
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                body = response.read().decode(errors="replace")
                answer = Answer(
                    self.now(),
                    response.status,
                    response.getheader("X-Served-By", ""),
                    response.getheader("Retry-After", ""),
                    response.status == 503 and f"<h1>{UNAVAILABLE}</h1>" in body,
                )
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                answer = Answer(self.now(), 0)
                if connection is not None:
                    connection.close()
                connection = None
            self.answers.append(answer)
            time.sleep(0.01)

    def between(self, start, end=float("inf")) -> list[Answer]:
        return [a for a in self.answers if start <= a.at < end]


def failed(answer: Answer) -> bool:
    """Anything but a page: no answer, a 500, a 502, or a 503 that is not ours."""
    return answer.status != 200


def unavailable_properly(answer: Answer) -> bool:
    return answer.nhs_503 and answer.retry_after == "30"


class Wrk:
    """wrk, bounded in connections and time, on the finder page."""

    def __init__(self, port, seconds, connections=4):
        self.command = [shutil.which("wrk") or "wrk", "-t1", f"-c{connections}"]
        self.command += [f"-d{seconds}s", "--timeout", "10s"]
        self.command.append(f"http://127.0.0.1:{port}/case-studies/")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        return self

    def result(self) -> dict:
        out, _ = self.process.communicate(timeout=120)
        requests = re.search(r"(\d+) requests in", out)
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        socket = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
        )
        return {
            "requests": int(requests.group(1)) if requests else 0,
            "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
            "socket_errors": sum(map(int, socket.groups())) if socket else 0,
            "output": out,
        }

    def stop(self):
        """Ends the run early; wrk prints its counts on SIGINT."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)


def kill_one_server(cluster, seconds=14, kill_at=3.0) -> dict:
    """(a) An app server killed: haproxy's health check takes it out; no request fails after."""
    victim = cluster.servers[1]
    load, probe = Wrk(cluster.lb.port, seconds).start(), Probe(cluster.lb.port).start()
    try:
        time.sleep(kill_at)
        killed = probe.now()
        victim.kill()
        out = killed + cluster.lb.wait_until(victim.name, "DOWN")
        time.sleep(max(0, seconds - probe.now()))
    except BaseException:
        load.stop()
        raise
    finally:
        probe.stop()
    wrk = load.result()
    before, after = probe.between(killed, out), probe.between(out)
    result = {
        "probe_requests": len(probe.answers),
        "probe_failures": sum(map(failed, probe.answers)),
        "failures_before_out": sum(map(failed, before)),
        "failures_after_out": sum(map(failed, after)),
        "requests_after_out": len(after),
        "served_after_out": sorted({a.served_by for a in after}),
        "seconds_to_take_out": round(out - killed, 2),
        "wrk": wrk,
    }
    result["passed"] = (
        result["failures_after_out"] == 0
        and result["requests_after_out"] > 0
        and result["served_after_out"] == [cluster.servers[0].name]
    )
    victim.start()
    cluster.lb.wait_until(victim.name, "UP")
    return result


def restart_postgresql(cluster, outage=5.0, stop_at=2.0, after=3.0) -> dict:
    """(b) PostgreSQL stopped and started again: 503s with Retry-After meanwhile, never a 500;
    the app servers recover by themselves (CONN_HEALTH_CHECKS), without a restart."""
    pids = [server.process.pid for server in cluster.servers]
    load, probe = Wrk(cluster.lb.port, 25).start(), Probe(cluster.lb.port).start()
    try:
        time.sleep(stop_at)
        stopped = probe.now()
        cluster.postgres.stop()
        time.sleep(outage)
        cluster.postgres.start()
        started = probe.now()
        recovered = None
        deadline = started + 30
        while probe.now() < deadline:
            ok = [a for a in probe.between(started) if a.status == 200]
            if {a.served_by for a in ok} >= {s.name for s in cluster.servers}:
                recovered = min(a.at for a in ok)
                break
            time.sleep(0.1)
        time.sleep(after)
    finally:
        probe.stop()
        if not cluster.postgres.running():
            cluster.postgres.start()
    load.stop()
    wrk = load.result()
    during = probe.between(stopped, recovered or float("inf"))
    bad = [a for a in during if a.status != 200 and not unavailable_properly(a)]
    result = {
        "probe_requests": len(probe.answers),
        "answered_503": sum(a.status == 503 for a in probe.answers),
        "answered_503_by_app": sum(a.status == 503 and bool(a.served_by) for a in probe.answers),
        "answered_500": sum(a.status == 500 for a in probe.answers),
        "other_failures": len(bad),
        "failures_after_recovery": sum(map(failed, probe.between(recovered or float("inf")))),
        "outage_seconds": round(started - stopped, 2),
        "seconds_to_recover": round(recovered - started, 2) if recovered else None,
        "app_servers_restarted": [s.process.pid for s in cluster.servers] != pids,
        "wrk": wrk,
    }
    result["passed"] = (
        recovered is not None
        and result["answered_503"] > 0
        and result["answered_500"] == 0
        and result["other_failures"] == 0
        and result["failures_after_recovery"] == 0
        and not result["app_servers_restarted"]
    )
    return result


def stop_redis(cluster, admin, outage=5.0, stop_at=2.0, after=3.0) -> dict:
    """(c) Redis stopped: the site keeps serving, signed-in editors stay signed in (sessions
    in the database), each server says so on /readyz and logs the outage once a process."""
    load = Wrk(cluster.lb.port, int(stop_at + outage + after) + 1).start()
    probe = Probe(cluster.lb.port).start()
    signed_in, readiness = [], []
    try:
        time.sleep(stop_at)
        stopped = probe.now()
        cluster.redis.stop()
        deadline = time.monotonic() + outage
        while time.monotonic() < deadline:
            page = admin.get("/admin/")
            signed_in.append(page.status == 200 and "Log out" in page.body)
            for server in cluster.servers:
                readiness.append(server_readiness(server.port))
            time.sleep(0.5)
        cluster.redis.start()
        started = probe.now()
        time.sleep(after)
    finally:
        probe.stop()
        if not cluster.redis.running():
            cluster.redis.start()
    wrk = load.result()
    during = probe.between(stopped, started)
    logged = [
        line
        for server in cluster.servers
        for line in server.log.read_text().splitlines()
        if "Redis is unavailable" in line
    ]
    processes = {re.search(r"process (\d+)", line).group(1) for line in logged}
    result = {
        "probe_requests": len(probe.answers),
        "probe_failures": sum(map(failed, probe.answers)),
        "requests_during_outage": len(during),
        "failures_during_outage": sum(map(failed, during)),
        "editor_still_signed_in": f"{sum(signed_in)}/{len(signed_in)}",
        "readyz_during_outage": sorted(set(readiness)),
        "outage_logged_lines": len(logged),
        "processes_that_logged": len(processes),
        "outage_seconds": round(started - stopped, 2),
        "wrk": wrk,
    }
    result["passed"] = (
        result["probe_failures"] == 0
        and len(during) > 0
        and all(signed_in)
        and readiness
        and all(r == "200 cache: unavailable (serving without it)" for r in readiness)
        and 0 < len(logged) == len(processes)  # once a process, not once a request
    )
    return result


def server_readiness(port) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/readyz", headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        lines = response.read().decode().splitlines()
        return f"{response.status} {lines[-1] if lines else ''}"
    finally:
        connection.close()

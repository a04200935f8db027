"""A small load runner on loopback: concurrent keep-alive clients, latencies and throughput.

Used by the other bench scripts. It only ever connects to 127.0.0.1, runs a bounded number
of requests (or seconds) and stops by itself.
"""

import contextlib
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pyotp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from portal.ops.server import THREADS  # noqa: E402 - the bare endpoint runs with the portal's settings
from portal.reports import walkthrough  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(
    port: int, process: subprocess.Popen, seconds: float = 60, log: Path | None = None
) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            tail = log.read_text()[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"server on {port} exited with {process.returncode}:\n{tail}")
        if answers(port):
            return
        time.sleep(0.2)
    raise RuntimeError(f"server on {port} did not start")


def answers(port: int) -> bool:
    """Whether a worker answers HTTP, not only whether the socket accepts: gunicorn's master
    listens before its workers are ready, and a request then may meet a reset connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/")  # any answer will do
        connection.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


# Every client of a benchmark comes from one loopback address, so the per-address limits on
# filing and drafts (issue 11) would turn the load into refusals: lift them for the run.
ONE_ADDRESS_LIMITS = {
    "REPORTS_MAX_PER_ADDRESS": "100000000",
    "DRAFTS_MAX_MB_PER_ADDRESS": "1000000",
    "DRAFTS_MAX_MB_TOTAL": "1000000",
}


def start_portal(
    instance: Path,
    workers: int,
    extra_env: dict | None = None,
    demo: bool = False,
    port: int | None = None,
    start_seconds: float = 60,
) -> tuple[subprocess.Popen, int]:
    """Start the portal as the README deploys it: `portal serve` (gunicorn, gthread)."""
    port = port or free_port()
    env = {
        **os.environ,
        "PORTAL_INSTANCE": str(instance),
        "PORTAL_ENV": "development",
        **ONE_ADDRESS_LIMITS,
        **(extra_env or {}),
    }
    command = [str(BIN / "portal"), "serve", "--port", str(port), "--workers", str(workers)]
    log = instance / "server.log"
    with log.open("a") as output:
        process = subprocess.Popen(
            [*command, *(["--demo"] if demo else [])],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    wait_until_up(port, process, seconds=start_seconds, log=log)
    return process, port


def start_bare(workers: int) -> tuple[subprocess.Popen, int]:
    """Start the bare Flask endpoint under gunicorn with the portal's worker settings."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(THREADS),
            "--chdir",
            str(ROOT / "bench"),
            "bare_app:app",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_until_up(port, process)
    return process, port


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the server and all its workers: no chance to flush or clean up."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=15)


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


class Session:
    """A browser-like client: cookies and the CSRF token of the last page."""

    def __init__(self, port: int):
        self.port = port
        self.cookie = ""

    def request(
        self, method: str, path: str, body: str | None = None, conn=None
    ) -> tuple[int, str]:
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        if own:
            conn.close()
        return response.status, text

    def token(self, html: str) -> str:
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)

    def sign_in(self, email: str, password: str, totp_secret: str | None) -> None:
        _, page = self.request("GET", "/sign-in")
        self.request(
            "POST",
            "/sign-in",
            urlencode({"email": email, "password": password, "csrf_token": self.token(page)}),
        )
        if totp_secret:
            for _attempt in range(2):
                _, page = self.request("GET", "/second-factor")
                code = pyotp.TOTP(totp_secret).now()
                form = urlencode({"code": code, "csrf_token": self.token(page)})
                status, _ = self.request("POST", "/second-factor", form)
                if status == 302:
                    return
                time.sleep(30 - time.time() % 30 + 0.5)  # a code counts once: wait for the next
            raise RuntimeError("second factor refused")


def adviser_to_choose(port: int) -> str:
    """The id of the first adviser the report form offers."""
    _, page = Session(port).request("GET", "/report/step/advisers")
    return re.search(r'name="advisers" id="advisers-(\d+)"', page).group(1)


def report_steps(adviser: str, text: str) -> list[tuple[str, dict]]:
    """The report steps' forms for an anonymous bullying report to one adviser."""
    overrides = {"incidents": {"incidents-0-description": text}, "wishes": {"wishes": []}}
    return walkthrough.steps([adviser], overrides)


def prepare_report(session: Session, adviser: str, text: str, conn=None) -> str:
    """Walk the report steps up to the review page; return the CSRF token for sending."""
    _, page = session.request("GET", "/report/step/kind", conn=conn)
    token = session.token(page)
    for step, data in report_steps(adviser, text):
        session.request(
            "POST",
            walkthrough.path(step),
            urlencode(data | {"csrf_token": token}, doseq=True),
            conn,
        )
    return token


def send_report(session: Session, token: str, conn=None) -> tuple[int, str | None]:
    """Send the prepared report; return the status and the receipt code shown (or None)."""
    status, page = session.request("POST", "/report/send", urlencode({"csrf_token": token}), conn)
    return status, receipt_code_in(page) if status == 201 else None


def receipt_code_in(page: str) -> str:
    """The receipt code on the page shown after sending a report."""
    return page.split('id="receipt-code">', 1)[1].split("<", 1)[0]


def open_with_code(session: Session, code: str, conn=None) -> int:
    """Open a report with its receipt code as a reporter does (302 means it opened)."""
    _, page = session.request("GET", "/followup/", conn=conn)
    form = urlencode({"code": code, "csrf_token": session.token(page)})
    return session.request("POST", "/followup/", form, conn=conn)[0]


def worker_pids(server: subprocess.Popen) -> list[int]:
    """The gunicorn workers under a server started by start_portal or start_bare."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def resident_mib(pid: int) -> float:
    """A process's resident memory (VmRSS) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return (
            ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000
            if ordered
            else float("nan")
        )

    def row(self, baseline: "Result | None" = None) -> str:
        ratio = f"{baseline.rps / self.rps:6.1f}x" if baseline and self.rps else "     -"
        return (
            f"{self.name:34s} {self.rps:8.1f} rps  p50 {self.pct(0.50):7.1f} ms  p95 {self.pct(0.95):7.1f} ms  "
            f"p99 {self.pct(0.99):7.1f} ms  errors {self.errors:3d}  slower than bare {ratio}"
        )


def run(
    name: str,
    port: int,
    requests: int,
    concurrency: int,
    make_request: Callable,
    warmup: int = 20,
    prepare: Callable | None = None,
    keep_alive: bool = False,
) -> Result:
    """Fire `requests` requests from `concurrency` threads and time each.

    make_request(conn) -> status; with `prepare`, make_request(conn, prepare(conn)) and only
    make_request is timed (for a POST that needs a page or a draft first).

    Each request gets a new connection unless keep_alive: nginx as the README configures it
    talks to the portal that way, and it lets the kernel spread requests over the workers
    (a kept-alive client stays with one worker, so two clients may share one by chance).
    """

    def one(conn) -> int:
        return make_request(conn, prepare(conn)) if prepare else make_request(conn)

    for _ in range(warmup):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        one(conn)
        conn.close()
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = [requests]

    def worker():
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            if not keep_alive:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            state = prepare(conn) if prepare else None
            started = time.perf_counter()
            try:
                status = make_request(conn, state) if prepare else make_request(conn)
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status >= 400 or status == 0:
                    errors += 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if prepare:
        # Only the timed request counts: throughput as if the clients did nothing else.
        seconds = sum(latencies) / concurrency
    return Result(name, requests, errors, seconds, latencies)


def median(values: list[float]) -> float:
    return statistics.median(values)

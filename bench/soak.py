"""Soak: 50 people using the portal at once for 10 minutes, on loopback.

    .venv/bin/python bench/soak.py bench/instances/10k [--minutes 10] [--users 50]
    .venv/bin/python bench/soak.py bench/instances/pg10k --database-url postgresql://...

The instance (made by generate.py) is copied to a temporary folder first, so the soak does
not change a SQLite instance (on PostgreSQL it files into the given database). The portal runs as `portal serve` deploys it. Each simulated person follows a
journey in a loop with a short pause between pages, as people do:

- readers: home, the guide, the adviser directory, the report form;
- reporters: walk the report steps and send (Argon2id), keep the receipt code;
- followers: open a report with a code from the reporters (Argon2id), read it, write;
- advisers (signed in with the second step): the inbox, open the newest report, reply;
- team leads: this month's prompt and the meeting view.

It prints per journey the requests and errors (status 500 or more, no answer, or an answer
that is not the expected one), how often a busy worker asked to retry an opening (503: the
simulated person waits a few seconds and presses again, as the page asks; only an opening
still refused after three tries counts as an error), the number of "database is locked" lines in the server log, and each worker's
resident memory at the start (after a warm-up) and at the end, read while nobody is busy.
"""

import argparse
import collections
import http.client
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402
from generate import PASSWORD, TOTP_SECRET  # noqa: E402

MIX = {"reader": 0.4, "reporter": 0.2, "follower": 0.2, "adviser": 0.1, "team lead": 0.1}


class Person:
    """One simulated person: a session, a keep-alive connection, a tally."""

    def __init__(self, port: int, tally: "Tally", kind: str):
        self.session = load.Session(port)
        self.port, self.tally, self.kind = port, tally, kind
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str, expect: str = "") -> str:
        return self.call("GET", path, None, expect)

    def post(self, path: str, data: dict, expect: str = "") -> str:
        return self.call("POST", path, urlencode(data, doseq=True), expect)

    def call(self, method: str, path: str, body: str | None, expect: str) -> str:
        status, page = self.send(method, path, body)
        self.tally.count(self.kind, status, page, expect)
        return page

    def send(self, method: str, path: str, body: str | None) -> tuple[int, str]:
        """Send once; like a browser, send again on a fresh connection when the kept-alive
        one was closed by the server while idle (gunicorn's keep-alive is 2 seconds)."""
        for attempt in range(2):
            try:
                return self.session.request(method, path, body, conn=self.conn)
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    return 0, ""
        return 0, ""


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = collections.Counter()
        self.errors = collections.Counter()
        self.statuses = collections.Counter()
        self.busy = 0

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.errors.clear()
            self.statuses.clear()
            self.busy = 0

    def count_busy(self) -> None:
        """A receipt opening a busy worker asked to retry (503); the retry is counted itself."""
        with self.lock:
            self.busy += 1
            self.statuses[503] += 1

    def count(self, kind: str, status: int, page: str, expect: str) -> None:
        with self.lock:
            self.requests[kind] += 1
            self.statuses[status] += 1
            if status >= 500 or status == 0 or (expect and expect not in page):
                self.errors[kind] += 1


def reader(person: Person, shared) -> None:
    person.get("/", "/report/")
    person.get("/guide/", "/guide/")
    person.get("/advisers/", "<h1")
    person.get("/report/form", 'name="category"')


def reporter(person: Person, shared) -> None:
    person.session = load.Session(person.port)  # a new reporter, a new draft
    token = person.session.token(person.get("/report/step/kind", "csrf_token"))
    for step, data in load.report_steps(shared["adviser"], f"soak {uuid.uuid4()}"):
        person.post(f"/report/step/{step}", data | {"csrf_token": token})
    status, page = person.send("POST", "/report/send", urlencode({"csrf_token": token}))
    code = load.receipt_code_in(page) if status == 201 else None
    person.tally.count(person.kind, status, page, 'id="receipt-code"')
    if code:
        with shared["lock"]:
            shared["codes"].append(code)


def follower(person: Person, shared) -> None:
    with shared["lock"]:
        code = random.choice(shared["codes"]) if shared["codes"] else None
    if code is None:
        return reader(person, shared)
    person.session = load.Session(person.port)
    page = person.get("/followup/", "csrf_token")
    form = {"code": code, "csrf_token": person.session.token(page)}
    for _attempt in range(3):
        status, _ = person.send("POST", "/followup/", urlencode(form))
        if status != 503:
            break
        person.tally.count_busy()
        time.sleep(random.uniform(2, 5))  # the page asks to wait a few seconds and press again
    person.tally.count(person.kind, status if status != 302 else 200, "", "")
    page = person.get("/followup/report", "csrf_token")
    if "csrf_token" in page:
        data = {"text": "A follow-up message.", "csrf_token": person.session.token(page)}
        person.post("/followup/report/message", data)
    return None


def adviser(person: Person, shared) -> None:
    page = person.get("/inbox/", "VW-")
    found = re.search(r'href="/inbox/(VW-[^"]+)"', page)
    if found:
        report = person.get(f"/inbox/{found.group(1)}", found.group(1))
        if random.random() < 0.3 and "csrf_token" in report:
            data = {
                "text": "Thank you, I will call you.",
                "csrf_token": person.session.token(report),
            }
            person.post(f"/inbox/{found.group(1)}/reply", data)


def team_lead(person: Person, shared) -> None:
    page = person.get("/prompts/", "/prompts/teams/")
    meeting = re.search(r'href="(/prompts/teams/\d+/meeting)"', page)
    if meeting:
        person.get(meeting.group(1) + "?q=1", "<h1")


JOURNEYS = {
    "reader": reader,
    "reporter": reporter,
    "follower": follower,
    "adviser": adviser,
    "team lead": team_lead,
}


def signed_in(port: int, tally: Tally, kind: str, number: int) -> Person:
    """An adviser (person0..19 in generate.py, with the second step) or a team lead (20..)."""
    person = Person(port, tally, kind)
    if kind == "adviser":
        person.session.sign_in(f"person{number}@bench.test", PASSWORD, TOTP_SECRET)
    elif kind == "team lead":
        person.session.sign_in(f"person{20 + number}@bench.test", PASSWORD, None)
    return person


def memory(server) -> dict[int, float]:
    """Each worker's resident memory, the lowest of ten readings over two seconds.

    An Argon2id derivation holds 64 MiB while it runs (filing, opening with a code); the
    lowest reading leaves those out and shows what the worker keeps.
    """
    readings: dict[int, list[float]] = collections.defaultdict(list)
    for _ in range(10):
        for pid in load.worker_pids(server):
            readings[pid].append(load.resident_mib(pid))
        time.sleep(0.2)
    return {pid: min(values) for pid, values in readings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("instance", type=Path, help="made by generate.py (it is copied)")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3, help="as `portal serve` by default")
    parser.add_argument("--pause", type=float, default=1.0, help="mean seconds between pages")
    parser.add_argument("--warmup", type=float, default=30, help="seconds before measuring")
    parser.add_argument("--database-url", help="PostgreSQL the instance was generated into")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder) / "instance"
        shutil.copytree(args.instance, instance, ignore=shutil.ignore_patterns("server.log"))
        extra = {"DATABASE_URL": args.database_url} if args.database_url else {}
        server, port = load.start_portal(instance, args.workers, extra)
        try:
            tally = Tally()
            shared = {
                "adviser": load.adviser_to_choose(port),
                "codes": [],
                "lock": threading.Lock(),
            }
            kinds = [kind for kind, share in MIX.items() for _ in range(round(share * args.users))]
            counters = collections.Counter()
            people = []
            for kind in kinds:
                people.append(signed_in(port, tally, kind, counters[kind]))
                counters[kind] += 1
            seconds, start, end = run_people(people, shared, args, server)
        finally:
            load.stop(server)
        log = (instance / "server.log").read_text()
    report(tally, seconds, start, end, log)


def crowd(people: list[Person], shared: dict, seconds: float, pause: float, server=None) -> None:
    """Let everyone follow their journey for `seconds`, and wait until all have stopped.

    With `server`, print each worker's memory every minute (the lowest of ten readings; an
    Argon2id derivation in flight may still be in it).
    """
    until = time.time() + seconds
    rng = random.Random(2026)
    rng_lock = threading.Lock()

    def live(person: Person) -> None:
        while time.time() < until:
            JOURNEYS[person.kind](person, shared)
            with rng_lock:
                wait = rng.expovariate(1 / pause)
            time.sleep(min(wait, 5 * pause))

    threads = [threading.Thread(target=live, args=(p,)) for p in people]
    started = time.time()
    for thread in threads:
        thread.start()
    while server is not None and time.time() + 60 < until:
        time.sleep(60)
        sizes = memory(server).values()
        minutes = (time.time() - started) / 60
        print(f"  {minutes:4.1f} min: " + ", ".join(f"{m:.1f}" for m in sizes) + " MiB")
    for thread in threads:
        thread.join()


def run_people(people: list[Person], shared: dict, args, server) -> tuple[float, dict, dict]:
    """Warm up, then soak; return the soak's seconds and worker memory before and after.

    Memory is read while nobody is busy, so no Argon2id derivation (64 MiB while it runs) is
    in flight: the figures are what the workers keep.
    """
    kinds = collections.Counter(p.kind for p in people)
    print(f"{len(people)} people, {args.warmup:g} s warm-up, {args.minutes:g} min: {dict(kinds)}")
    crowd(people, shared, args.warmup, args.pause)
    people[0].tally.reset()  # the soak's figures start now
    start = memory(server)
    started = time.time()
    crowd(people, shared, args.minutes * 60, args.pause, server)
    seconds = time.time() - started
    return seconds, start, memory(server)


def report(tally: Tally, seconds: float, start: dict, end: dict, log: str) -> None:
    total = sum(tally.requests.values())
    filed = tally.statuses[201]
    print(f"{total} requests in {seconds:.0f} s ({total / seconds:.1f}/s); {filed} reports filed")
    for kind, count in sorted(tally.requests.items()):
        print(f"  {kind:10s} {count:7d} requests  errors {tally.errors[kind]}")
    print(f"status codes: {dict(sorted(tally.statuses.items()))}")
    print(f"errors={sum(tally.errors.values())}")
    print(f"busy, asked to retry an opening (503): {tally.busy}")
    print(f'"database is locked" in the server log: {log.count("database is locked")}')
    print(f"unhandled errors in the server log: {log.count('unhandled ')}")
    for pid in sorted(set(start) | set(end)):
        before, after = start.get(pid, float("nan")), end.get(pid, float("nan"))
        replaced = "" if pid in start and pid in end else "  (worker replaced)"
        print(f"  worker {pid}: start {before:.1f} MiB, end {after:.1f} MiB{replaced}")


if __name__ == "__main__":
    main()

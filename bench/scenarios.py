"""Every scenario of issue 6 against a generated instance, next to a bare Flask endpoint.

    .venv/bin/python bench/generate.py --reports 10000 --instance bench/instances/10k
    .venv/bin/python bench/scenarios.py bench/instances/10k bench/instances/1m
    .venv/bin/python bench/scenarios.py bench/instances/pg10k \\
        --database-url postgresql://user:pw@127.0.0.1/vertrouwd_bench

For each instance it starts the portal as the README deploys it (`portal serve`: gunicorn,
gthread, 12 threads a worker) and a bare Flask endpoint under the same gunicorn settings, and
prints a row per scenario: requests per second, p50, p95, p99, errors, and how many times
the bare endpoint's throughput is the scenario's. A page is measured in rounds (--rounds), each
right after the bare endpoint, and the round with the median ratio is printed (the Argon2-bound
POSTs are compared with the first bare measurement).

Scenarios: the home page; the report form; filing a report (the POST that files it, after
the steps were walked untimed); opening with a receipt code (the POST, Argon2id-bound, with
codes filed in the filing scenario); the adviser inbox (50 rows); this month's prompt (a team
lead); the report form holding a filled draft; the adviser directory; a guide page. For the two POSTs, requests per second counts only the timed request. Every request
comes on a new connection, as nginx sends them by default.

Then "ten at once": ten clients keep opening reports with their codes while one more client loads
the home page and then the inbox, once with the portal's bound on key derivations and once with it
lifted, to show that the bound keeps the other pages quick.
"""

import argparse
import itertools
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402
from generate import PASSWORD, TOTP_SECRET  # noqa: E402

ADVISER = "person0@bench.test"  # generate.py: the first 20 people are advisers
TEAM_LEAD = "person20@bench.test"  # and the next 200 lead a team each
UNBOUNDED = {"KDF_AT_ONCE_PER_WORKER": "64", "KDF_WAITING_PER_WORKER": "0"}
# Issue 16's goals: a page may cost at most this many times the bare endpoint.
GOALS = {
    "home page": 2.5,
    "report form": 4,
    "report form holding a filled draft": 5,
    "adviser inbox, 50 rows": 5,
    "this month's prompt": 5,
    "adviser directory": 4,
    "guide page": 3,
}
KDF_BOUND = "one Argon2id derivation (64 MiB) per request; see the storm rows for openings/s"


def get_page(session: load.Session, path: str, must_contain: str):
    """A request function for a page; a 200 without the expected content counts as an error."""

    def request(conn) -> int:
        status, body = session.request("GET", path, conn=conn)
        return 599 if status == 200 and must_contain not in body else status

    return request


def bare_hit(conn) -> int:
    conn.request("GET", "/")
    response = conn.getresponse()
    response.read()
    return response.status


def measure(port: int, bare_port: int, args) -> tuple[list[str], list[str]]:
    """Run the six scenarios; return the printed rows and the receipt codes filed."""
    adviser, lead = load.Session(port), load.Session(port)
    adviser.sign_in(ADVISER, PASSWORD, TOTP_SECRET)
    lead.sign_in(TEAM_LEAD, PASSWORD, None)
    chosen = load.adviser_to_choose(port)
    codes: list[str] = []

    def prepare_filing(conn):
        session = load.Session(port)
        return session, load.prepare_report(session, chosen, f"bench {uuid.uuid4()}", conn)

    def send(conn, prepared) -> int:
        status, code = load.send_report(*prepared, conn=conn)
        if code:
            codes.append(code)
            return status
        return status if status >= 400 else 599  # no receipt code shown: not filed

    def prepare_opening(conn):
        session = load.Session(port)
        return session, session.token(session.request("GET", "/followup/", conn=conn)[1])

    code_cycle = None

    def open_report(conn, prepared) -> int:
        session, token = prepared
        form = f"code={next(code_cycle)}&csrf_token={token}"
        status = session.request("POST", "/followup/", form, conn=conn)[0]
        return 200 if status == 302 else (status if status >= 400 else 599)

    # A person who walked every step: the one-page form then shows all their answers.
    drafting = load.Session(port)
    load.prepare_report(drafting, chosen, "bench " + "what happened, in words. " * 40)
    filled_form = get_page(drafting, "/report/form", "what happened, in words.")
    directory = get_page(load.Session(port), "/advisers/", "/advisers/")
    guide_page = get_page(load.Session(port), "/guide/unwanted-behaviour", "<h1")

    n, c = args.requests, args.concurrency

    def beside_bare(name: str, make_request) -> tuple[load.Result, load.Result]:
        """A page measured in rounds, each right after the bare endpoint; the round with the
        median ratio stands. A change in the machine's speed (other tenants, CPU frequency)
        during a round then counts neither against a page nor for it."""
        rounds = []
        for _ in range(args.rounds):
            bare = load.run("bare Flask endpoint", bare_port, n, c, bare_hit)
            rounds.append((load.run(name, port, n, c, make_request), bare))
        rounds.sort(key=lambda pair: pair[1].rps / pair[0].rps if pair[0].rps else float("inf"))
        return rounds[len(rounds) // 2]

    baseline = load.run("bare Flask endpoint", bare_port, n, c, bare_hit)
    measured = [
        beside_bare("home page", get_page(load.Session(port), "/", "/report/")),
        beside_bare("report form", get_page(load.Session(port), "/report/form", 'name="category"')),
        (
            load.run("filing a report", port, args.slow_requests, c, send, 5, prepare_filing),
            baseline,
        ),
    ]
    code_cycle = itertools.cycle(list(codes))
    measured += [
        (
            load.run(
                "opening with a receipt code",
                port,
                args.slow_requests,
                c,
                open_report,
                5,
                prepare_opening,
            ),
            baseline,
        ),
        beside_bare("report form holding a filled draft", filled_form),
        beside_bare("adviser inbox, 50 rows", get_page(adviser, "/inbox/", "VW-")),
        beside_bare("this month's prompt", get_page(lead, "/prompts/", "/prompts/teams/")),
        beside_bare("adviser directory", directory),
        beside_bare("guide page", guide_page),
    ]
    rows = [baseline.row(), *(result.row(bare) for result, bare in measured)]
    return rows + goal_table(measured), codes


def goal_table(measured: list[tuple[load.Result, load.Result]]) -> list[str]:
    """The issue-16 table: each page's cost as a multiple of the bare endpoint, and its goal."""
    rows = [f"{'page':36s} {'x bare':>8s} {'goal':>6s}  met"]
    for result, bare in measured:
        ratio = bare.rps / result.rps if result.rps else float("inf")
        goal = GOALS.get(result.name)
        if goal is None:  # Argon2-bound: limited by key derivations, not by the page
            rows.append(f"{result.name:36s} {ratio:7.1f}x {'-':>6s}  bound: {KDF_BOUND}")
            continue
        rows.append(
            f"{result.name:36s} {ratio:7.1f}x {goal:5.1f}x  {'yes' if ratio <= goal else 'NO'}"
        )
    return rows


def storm(port: int, codes: list[str], seconds: float, label: str) -> list[str]:
    """Ten clients open reports with codes while one more loads the home page, then the inbox."""
    adviser = load.Session(port)
    adviser.sign_in(ADVISER, PASSWORD, TOTP_SECRET)
    outcomes = {"opened": 0, "busy (503)": 0, "other": 0}
    opened_latencies: list[float] = []
    lock = threading.Lock()
    stop = threading.Event()
    code_cycle = itertools.cycle(codes)

    def opener():
        while not stop.is_set():
            session = load.Session(port)
            with lock:
                code = next(code_cycle)
            started = time.perf_counter()
            try:
                status = load.open_with_code(session, code)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                if status == 302:
                    outcomes["opened"] += 1
                    opened_latencies.append(elapsed)
                elif status == 503:
                    outcomes["busy (503)"] += 1
                else:
                    outcomes["other"] += 1
            if status == 503:
                time.sleep(0.5)  # as a person would, a moment before pressing again

    def pages(duration: float) -> list[load.Result]:
        requests = max(40, int(duration * 40))
        home = get_page(load.Session(port), "/", "/report/")
        inbox = get_page(adviser, "/inbox/", "VW-")
        return [
            load.run(f"  home page, {label}", port, requests // 2, 1, home, warmup=2),
            load.run(f"  adviser inbox, {label}", port, requests // 2, 1, inbox, warmup=2),
        ]

    quiet = pages(seconds / 2)
    openers = [threading.Thread(target=opener) for _ in range(10)]
    storm_started = time.perf_counter()
    for thread in openers:
        thread.start()
    time.sleep(1)
    busy = pages(seconds)
    stop.set()
    for thread in openers:
        thread.join()
    storm_seconds = time.perf_counter() - storm_started
    result = load.Result("  openings", 0, 0, 1, opened_latencies)
    rows = [f"{label}: quiet"] + [r.row() for r in quiet]
    rows += [f"{label}: while ten clients keep opening reports with their codes"]
    rows += [r.row() for r in busy]
    rows.append(
        f"  openings: {outcomes['opened']} opened in {storm_seconds:.1f} s "
        f"({outcomes['opened'] / storm_seconds:.1f}/s; p50 {result.pct(0.5):.0f} ms, "
        f"p95 {result.pct(0.95):.0f} ms), {outcomes['busy (503)']} told to retry (503), "
        f"{outcomes['other']} other"
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("instances", type=Path, nargs="+")
    parser.add_argument("--database-url", help="PostgreSQL the instance was generated into")
    parser.add_argument("--requests", type=int, default=600, help="per page scenario and round")
    parser.add_argument(
        "--rounds", type=int, default=5, help="rounds of bare endpoint and page; the median stands"
    )
    parser.add_argument("--slow-requests", type=int, default=80, help="filing and opening")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--storm-seconds", type=float, default=10)
    args = parser.parse_args()
    extra = {"DATABASE_URL": args.database_url} if args.database_url else {}
    bare, bare_port = load.start_bare(args.workers)
    try:
        for instance in args.instances:
            print(f"== {instance.name}: {args.workers} workers, {args.concurrency} clients")
            portal, port = load.start_portal(instance.resolve(), args.workers, extra)
            try:
                rows, codes = measure(port, bare_port, args)
                print("\n".join(rows), flush=True)
                print("\n".join(storm(port, codes, args.storm_seconds, "bounded")), flush=True)
            finally:
                load.stop(portal)
            portal, port = load.start_portal(
                instance.resolve(), args.workers, {**extra, **UNBOUNDED}
            )
            try:
                print("\n".join(storm(port, codes, args.storm_seconds, "unbounded")), flush=True)
            finally:
                load.stop(portal)
    finally:
        load.stop(bare)


if __name__ == "__main__":
    main()

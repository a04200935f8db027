"""The adviser inbox (50 rows) under load, next to a bare Flask endpoint on the same settings.

    .venv/bin/python bench/generate.py --reports 100000 --instance bench/instances/100k
    .venv/bin/python bench/inbox.py bench/instances/10k bench/instances/100k [bench/instances/1m]

For each instance it prints requests per second and p50/p95/p99 of the inbox and of the bare
endpoint measured in the same run, and at the end compares the inbox's p95 at the largest
instance with the smallest (the issue asks at most 1.5 times at 1M against 10k).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402
from generate import PASSWORD, TOTP_SECRET  # noqa: E402


def measure(instance: Path, requests: int, concurrency: int, workers: int):
    portal, port = load.start_portal(instance, workers)
    bare, bare_port = load.start_bare(workers)
    try:
        session = load.Session(port)
        session.sign_in("person0@bench.test", PASSWORD, TOTP_SECRET)

        def inbox(conn):
            status, body = session.request("GET", "/inbox/", conn=conn)
            if status == 200 and "VW-" not in body:
                return 599  # signed out or empty: not a valid measurement
            return status

        def bare_hit(conn):
            conn.request("GET", "/")
            response = conn.getresponse()
            response.read()
            return response.status

        baseline = load.run("bare Flask endpoint", bare_port, requests, concurrency, bare_hit)
        result = load.run(f"inbox, 50 rows ({instance.name})", port, requests, concurrency, inbox)
        return baseline, result
    finally:
        load.stop(portal)
        load.stop(bare)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("instances", type=Path, nargs="+")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument(
        "--concurrency",
        type=int,
        default=2,
        help="clients at once; as many as workers measures service time",
    )
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    results = []
    for instance in args.instances:
        baseline, result = measure(instance, args.requests, args.concurrency, args.workers)
        print(baseline.row())
        print(result.row(baseline))
        results.append(result)
    if len(results) > 1:
        small, large = results[0], results[-1]
        ratio = large.pct(0.95) / small.pct(0.95)
        print(
            f"p95 {large.name}: {large.pct(0.95):.1f} ms; p95 {small.name}: {small.pct(0.95):.1f} ms; "
            f"ratio {ratio:.2f} (must be at most 1.5)"
        )


if __name__ == "__main__":
    main()

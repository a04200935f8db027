"""Crash safety: file reports under load, SIGKILL the server at random moments, check nothing is lost.

    .venv/bin/python bench/crash.py [--kills 20]
    .venv/bin/python bench/crash.py --database-url postgresql://user:pw@127.0.0.1/postgres

Every report whose receipt code reached a client must afterwards be present and open with its
code, showing the text that was sent. Prints lost=N at the end (and exits 1 when N > 0); a
report that cannot be checked (the server does not answer even after a retry) is counted as
unchecked and also fails the run, so a run never passes without having looked.

With --database-url (a PostgreSQL server and a role that may create databases) the portal runs
on a fresh database made for the run on that server, dropped afterwards.
"""

import argparse
import contextlib
import http.client
import random
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402

# A server seeding the demo or recovering on a busy machine may take minutes to answer.
START = 300


def file_one(port: int, adviser: str, marker: str) -> str | None:
    """Walk the report steps and send; return the receipt code, or None if the server died."""
    session = load.Session(port)
    try:
        return load.send_report(session, load.prepare_report(session, adviser, marker))[1]
    except (OSError, http.client.HTTPException, IndexError, AttributeError):
        return None


def restart(instance: Path, port: int, env: dict):
    """Start the portal again on the same address (a killed one may hold it for a moment);
    start_portal returns once a worker answers HTTP."""
    for attempt in range(5):
        try:
            return load.start_portal(
                instance, workers=2, extra_env=env, demo=True, port=port, start_seconds=START
            )[0]
        except RuntimeError as exc:
            print(f"restart attempt {attempt + 1} failed: {str(exc).splitlines()[-1]}", flush=True)
            time.sleep(1 + attempt)
    raise SystemExit("the portal did not come back after a kill")


def still_there(port: int, code: str, marker: str) -> bool | None:
    """Whether the report opens with its code and shows its text; None when the server did not
    answer twice (a connection reset right after a restart is retried once)."""
    for _attempt in range(2):
        session = load.Session(port)
        try:
            status = load.open_with_code(session, code)
            return status == 302 and marker in session.request("GET", "/followup/report")[1]
        except (OSError, http.client.HTTPException):
            time.sleep(1)
    return None


@contextlib.contextmanager
def fresh_database(server_url: str | None):
    """The portal's DATABASE_URL for the run: SQLite in the instance (None), or a database made
    for the run on the PostgreSQL server and dropped afterwards."""
    if not server_url:
        yield {}
        return
    import psycopg

    name = f"crash_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": server_url.rsplit("/", 1)[0] + "/" + name}
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--database-url", help="a PostgreSQL server to run on (default SQLite)")
    args = parser.parse_args()
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as folder, fresh_database(args.database_url) as env:
        instance = Path(folder)
        server, port = load.start_portal(
            instance, workers=2, extra_env=env, demo=True, start_seconds=START
        )
        adviser = load.adviser_to_choose(port)
        filed: list[tuple[str, str]] = []
        lock = threading.Lock()
        stop = threading.Event()

        def client():
            while not stop.is_set():
                marker = f"crash-test {uuid.uuid4()}"
                code = file_one(port, adviser, marker)
                if code:
                    with lock:
                        filed.append((code, marker))
                else:
                    time.sleep(0.2)  # the server is down; try again shortly

        threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for kill in range(1, args.kills + 1):
            time.sleep(rng.uniform(1.5, 4.0))
            load.kill(server)
            with lock:
                count = len(filed)
            print(f"kill {kill:2d}: {count} receipts handed out so far", flush=True)
            server = restart(instance, port, env)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        # Verify on a server started afresh, as after the last crash an operator would.
        load.kill(server)
        server = restart(instance, port, env)
        checks = [still_there(port, code, marker) for code, marker in filed]
        load.stop(server)
    lost, unchecked = checks.count(False), checks.count(None)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{database}: reports filed with a receipt: {len(filed)}, kills: {args.kills}")
    print(f"lost={lost} unchecked={unchecked}")
    sys.exit(1 if lost or unchecked else 0)


if __name__ == "__main__":
    main()

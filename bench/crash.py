"""Crash safety: file reports under load, SIGKILL the server at random moments, check nothing is lost.

    .venv/bin/python bench/crash.py [--kills 20]

Every report whose receipt code reached a client must afterwards be present and open with its
code, showing the text that was sent. Prints lost=N at the end (and exits 1 when N > 0).
"""

import argparse
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


def file_one(port: int, adviser: str, marker: str) -> str | None:
    """Walk the report steps and send; return the receipt code, or None if the server died."""
    session = load.Session(port)
    try:
        return load.send_report(session, load.prepare_report(session, adviser, marker))[1]
    except (OSError, http.client.HTTPException, IndexError, AttributeError):
        return None


def restart(instance: Path, port: int):
    """Start the portal again on the same address (a killed one may hold it for a moment)."""
    for attempt in range(5):
        try:
            return load.start_portal(instance, workers=2, demo=True, port=port)[0]
        except RuntimeError as exc:
            print(f"restart attempt {attempt + 1} failed: {str(exc).splitlines()[-1]}", flush=True)
            time.sleep(1 + attempt)
    raise SystemExit("the portal did not come back after a kill")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        server, port = load.start_portal(instance, workers=2, demo=True)
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
            server = restart(instance, port)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        # Verify on a server started afresh, as after the last crash an operator would.
        load.kill(server)
        server = restart(instance, port)
        lost = 0
        for code, marker in filed:
            session = load.Session(port)
            status = load.open_with_code(session, code)
            found = status == 302 and marker in session.request("GET", "/followup/report")[1]
            lost += not found
        load.stop(server)
    print(f"reports filed with a receipt: {len(filed)}, kills: {args.kills}")
    print(f"lost={lost}")
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main()

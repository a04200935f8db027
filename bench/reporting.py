"""Time filing a report and opening it with its receipt code, at the real Argon2 cost.

Run: .venv/bin/python bench/reporting.py [--rounds 20]
Prints the Argon2id parameters and p50/p95/max for both; the issue asks that opening
with a code costs at most 0.5 s on the reference machine (2 cores).
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app
from portal.advisers.models import AdviserProfile
from portal.core.accounts import keyring, people
from portal.core.accounts.roles import Role
from portal.platform import crypto, database
from portal.reports import walkthrough

PASSWORD = "benchmark password 2026"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report_steps(client, adviser_id: int) -> None:
    overrides = {
        "kind": {"category": "violation"},
        "incidents": {"incidents-0-description": "Benchmark text " * 40},
    }
    for step, data in walkthrough.steps([adviser_id], overrides):
        client.post(walkthrough.path(step), data=data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "INSTANCE_PATH": folder,
                "SECRET_KEY": "bench-" + "k" * 40,
                "PORTAL_ENV": "development",
                "WTF_CSRF_ENABLED": False,
                "SMTP_PORT": 1,
            }
        )
        with app.app_context():
            database.upgrade()
        adviser = people.create_person(
            "adviser@bench.test", "Bench Adviser", PASSWORD, [Role.ADVISER]
        )
        keyring.create(adviser, PASSWORD)
        AdviserProfile.create(person=adviser)
        filing_times, opening_times = [], []
        for _ in range(rounds):
            client = app.test_client()
            report_steps(client, adviser.id)
            started = time.perf_counter()
            sent = client.post("/report/send")
            filing_times.append(time.perf_counter() - started)
            code = sent.get_data(as_text=True).split('id="receipt-code">', 1)[1].split("<", 1)[0]
            reader = app.test_client()
            started = time.perf_counter()
            opened = reader.post("/followup/", data={"code": code})
            opening_times.append(time.perf_counter() - started)
            assert opened.status_code == 302, opened.status_code
    print(
        f"Argon2id for receipt codes and passwords: opslimit={crypto.KDF_OPS}, "
        f"memlimit={crypto.KDF_MEM // (1024 * 1024)} MiB, 32-byte key"
    )
    print(f"rounds: {rounds}")
    for name, values in (
        ("file a report (send)", filing_times),
        ("open with receipt code", opening_times),
    ):
        print(
            f"{name:26s} p50 {statistics.median(values) * 1000:7.1f} ms   "
            f"p95 {percentile(values, 0.95) * 1000:7.1f} ms   max {max(values) * 1000:7.1f} ms"
        )
    worst = max(opening_times)
    print(
        f"opening with a code within 0.5 s: {'yes' if worst <= 0.5 else 'NO'} (worst {worst * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()

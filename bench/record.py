"""My record with 500 entries: the timeline page's latency and the PDF export's time.

    .venv/bin/python bench/record.py [--entries 500] [--requests 200]

Builds a fresh SQLite instance in a temporary folder, signs a person in (Argon2 at its real
cost), writes the entries through the domain (about a third of them with a second version),
then times GET /record/ (the first page: 100 entries, the chart and the chain check over
all of them) through the WSGI app in this process (service time: no HTTP server,
one request at a time) and the PDF and JSON exports. The issue asks the page to stay under
150 ms at p95 and the PDF under 5 s.
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.core.accounts import keyring, people, sessions  # noqa: E402
from portal.core.accounts.models import Person  # noqa: E402
from portal.core.accounts.roles import Role  # noqa: E402
from portal.platform import database  # noqa: E402
from portal.record import entries, starts  # noqa: E402

PASSWORD = "bench-record-password-2026"  # noqa: S105 - a throwaway instance


def content(i: int, today: date) -> dict:
    forms = [code for code, _label in entries.FORMS]
    return {
        "happened_on": (today - timedelta(days=(i * 7) % 720)).isoformat(),
        "happened_until": "",
        "time": f"{8 + i % 10:02d}:15",
        "place": f"Room {i % 12}",
        "channel": "",
        "post_url": "",
        "people": [{"name": f"Person {i % 9}", "relation": "colleague"}],
        "witnesses": "Two colleagues from the morning shift",
        "what": f"Incident {i}: " + "remarks made in front of the team, again. " * 8,
        "effect": "I slept badly and dreaded the next shift.",
        "actions": "Told my partner and a colleague.",
        "form": forms[i % len(forms)],
    }


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--lang", default="en", help="the language pages are rendered in")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-record-"))
    app = create_app(
        {
            "INSTANCE_PATH": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}",
            "SECRET_KEY": "bench-record-secret-key-0123456789-abcdefghijkl",
            "PORTAL_ENV": "testing",
            "WTF_CSRF_ENABLED": False,
            "SESSION_COOKIE_SECURE": False,
        }
    )
    with app.app_context():
        database.upgrade()
        people.create_person(
            "owner@bench.test", "Owner", PASSWORD, (Role.EMPLOYEE,), must_change_password=False
        )
    client = app.test_client()
    client.post("/language", data={"locale": args.lang})
    client.post("/sign-in", data={"email": "owner@bench.test", "password": PASSWORD})
    page = client.get("/record/recovery-code").get_data(as_text=True)
    code = re.search(r"<code>([A-Z0-9-]+)</code>", page).group(1)
    client.post("/record/recovery-code", data={"typed": code})
    today = date.today()
    started = time.perf_counter()
    with app.test_request_context():
        person = Person.get(Person.email == "owner@bench.test")
        private_key = _private_key(client)
        opened = starts.find_or_start(keyring.public_key_of(person.id), private_key)
        for i in range(args.entries):
            uid = entries.add_entry(opened, content(i, today), [], today)
            if i % 3 == 0:
                entries.edit_entry(opened, uid, content(i + 1, today), [], today)
    print(f"wrote {args.entries} entries in {time.perf_counter() - started:.1f} s")
    times = []
    for _ in range(5):
        client.get("/record/")  # warm up
    for _ in range(args.requests):
        t0 = time.perf_counter()
        response = client.get("/record/")
        times.append((time.perf_counter() - t0) * 1000)
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and f"1 to 100 of {args.entries}" in body
    print(
        f"timeline page (100 of {args.entries} entries shown), {args.requests} requests: "
        f"p50 {statistics.median(times):.1f} ms, p95 {pct(times, 0.95):.1f} ms, "
        f"max {max(times):.1f} ms (must stay under 150 ms at p95)"
    )
    for name, url in (
        ("PDF export", "/record/export.pdf"),
        ("JSON export", "/record/export.json"),
        ("zip export (PDF, JSON, files)", "/record/export.zip"),
    ):
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            response = client.get(url)
            runs.append(time.perf_counter() - t0)
            assert response.status_code == 200
        print(
            f"{name}: {min(runs):.2f} s best of 3, {max(runs):.2f} s worst, "
            f"{len(response.data) / 1024:.0f} kB"
        )


def _private_key(client) -> bytes:
    """Open the signed-in session's vault the way the portal does, to write entries directly."""
    with client.session_transaction() as cookie_session:
        token = cookie_session["_user_id"]
    person = sessions.resume(token)
    assert person is not None
    return sessions.vault_secret(person, "private_key")


if __name__ == "__main__":
    main()

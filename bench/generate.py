"""Generate a realistic organisation with many reports, encrypted as the portal encrypts them.

    .venv/bin/python bench/generate.py --reports 100000 --instance bench/instances/100k
    .venv/bin/python bench/generate.py --reports 10000 --instance bench/instances/pg10k \
        --database-url postgresql://user:pw@127.0.0.1/vertrouwd_bench

5,000 people, 200 teams, 20 advisers (key pairs wrapped under their password, TOTP enrolled
with a known secret so the load runner can sign in), and N reports spread over tracks,
categories, modes, statuses and two years of dates. Every report has its own data key, its
text encrypted with XChaCha20-Poly1305 bound to report and field, the key sealed to one or
two advisers. One honest shortcut: receipt-code wrapping would cost one Argon2id run per
report (days for a million), so generated reports share a single derived wrapping key and
carry unique lookup digests; opening with a code is measured on reports filed for real.
"""

import argparse
import json
import random
import secrets
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app
from portal.advisers.models import AdviserProfile
from portal.core.accounts import keyring, passwords
from portal.core.accounts.models import Person, PersonRole, Team, TeamMember
from portal.platform import crypto, database
from portal.platform.database import db
from portal.reports import deadlines, kinds
from portal.reports.models import Report, ReportKey

PASSWORD = "benchmark password 2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # every generated adviser's authenticator
BATCH = 2000
STATUSES = (
    ["received"] * 3
    + ["acknowledged"] * 2
    + ["in_progress"] * 3
    + ["closed"] * 5
    + ["referred", "withdrawn"]
)


def build_app(instance: Path, database_url: str | None = None):
    return create_app(
        {
            "INSTANCE_PATH": str(instance),
            "PORTAL_ENV": "development",
            "DATABASE_URL": database_url or f"sqlite:///{instance / 'portal.sqlite3'}",
        }
    )


def people(count: int, advisers: int) -> list[int]:
    """Create people, teams and advisers; return the advisers' ids."""
    hashed = passwords.hash_password(PASSWORD)
    rows = [
        {"email": f"person{i}@bench.test", "display_name": f"Person {i}", "password_hash": hashed}
        for i in range(count)
    ]
    with db.atomic():
        for start in range(0, len(rows), BATCH):
            Person.insert_many(rows[start : start + BATCH]).execute()
    ids = [p.id for p in Person.select(Person.id).order_by(Person.id)]
    roles = [{"person": i, "role": "employee"} for i in ids]
    adviser_ids = ids[:advisers]
    roles += [{"person": i, "role": "adviser"} for i in adviser_ids]
    leads = ids[advisers : advisers + 200]
    roles += [{"person": i, "role": "team_lead"} for i in leads]
    with db.atomic():
        for start in range(0, len(roles), BATCH):
            PersonRole.insert_many(roles[start : start + BATCH]).execute()
        for n, lead in enumerate(leads):
            team = Team.create(name=f"Team {n}", lead=lead)
            members = ids[advisers + 200 + n * 24 : advisers + 200 + (n + 1) * 24]
            TeamMember.insert_many([{"team": team, "person": m} for m in members]).execute()
        Person.update(totp_secret=TOTP_SECRET).where(Person.id.in_(adviser_ids)).execute()
    for person in Person.select().where(Person.id.in_(adviser_ids)):
        keyring.create(person, PASSWORD)
        AdviserProfile.create(person=person, external=person.id % 7 == 0)
    return adviser_ids


def reports(count: int, adviser_ids: list[int], seed: int = 7) -> None:
    rng = random.Random(seed)
    public_keys = {i: keyring.public_key_of(i) for i in adviser_ids}
    receipt_salt = crypto.new_salt()
    receipt_key = crypto.derive_key("bench-shared-receipt", receipt_salt)
    today = date.today()
    started = time.perf_counter()
    done = 0
    while done < count:
        batch, keys = [], []
        for _ in range(min(BATCH, count - done)):
            kind = rng.choice(kinds.CATEGORIES)
            uid = secrets.token_hex(16)
            data_key = crypto.random_key()
            # Reports arrive over two years in filing order, as in real life (ids grow with time).
            received = today - timedelta(days=730 - (done + len(batch)) * 730 // count)
            status = rng.choice(STATUSES)
            mode = rng.choice(["anonymous", "anonymous", "confidential", "named"])
            body = {
                "incidents": [{"description": "Generated incident text " * rng.randrange(2, 12)}],
                "ongoing": "yes",
                "wishes": ["advice"],
                "wish_note": "",
                "excluded": [],
            }
            row = {
                "uid": uid,
                "reference": f"VW-{received.year}-{uid[:12].upper()}",
                "track": kind.track,
                "category": kind.code,
                "mode": mode,
                "status": status,
                "received_on": received,
                "acknowledged_on": received + timedelta(days=rng.randrange(1, 9))
                if status != "received" and kind.track == kinds.INTEGRITY
                else None,
                "closed_on": received + timedelta(days=rng.randrange(10, 90))
                if status in ("closed", "referred", "withdrawn")
                else None,
                "outcome": "advice_given" if status == "closed" else None,
                "last_message_from": rng.choice([None, "reporter", "adviser"]),
                "receipt_lookup": crypto.receipt_lookup(uid),
                "receipt_salt": receipt_salt,
                "receipt_wrapped_key": crypto.encrypt(
                    receipt_key, data_key, crypto.associated_data(uid, "receipt")
                ),
                "kdf_ops": crypto.KDF_OPS,
                "kdf_mem": crypto.KDF_MEM,
                "body": crypto.encrypt_field(data_key, uid, "body", json.dumps(body)),
                "identity": None
                if mode == "anonymous"
                else crypto.encrypt_field(data_key, uid, "identity", '{"name": "Generated"}'),
            }
            shell = Report(
                **{
                    k: v
                    for k, v in row.items()
                    if k in ("track", "received_on", "acknowledged_on", "first_contact_on")
                }
            )
            shell.first_contact_on = None
            deadlines.set_due_dates(shell, 5)
            row.update(
                ack_due_on=shell.ack_due_on,
                feedback_due_on=shell.feedback_due_on,
                contact_due_on=shell.contact_due_on,
            )
            batch.append(row)
            chosen = rng.sample(adviser_ids, rng.choice([1, 1, 1, 2]))
            keys.append((uid, [(a, crypto.seal(public_keys[a], data_key)) for a in chosen]))
        with db.atomic():
            Report.insert_many(batch).execute()
            id_of = {
                r.uid: r.id
                for r in Report.select(Report.id, Report.uid).where(
                    Report.uid.in_([u for u, _ in keys])
                )
            }
            ReportKey.insert_many(
                [
                    {
                        "report": id_of[uid],
                        "person": adviser,
                        "role": "adviser",
                        "sealed_key": sealed,
                    }
                    for uid, sealed_keys in keys
                    for adviser, sealed in sealed_keys
                ]
            ).execute()
        done += len(batch)
        rate = done / (time.perf_counter() - started)
        print(f"\r{done:>9,} reports ({rate:,.0f}/s)", end="", flush=True)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--advisers", type=int, default=20)
    parser.add_argument("--instance", type=Path, required=True)
    parser.add_argument(
        "--database-url",
        help="an empty PostgreSQL database (postgresql://...); the instance folder then only "
        "holds the secret key. Give bench/scenarios.py the same URL.",
    )
    args = parser.parse_args()
    args.instance = args.instance.resolve()
    if (args.instance / "portal.sqlite3").exists() or (args.instance / "secret_key").exists():
        sys.exit(f"{args.instance} already holds an instance; choose a new folder.")
    app = build_app(args.instance, args.database_url)
    with app.app_context():
        database.upgrade()
    with db.connection_context():
        adviser_ids = people(args.people, args.advisers)
        reports(args.reports, adviser_ids)
        db.execute_sql("ANALYZE")
    print(
        f"Generated into {args.instance}: {args.people} people, {args.advisers} advisers, {args.reports:,} reports."
    )
    print(
        f"Advisers sign in as person0@bench.test ... person{args.advisers - 1}@bench.test, password {PASSWORD!r}, TOTP secret {TOTP_SECRET}."
    )


if __name__ == "__main__":
    main()

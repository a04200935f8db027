"""Time building the yearly report's figures over a large year (issue 14).

    .venv/bin/python bench/yearly.py --instance bench/instances/yearly
    .venv/bin/python bench/yearly.py --instance bench/instances/yearly-pg \
        --database-url postgresql://user:pw@127.0.0.1/vertrouwd_yearly

Generates metadata-only report rows (the figures read no content, so none is generated) and
consultations, N of each in the measured year and as many again in the year before (the report
shows both), then builds the figures and the suppressed snapshot several times and prints the
timings and the top of the figures. A database already filled is reused.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app
from portal.insights import consultations as c
from portal.insights import figures, publication
from portal.insights.models import Consultation
from portal.platform import database
from portal.platform.database import db
from portal.reports import deadlines, kinds
from portal.reports.models import Report

BATCH = 5000


def report_rows(rng: random.Random, year: int, count: int, offset: int):
    codes = [k.code for k in kinds.CATEGORIES]
    modes = [m.code for m in kinds.MODES]
    outcomes = [code for code, _ in kinds.OUTCOMES] + [None, None]
    sources = [code for code, _ in c.SOURCES] + [None]
    for n in range(count):
        category = rng.choice(codes)
        track = kinds.CATEGORY_BY_CODE[category].track
        received = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        acknowledged = received + timedelta(days=rng.randrange(1, 10))
        outcome = rng.choice(outcomes)
        closed = received + timedelta(days=rng.randrange(10, 120)) if outcome else None
        ident = f"y{offset + n}"
        yield {
            "uid": ident,
            "reference": ident,
            "track": track,
            "category": category,
            "mode": rng.choice(modes),
            "status": "closed" if outcome else "in_progress",
            "received_on": received,
            "acknowledged_on": acknowledged,
            "closed_on": closed,
            "outcome": outcome,
            "first_contact_on": received + timedelta(days=rng.randrange(0, 15)),
            "ack_due_on": received + deadlines.ACKNOWLEDGE_WITHIN
            if track == kinds.INTEGRITY
            else None,
            "feedback_due_on": deadlines.add_months(acknowledged, 3)
            if track == kinds.INTEGRITY
            else None,
            "receipt_lookup": ident,
            "receipt_salt": b"",
            "receipt_wrapped_key": b"",
            "kdf_ops": 0,
            "kdf_mem": 0,
            "body": b"",
            "source": rng.choice(sources),
            "several_forms": rng.random() < 0.1,
            "oral": False,
        }


def consultation_rows(rng: random.Random, year: int, count: int, offset: int):
    codes = [k.code for k in kinds.CATEGORIES]
    for n in range(count):
        category = rng.choice(codes)
        outcome = rng.choice([code for code, _ in c.OUTCOMES])
        yield {
            "uid": f"c{offset + n}",
            "held_on": date(year, 1, 1) + timedelta(days=rng.randrange(365)),
            "channel": rng.choice([code for code, _ in c.CHANNELS]),
            "track": kinds.CATEGORY_BY_CODE[category].track,
            "category": category,
            "visitor": rng.choice([code for code, _ in c.VISITORS]),
            "source": rng.choice([code for code, _ in c.SOURCES]),
            "outcome": outcome,
            "referral": rng.choice([code for code, _ in c.REFERRALS])
            if outcome == "referral"
            else None,
            "created_on": date(year, 12, 31),
        }


def insert(model, rows, label: str) -> None:
    """Insert plain tuples with the driver's executemany (the model layer would be the
    bottleneck at a million rows); the database's triggers keep the tallies as in production."""
    started, batch, done = time.perf_counter(), [], 0
    columns = None
    for row in rows:
        if columns is None:
            columns = list(row)
            marks = ", ".join([db.param] * len(columns))
            sql = f"INSERT INTO {model._meta.table_name} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 - names from the model
        batch.append(tuple(row[c] for c in columns))
        if len(batch) == BATCH:
            with db.atomic():
                db.cursor().executemany(sql, batch)
            done += len(batch)
            batch = []
            print(f"\r{label}: {done:>9,}", end="", flush=True)
    if batch:
        with db.atomic():
            db.cursor().executemany(sql, batch)
        done += len(batch)
    print(f"\r{label}: {done:>9,} in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--consultations", type=int, default=200_000)
    parser.add_argument("--year", type=int, default=date.today().year - 1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--instance", type=Path, required=True)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    instance = args.instance.resolve()
    instance.mkdir(parents=True, exist_ok=True)
    app = create_app(
        {
            "INSTANCE_PATH": str(instance),
            "PORTAL_ENV": "development",
            "DATABASE_URL": args.database_url or f"sqlite:///{instance / 'portal.sqlite3'}",
        }
    )
    with app.app_context():
        database.upgrade()
        if not Report.select().exists():
            rng = random.Random(14)  # noqa: S311 - benchmark data
            for n, year in enumerate((args.year - 1, args.year)):
                insert(
                    Report,
                    report_rows(rng, year, args.reports, n * args.reports),
                    f"reports {year}",
                )
                insert(
                    Consultation,
                    consultation_rows(rng, year, args.consultations, n * args.consultations),
                    f"consultations {year}",
                )
            db.execute_sql("ANALYZE")
        backend = "PostgreSQL" if database.is_postgres() else "SQLite"
        print(
            f"{backend}: {Report.select().count():,} reports, "
            f"{Consultation.select().count():,} consultations in the database"
        )
        today = date(args.year + 1, 1, 15)
        build_times, snap_times = [], []
        for _run in range(args.runs):
            started = time.perf_counter()
            built = figures.build(args.year, today)
            build_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            snap = publication.prepare(built, 5).snap  # with every earlier publication
            snap_times.append(time.perf_counter() - started)
        total = [b + s for b, s in zip(build_times, snap_times, strict=True)]
        print(
            f"figures for {args.year} and {args.year - 1}: "
            f"median {statistics.median(build_times):.3f} s (counting), "
            f"{statistics.median(snap_times):.3f} s (suppression), "
            f"{statistics.median(total):.3f} s together; slowest {max(total):.3f} s "
            f"over {args.runs} runs"
        )
        by_form = built.tables["by_form"].columns
        print(
            "reports this year:",
            by_form[("reports", args.year)]["total"],
            "consultations this year:",
            by_form[("consultations", args.year)]["total"],
        )
        for rate in snap["rates"]:
            print(" ", rate)


if __name__ == "__main__":
    main()

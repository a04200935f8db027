"""The integrity clock read from the tally agrees with a full count of the report rows.

The tally (migrations/0035) answers "met, missed or running on this day" for every day from a
few thousand rows; the full count below is how the figures were counted before it, straight
from the report rows. Both must agree on every day, after reports are acknowledged, answered,
corrected, reopened and moved between years, on SQLite and on PostgreSQL.
"""

import importlib.util
import random
from datetime import date, timedelta
from pathlib import Path

from peewee import SQL, Case, fn

from portal.core.accounts import keyring
from portal.insights import figures
from portal.insights.models import InsightTally
from portal.platform.database import db, is_postgres
from portal.reports import deadlines, kinds
from portal.reports.models import Report
from portal.reports.opening import open_with_private_key
from portal.triage import corrections, workflow
from tests.conftest import PASSWORD, make_adviser
from tests.factories import file_report
from tests.insights.helpers import report_row

DAY = timedelta(days=1)
YEARS = (2025, 2026)


def full_count(year: int, day: date) -> dict[str, dict[str, int]]:
    """Count the year's integrity reports from their rows, as figures did before the tally."""
    r = Report
    acked, closed = r.acknowledged_on <= day, r.closed_on <= day
    not_acked = r.acknowledged_on.is_null() | (r.acknowledged_on > day)
    not_closed = r.closed_on.is_null() | (r.closed_on > day)
    sums = [
        Case(None, [(acked & (r.acknowledged_on <= r.ack_due_on), 1)], 0),
        Case(None, [(not_acked & (r.ack_due_on >= day), 1)], 0),
        Case(None, [(closed & (r.closed_on <= r.feedback_due_on), 1)], 0),
        Case(None, [(not_closed & (r.feedback_due_on >= day), 1)], 0),
    ]
    total, *counts = (
        Report.select(fn.COUNT(SQL("*")), *[fn.SUM(x) for x in sums])
        .where(
            (r.track == kinds.INTEGRITY)
            & r.received_on.between(date(year, 1, 1), date(year, 12, 31))
            & r.request.is_null()
        )
        .tuples()
        .get()
    )
    total = int(total or 0)
    ack_met, ack_running, fed_met, fed_running = (int(n or 0) for n in counts)
    return {
        "integrity_acknowledged": {
            "met": ack_met,
            "missed": total - ack_met - ack_running,
            "running": ack_running,
        },
        "integrity_feedback": {
            "met": fed_met,
            "missed": total - fed_met - fed_running,
            "running": fed_running,
        },
    }


def tallied(year: int, day: date) -> dict[str, dict[str, int]]:
    built = figures.build(year, day, clock_day=day)
    found = {}
    for key in figures.DEADLINE_TABLES:
        counts = built.tables[key].columns[("reports", year)]
        found[key] = {code: counts[f"deadline:{code}"] for code in ("met", "missed", "running")}
    return found


def days_to_check(rng: random.Random) -> list[date]:
    """Days across both years and the next, with every due day of a report and the day after."""
    days = {date(2025, 1, 1), date(2026, 1, 7), date(2026, 1, 8), date(2027, 6, 1)}
    for row in Report.select():
        for due in (row.ack_due_on, row.feedback_due_on, row.acknowledged_on, row.closed_on):
            if due and rng.random() < 0.3:
                days.update({due - DAY, due, due + DAY})
    return sorted(days)


def assert_agree(rng: random.Random) -> int:
    checked = 0
    for day in days_to_check(rng):
        for year in YEARS:
            assert tallied(year, day) == full_count(year, day), (year, day)
            checked += 1
    return checked


def integrity_row(rng: random.Random, received: date) -> Report:
    report = report_row(received, rng.choice(["violation", "misstand", "bullying"]))
    deadlines.set_due_dates(report, 5)
    report.save()
    return report


def test_the_tally_agrees_with_the_full_count_as_reports_change(app):
    rng = random.Random(35)
    with app.app_context():
        rows = [
            integrity_row(rng, date(2025, 1, 1) + timedelta(days=rng.randrange(730)))
            for _n in range(80)
        ]
        # A conversation request is never a report, until its minutes make it one.
        request = report_row(date(2026, 3, 3), "violation", request="conversation")
        deadlines.set_due_dates(request, 5)
        request.save()
        assert_agree(rng)
        for row in rows:
            row = Report.get_by_id(row.id)
            step = rng.random()
            if step < 0.7:  # acknowledged, as workflow.acknowledge does: in time or late
                row.acknowledged_on = row.received_on + timedelta(days=rng.randrange(0, 12))
                row.feedback_due_on = deadlines.feedback_due(row)
                row.save()
            if step < 0.5:  # answered (concluded): in time or late
                row.closed_on = row.acknowledged_on + timedelta(days=rng.randrange(0, 120))
                row.outcome, row.status = "advice_given", "closed"
                row.save()
        assert_agree(rng)
        # Corrections: another kind and track, a corrected acknowledgement, a reopened report.
        for row in rows[:10]:
            row = Report.get_by_id(row.id)
            row.category = "bullying" if row.track == kinds.INTEGRITY else "violation"
            row.track = kinds.CATEGORY_BY_CODE[row.category].track
            deadlines.set_due_dates(row, 5)
            row.save()
        for row in rows[10:15]:  # the acknowledgement's day corrected: two days late after all
            row = Report.get_by_id(row.id)
            if row.ack_due_on:
                Report.update(acknowledged_on=row.ack_due_on + 2 * DAY).where(
                    Report.id == row.id
                ).execute()
        Report.update(closed_on=None, outcome=None, status="in_progress").where(
            Report.id.in_([r.id for r in rows[15:20]])
        ).execute()
        # Moved between years: a receipt dated back into the year before, and forward again.
        Report.update(received_on=date(2025, 12, 30)).where(
            Report.id.in_([r.id for r in rows[20:25]])
        ).execute()
        Report.update(received_on=date(2026, 1, 2)).where(
            Report.id.in_([r.id for r in rows[25:28]])
        ).execute()
        Report.update(request=None).where(Report.id == request.id).execute()
        assert assert_agree(rng) > 50
        moved = Report.get_by_id(rows[20].id)
        assert moved.received_on.year == 2025 and any(
            tallied(2025, date(2027, 1, 1))[key]["missed"] for key in figures.DEADLINE_TABLES
        )


def test_the_domain_functions_move_the_tally(app):
    received = date(2026, 4, 1)
    with app.app_context():
        adviser = make_adviser()
        private_key = keyring.unlock(
            keyring.KeyRing.get(keyring.KeyRing.person == adviser), PASSWORD
        )
        filed = file_report([adviser.id], category="violation", today=received)

        def opened():
            report = Report.get_by_id(filed.report.id)
            return open_with_private_key(report, adviser, private_key, "adviser")

        on = date(2026, 12, 31)
        assert tallied(2026, on) == full_count(2026, on)
        assert tallied(2026, on)["integrity_acknowledged"]["missed"] == 1
        workflow.acknowledge(opened(), adviser, "Received, thank you.", received + 3 * DAY)
        assert tallied(2026, on)["integrity_acknowledged"]["met"] == 1
        workflow.conclude(opened(), adviser, "advice_given", today=received + 200 * DAY)
        assert tallied(2026, on)["integrity_feedback"] == {"met": 0, "missed": 1, "running": 0}
        workflow.reopen(opened(), adviser, today=received + 201 * DAY)
        corrections.reclassify(opened(), adviser, "bullying", received + 202 * DAY, 5)
        # Unwanted behaviour has no legal clock: the report leaves both tables.
        for key in figures.DEADLINE_TABLES:
            assert tallied(2026, on)[key] == {"met": 0, "missed": 0, "running": 0}
        assert tallied(2026, on) == full_count(2026, on)


def migration():
    path = Path(__file__).resolve().parents[2] / "migrations" / "0035_integrity_clock_tally.py"
    spec = importlib.util.spec_from_file_location("clock_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clock_rows() -> dict:
    rows = InsightTally.select().where(
        InsightTally.dimension.in_(list(figures.CLOCK_TABLES)) & (InsightTally.n > 0)
    )
    return {(r.period, r.dimension, r.code): r.n for r in rows}


def test_the_migration_counts_the_reports_filed_before_it(app):
    rng = random.Random(7)
    with app.app_context():
        for n in range(30):
            row = integrity_row(rng, date(2025, 11, 20) + timedelta(days=n * 3))
            if n % 3:
                row.acknowledged_on = row.received_on + timedelta(days=n % 10)
                row.feedback_due_on = deadlines.feedback_due(row)
                row.closed_on = row.acknowledged_on + timedelta(days=n * 5) if n % 2 else None
                row.save()
        Report.update(ack_due_on=None).where(Report.id == row.id).execute()  # no due day
        expected = clock_rows()
        assert len(expected) > 20
        InsightTally.delete().where(
            InsightTally.dimension.in_(list(figures.CLOCK_TABLES))
        ).execute()
        for statement in migration().backfill_statements(is_postgres()):
            db.execute_sql(statement)
        assert clock_rows() == expected


def test_retention_leaves_the_clock_adding_up_to_the_integrity_row(app):
    rng = random.Random(11)
    with app.app_context():
        rows = [integrity_row(rng, date(2025, 3, 3)) for _n in range(12)]
        Report.update(acknowledged_on=date(2025, 3, 5), closed_on=date(2025, 4, 1)).execute()
        before = tallied(2025, date(2026, 6, 1))
        Report.delete().where(Report.id.in_([r.id for r in rows[:4]])).execute()
        built = figures.build(2025, date(2026, 6, 1))
        assert tallied(2025, date(2026, 6, 1)) == before  # statistics, with no link back
        integrity = built.tables["by_form"].columns[("reports", 2025)]["track:integrity"]
        for key in figures.DEADLINE_TABLES:
            assert built.tables[key].columns[("reports", 2025)]["total"] == integrity

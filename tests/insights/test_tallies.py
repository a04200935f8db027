"""The tally the database triggers keep agrees with the report and consultation rows."""

import random
from collections import Counter
from datetime import date, timedelta

from portal.insights import figures
from portal.insights.models import Consultation, InsightTally
from portal.platform.database import db, is_postgres
from portal.reports import kinds
from portal.reports.models import Report
from tests.insights.helpers import consultation_row, report_row

TODAY = date(2026, 11, 30)


def quarter(day: date) -> int:
    return day.year * 10 + (day.month + 2) // 3


def direct_counts(rows) -> Counter:
    """Count report rows per quarter and dimension straight from the rows, as the tally should."""
    found = Counter()
    for row in rows:
        period = quarter(row.received_on)
        found[(period, "category", row.category)] += 1
        found[(period, "mode", row.mode)] += 1
        found[(period, "source", row.source or "unknown")] += 1
        found[(period, "outcome", row.outcome or "open")] += 1
        found[(period, "several", "several" if row.several_forms else "one")] += 1
        if row.first_contact_on:
            days = (row.first_contact_on - row.received_on).days
            found[(period, "reply_days", str(days))] += 1
        if row.track == kinds.INTEGRITY:  # the legal clock (migrations/0035)
            for dimension, handled, due in (
                ("ack_clock", row.acknowledged_on, row.ack_due_on),
                ("feedback_clock", row.closed_on, row.feedback_due_on),
            ):
                met = handled and due and handled <= due
                code = f"met:{handled}" if met else f"due:{due or ''}"
                found[(period, dimension, code)] += 1
    return found


def tallied(series: str = "reports") -> Counter:
    rows = InsightTally.select().where((InsightTally.series == series) & (InsightTally.n > 0))
    return Counter({(r.period, r.dimension, r.code): r.n for r in rows})


def test_insert_and_update_move_the_counts_and_retention_keeps_them(app):
    rng = random.Random(3)
    with app.app_context():
        rows = []
        for _n in range(60):
            received = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
            rows.append(
                report_row(
                    received,
                    rng.choice([k.code for k in kinds.CATEGORIES]),
                    mode=rng.choice(["anonymous", "named"]),
                    source=rng.choice([None, "colleague", "manager"]),
                    first_contact_on=received + timedelta(days=rng.randrange(5))
                    if rng.random() < 0.7
                    else None,
                )
            )
        # Changes as the workflow and the adviser make them, through save() and update().
        for row in rows[:20]:
            row.outcome, row.status = "advice_given", "closed"
            row.save()
        Report.update(source="outsider", several_forms=True).where(
            Report.id.in_([r.id for r in rows[20:30]])
        ).execute()
        Report.update(first_contact_on=date(2026, 6, 1)).where(Report.id == rows[30].id).execute()
        Report.update(received_on=date(2024, 12, 31)).where(Report.id == rows[31].id).execute()
        # Retention deletes closed reports; the counts stay (statistics, no link back).
        removed = [Report.get_by_id(r.id) for r in rows[40:45]]
        Report.delete().where(Report.id.in_([r.id for r in removed])).execute()
        assert tallied() == direct_counts([*removed, *Report.select()])


def test_consultations_are_tallied(app):
    with app.app_context():
        first = consultation_row(date(2026, 2, 1), outcome="referral", referral="police")
        consultation_row(date(2026, 2, 1), outcome="referral", referral="police")
        consultation_row(date(2026, 8, 1), "aggression", channel="email")
        with db.atomic():
            Consultation.update(outcome="advice", referral=None).where(
                Consultation.id == first.id
            ).execute()
        tally = tallied("consultations")
        assert tally[(20261, "outcome", "police")] == 1
        assert tally[(20261, "outcome", "advice")] == 1
        assert tally[(20261, "category", "bullying")] == 2
        assert tally[(20263, "channel", "email")] == 1
        built = figures.build(2026, TODAY)
    outcomes = built.tables["consultation_outcomes"].columns[("consultations", 2026)]
    assert outcomes["referral:police"] == 1 and outcomes["outcome:referral"] == 1
    assert outcomes["outcome:advice"] == 2 and outcomes["total"] == 3


def test_the_migration_counts_reports_filed_before_it(app):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "migrations" / "0010_insights.py"
    spec = importlib.util.spec_from_file_location("insights_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with app.app_context():
        for n in range(7):
            report_row(date(2025, 3, 1), first_contact_on=date(2025, 3, 1 + n % 3))
        expected = tallied()
        InsightTally.delete().execute()
        for statement in migration.backfill_statements(is_postgres()):
            db.execute_sql(statement)
        assert tallied() == expected

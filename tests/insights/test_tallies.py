"""The tallies the database triggers keep agree with the report and consultation rows."""

import random
from collections import Counter
from datetime import date, timedelta

from portal.database import db
from portal.insights import figures
from portal.insights.models import Consultation, ConsultationTally, ReplyTally, ReportTally
from portal.reports import kinds
from portal.reports.models import Report
from tests.insights.helpers import consultation_row, report_row

TODAY = date(2026, 11, 30)


def direct_counts(year: int, kept=()) -> Counter:
    """Count the report rows of a year straight from the table, as the tally should."""
    found = Counter()
    for row in [*kept, *Report.select()]:
        if not date(year, 1, 1) <= row.received_on <= date(year, 12, 31):
            continue
        found[
            (row.category, row.mode, row.source or "", int(row.several_forms), row.outcome or "")
        ] += 1
    return found


def tallied(year: int) -> Counter:
    t = ReportTally
    rows = t.select().where(t.period.between(year * 10 + 1, year * 10 + 4) & (t.n > 0))
    found = Counter()
    for row in rows:
        found[(row.category, row.mode, row.source, row.several_forms, row.outcome)] += row.n
    return found


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
        # Retention deletes closed reports; the year's counts stay (statistics, no link back).
        removed = [Report.get_by_id(r.id) for r in rows[40:45]]
        Report.delete().where(Report.id.in_([r.id for r in removed])).execute()
        for year in (2024, 2025, 2026):
            assert tallied(year) == direct_counts(year, kept=removed), year
        for year in (2025, 2026):
            expected = Counter(
                (r.first_contact_on - r.received_on).days
                for r in [*removed, *Report.select()]
                if r.received_on.year == year and r.first_contact_on is not None
            )
            got = {
                row.days: row.n
                for row in ReplyTally.select().where((ReplyTally.year == year) & (ReplyTally.n > 0))
            }
            assert got == dict(expected)


def test_consultations_are_tallied(app):
    with app.app_context():
        first = consultation_row(date(2026, 2, 1), outcome="referral", referral="police")
        consultation_row(date(2026, 2, 1), outcome="referral", referral="police")
        consultation_row(date(2026, 8, 1), "aggression")
        with db.atomic():
            Consultation.update(outcome="advice", referral=None).where(
                Consultation.id == first.id
            ).execute()
        tally = {
            (row.period, row.category, row.referral): row.n
            for row in ConsultationTally.select().where(ConsultationTally.n > 0)
        }
        assert tally == {
            (20261, "bullying", "police"): 1,
            (20261, "bullying", ""): 1,
            (20263, "aggression", ""): 1,
        }
        built = figures.build(2026, TODAY)
    outcomes = built.tables["consultation_outcomes"].columns[("consultations", 2026)]
    assert (
        outcomes["referral:police"] == 1
        and outcomes["outcome:advice"] == 2
        and outcomes["total"] == 3
    )


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
        expected_reports, expected_replies = tallied(2025), list(ReplyTally.select().tuples())
        ReportTally.delete().execute()
        ReplyTally.delete().execute()
        from portal.database import is_postgres

        for statement in migration.tally_statements(is_postgres())[-2:]:
            db.execute_sql(statement)
        assert tallied(2025) == expected_reports
        assert sorted(r[1:] for r in ReplyTally.select().tuples()) == sorted(
            r[1:] for r in expected_replies
        )

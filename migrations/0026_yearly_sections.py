"""The sections advisers write every year (issue 23, item 4).

The advisers' activity register, the signatures of the advisers listed on a year's report, the
recommendations with a stable id (the prevention issue's measures link to them), the frozen
sections of each published version, and a tally of when each report was closed and how long it
took (by the quarter of receipt, like the rest of the tally), so that the yearly figures read
"open and closed at the year's end" and the case duration from a few hundred rows.
"""

# ruff: noqa: S608 - the SQL below is assembled from constants in this file, never from input

from peewee import CharField, DateField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import migrate


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        class Meta:
            table_name = "person"

    class AdviserActivity(Base):
        year = IntegerField()
        month = IntegerField()  # 1 to 12: no day, the register is kept by the month
        kind = CharField()
        description = CharField(default="")
        participants = IntegerField(null=True)
        adviser = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        created_on = DateField()

        class Meta:
            indexes = ((("year", "month"), False),)

    class YearlySignature(Base):
        year = IntegerField()
        person = ForeignKeyField(Person, on_delete="CASCADE")
        signed_on = DateField()

        class Meta:
            indexes = ((("year", "person"), True),)

    class YearlyRecommendation(Base):
        uid = CharField(unique=True)
        year = IntegerField(index=True)
        position = IntegerField(default=0)
        text = TextField()

    db.create_tables([AdviserActivity, YearlySignature, YearlyRecommendation])
    migrate(migrator.add_column("yearly_report", "sections", TextField(default="")))
    postgres = db.__class__.__name__.startswith(("Postgres", "PooledPostgres"))
    for statement in closing_statements(postgres):
        db.execute_sql(statement)


# One tally row per quarter of receipt and "closing year:days from receipt to closing". Like the
# rest of the tally, deleting a report (retention) leaves its count standing.
def _expressions(postgres: bool, r: str) -> tuple[str, str]:
    if postgres:
        period = (
            f"(EXTRACT(YEAR FROM {r}.received_on)::int * 10"
            f" + EXTRACT(QUARTER FROM {r}.received_on)::int)"
        )
        code = (
            f"(EXTRACT(YEAR FROM {r}.closed_on)::int)::text || ':'"
            f" || ({r}.closed_on - {r}.received_on)::text"
        )
        return period, code
    period = (
        f"(CAST(strftime('%Y', {r}.received_on) AS INTEGER) * 10"
        f" + (CAST(strftime('%m', {r}.received_on) AS INTEGER) + 2) / 3)"
    )
    code = (
        f"strftime('%Y', {r}.closed_on) || ':' || CAST(CAST(julianday({r}.closed_on)"
        f" - julianday({r}.received_on) AS INTEGER) AS TEXT)"
    )
    return period, code


def _count_in(postgres: bool, r: str) -> str:
    period, code = _expressions(postgres, r)
    return (
        "INSERT INTO insight_tally (period, series, dimension, code, n)"
        f" SELECT {period}, 'reports', 'closing', {code}, 1 WHERE {r}.closed_on IS NOT NULL"
        " ON CONFLICT (period, series, dimension, code) DO UPDATE SET n = insight_tally.n + 1"
    )


def _count_out(postgres: bool, r: str) -> str:
    period, code = _expressions(postgres, r)
    return (
        f"UPDATE insight_tally SET n = n - 1 WHERE period = {period} AND series = 'reports'"
        f" AND dimension = 'closing' AND code = {code} AND {r}.closed_on IS NOT NULL"
    )


def closing_statements(postgres: bool) -> list[str]:
    """Return the SQL that creates the closing triggers and counts the reports closed before."""
    period, code = _expressions(postgres, "report")
    backfill = (
        "INSERT INTO insight_tally (period, series, dimension, code, n)"
        f" SELECT {period}, 'reports', 'closing', {code}, COUNT(*) FROM report"
        " WHERE closed_on IS NOT NULL GROUP BY 1, 4"
    )
    if postgres:
        return [
            "CREATE FUNCTION report_closing_move() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            "  IF TG_OP = 'UPDATE' THEN\n"
            f"    {_count_out(True, 'OLD')};\n"
            "  END IF;\n"
            f"  {_count_in(True, 'NEW')};\n"
            "  RETURN NULL;\n"
            "END $$",
            "CREATE TRIGGER report_closing AFTER INSERT OR UPDATE OF received_on, closed_on"
            " ON report FOR EACH ROW EXECUTE FUNCTION report_closing_move()",
            backfill,
        ]
    return [
        f"CREATE TRIGGER report_closing_insert AFTER INSERT ON report BEGIN {_count_in(False, 'NEW')}; END",
        "CREATE TRIGGER report_closing_update AFTER UPDATE OF received_on, closed_on ON report"
        f" BEGIN {_count_out(False, 'OLD')}; {_count_in(False, 'NEW')}; END",
        backfill,
    ]

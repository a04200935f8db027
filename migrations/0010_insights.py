"""Consultations, who the behaviour came from on reports, the yearly report's drafts and versions."""

# ruff: noqa: S608 - the SQL below is assembled from constants in this file, never from input

import datetime

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.migrate import migrate

# Frozen copies of the models as they were when this migration was written.


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        class Meta:
            table_name = "person"

    migrate(
        migrator.add_column("report", "source", CharField(null=True)),
        migrator.add_column("report", "several_forms", BooleanField(default=False)),
        # The integrity clock is summed straight from the report rows of one track and year.
        migrator.add_index(
            "report",
            (
                "track",
                "received_on",
                "acknowledged_on",
                "ack_due_on",
                "closed_on",
                "feedback_due_on",
            ),
            False,
        ),
    )

    class Consultation(Base):
        uid = CharField(unique=True)
        adviser = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        held_on = DateField()
        channel = CharField()
        track = CharField()
        category = CharField()
        visitor = CharField()
        source = CharField()
        outcome = CharField()
        referral = CharField(null=True)
        note_key = BlobField(null=True)
        note = BlobField(null=True)
        created_on = DateField(default=datetime.date.today)

        class Meta:
            indexes = ((("adviser", "held_on"), False),)

    class YearlyDraft(Base):
        year = IntegerField(unique=True)
        body = BlobField(null=True)
        updated_at = DateTimeField(null=True)
        updated_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")

    class YearlyDraftKey(Base):
        draft = ForeignKeyField(YearlyDraft, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE")
        sealed_key = BlobField()

        class Meta:
            indexes = ((("draft", "person"), True),)

    class YearlyReport(Base):
        year = IntegerField()
        version = IntegerField()
        published_on = DateField()
        published_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        min_cell = IntegerField()
        figures = TextField()
        observations = TextField(default="")
        recommendations = TextField(default="")
        prevention = TextField(default="")
        correction = TextField(default="")

        class Meta:
            indexes = ((("year", "version"), True),)

    class InsightTally(Base):
        series = CharField()  # "reports" or "consultations"
        period = IntegerField()  # year * 10 + quarter (of receipt, or of the conversation)
        dimension = CharField()  # category, mode, source, outcome, ...
        code = CharField()
        n = IntegerField(default=0)

        class Meta:
            indexes = ((("period", "series", "dimension", "code"), True),)

    db.create_tables([Consultation, YearlyDraft, YearlyDraftKey, YearlyReport, InsightTally])
    postgres = db.__class__.__name__.startswith(("Postgres", "PooledPostgres"))
    for statement in tally_statements(postgres):
        db.execute_sql(statement)


# A tally kept by triggers, so that the yearly figures read a few hundred rows instead of a
# million: every insert or change of a report or consultation moves one count per dimension.
# Removing a row does not: retention deletes closed reports after a year, and the counts of
# that year (statistics, without any link to a report) must still stand beside the next year's.

REPORT_WATCHED = "received_on, category, mode, source, several_forms, outcome, first_contact_on"
CONSULTATION_WATCHED = "held_on, category, channel, visitor, source, outcome, referral"


def _expressions(postgres: bool) -> dict:
    if postgres:
        return {
            "period": "(EXTRACT(YEAR FROM {r}.{day})::int * 10 + EXTRACT(QUARTER FROM {r}.{day})::int)",
            "days": "({r}.first_contact_on - {r}.received_on)::text",
        }
    return {
        "period": "(CAST(strftime('%Y', {r}.{day}) AS INTEGER) * 10"
        " + (CAST(strftime('%m', {r}.{day}) AS INTEGER) + 2) / 3)",
        "days": "CAST(CAST(julianday({r}.first_contact_on) - julianday({r}.received_on)"
        " AS INTEGER) AS TEXT)",
    }


def _dimensions(e: dict, r: str) -> dict[str, list[tuple[str, str, str]]]:
    """Per series: (dimension, code expression, condition) counted for one row."""
    return {
        "reports": [
            ("category", f"{r}.category", ""),
            ("mode", f"{r}.mode", ""),
            ("source", f"COALESCE({r}.source, 'unknown')", ""),
            ("outcome", f"COALESCE({r}.outcome, 'open')", ""),
            ("several", f"CASE WHEN {r}.several_forms THEN 'several' ELSE 'one' END", ""),
            ("reply_days", e["days"].format(r=r), f"{r}.first_contact_on IS NOT NULL"),
        ],
        "consultations": [
            ("category", f"{r}.category", ""),
            ("channel", f"{r}.channel", ""),
            ("visitor", f"{r}.visitor", ""),
            ("source", f"{r}.source", ""),
            ("outcome", f"COALESCE({r}.referral, {r}.outcome)", ""),
        ],
    }


TABLE_OF = {"reports": ("report", "received_on"), "consultations": ("consultation", "held_on")}


def _moves(e: dict, series: str, r: str, sign: str) -> list[str]:
    """The statements that count one row in (sign '+') or out ('-') of the tally."""
    period = e["period"].format(r=r, day=TABLE_OF[series][1])
    statements = []
    for dimension, code, condition in _dimensions(e, r)[series]:
        if sign == "+":
            statements.append(
                "INSERT INTO insight_tally (period, series, dimension, code, n)"
                f" SELECT {period}, '{series}', '{dimension}', {code}, 1"
                f" WHERE {condition or '1 = 1'}"
                " ON CONFLICT (period, series, dimension, code)"
                " DO UPDATE SET n = insight_tally.n + 1"
            )
        else:
            statements.append(
                f"UPDATE insight_tally SET n = n - 1 WHERE period = {period}"
                f" AND series = '{series}' AND dimension = '{dimension}' AND code = {code}"
                + (f" AND {condition}" if condition else "")
            )
    return statements


def tally_statements(postgres: bool) -> list[str]:
    """Return the SQL that creates the tally triggers and fills the tally from existing rows."""
    e = _expressions(postgres)
    statements = []
    for series, (table, _day) in TABLE_OF.items():
        ins, outs = _moves(e, series, "NEW", "+"), _moves(e, series, "OLD", "-")
        watched = REPORT_WATCHED if table == "report" else CONSULTATION_WATCHED
        if postgres:
            statements.append(
                f"CREATE FUNCTION {table}_tally_move() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                "BEGIN\n"
                "  IF TG_OP = 'UPDATE' THEN\n"
                + "".join(f"    {s};\n" for s in outs)
                + "  END IF;\n"
                + "".join(f"  {s};\n" for s in ins)
                + "  RETURN NULL;\n"
                "END $$"
            )
            statements.append(
                f"CREATE TRIGGER {table}_tally AFTER INSERT OR UPDATE OF {watched}"
                f" ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_tally_move()"
            )
        else:
            statements += [
                f"CREATE TRIGGER {table}_tally_insert AFTER INSERT ON {table} BEGIN "
                + "; ".join(ins)
                + "; END",
                f"CREATE TRIGGER {table}_tally_update AFTER UPDATE OF {watched} ON {table} BEGIN "
                + "; ".join(outs + ins)
                + "; END",
            ]
    statements += backfill_statements(postgres)
    return statements


def backfill_statements(postgres: bool) -> list[str]:
    """Count the reports filed before this migration (consultations are new with it)."""
    e = _expressions(postgres)
    period = e["period"].format(r="report", day="received_on")
    return [
        "INSERT INTO insight_tally (period, series, dimension, code, n)"
        f" SELECT {period}, 'reports', '{dimension}', {code}, COUNT(*) FROM report"
        f" WHERE {condition or '1 = 1'} GROUP BY 1, 4"
        for dimension, code, condition in _dimensions(e, "report")["reports"]
    ]

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

    class ReportTally(Base):
        period = IntegerField()  # year * 10 + quarter of received_on
        category = CharField()
        mode = CharField()
        source = CharField()  # "" when not recorded
        several_forms = IntegerField()
        outcome = CharField()  # "" while open
        n = IntegerField(default=0)

        class Meta:
            indexes = (
                (("period", "category", "mode", "source", "several_forms", "outcome"), True),
            )

    class ReplyTally(Base):
        year = IntegerField()
        days = IntegerField()  # days from receipt to an adviser's first reply
        n = IntegerField(default=0)

        class Meta:
            indexes = ((("year", "days"), True),)

    class ConsultationTally(Base):
        period = IntegerField()
        category = CharField()
        channel = CharField()
        visitor = CharField()
        source = CharField()
        outcome = CharField()
        referral = CharField()  # "" when not referred
        n = IntegerField(default=0)

        class Meta:
            indexes = (
                (
                    (
                        "period",
                        "category",
                        "channel",
                        "visitor",
                        "source",
                        "outcome",
                        "referral",
                    ),
                    True,
                ),
            )

    db.create_tables(
        [
            Consultation,
            YearlyDraft,
            YearlyDraftKey,
            YearlyReport,
            ReportTally,
            ReplyTally,
            ConsultationTally,
        ]
    )
    postgres = db.__class__.__name__.startswith(("Postgres", "PooledPostgres"))
    for statement in tally_statements(postgres):
        db.execute_sql(statement)


# Tallies kept by triggers, so that the yearly figures read a few thousand rows instead of a
# million: every insert or change of a report or consultation moves its count. Removing a row
# does not: retention deletes closed reports after a year, and the counts of that year (the
# statistics, without any link to a report) must still stand beside the next year's.

REPORT_KEY = ("period", "category", "mode", "source", "several_forms", "outcome")
CONSULTATION_KEY = ("period", "category", "channel", "visitor", "source", "outcome", "referral")
REPORT_WATCHED = "received_on, category, mode, source, several_forms, outcome, first_contact_on"
CONSULTATION_WATCHED = "held_on, category, channel, visitor, source, outcome, referral"


def _expressions(postgres: bool) -> dict:
    if postgres:
        return {
            "year": "EXTRACT(YEAR FROM {r}.{day})::int",
            "period": "(EXTRACT(YEAR FROM {r}.{day})::int * 10 + EXTRACT(QUARTER FROM {r}.{day})::int)",
            "days": "({r}.first_contact_on - {r}.received_on)",
            "flag": "{r}.several_forms::int",
        }
    return {
        "year": "CAST(strftime('%Y', {r}.{day}) AS INTEGER)",
        "period": "(CAST(strftime('%Y', {r}.{day}) AS INTEGER) * 10"
        " + (CAST(strftime('%m', {r}.{day}) AS INTEGER) + 2) / 3)",
        "days": "CAST(julianday({r}.first_contact_on) - julianday({r}.received_on) AS INTEGER)",
        "flag": "{r}.several_forms",
    }


def _report_values(e: dict, r: str) -> list[str]:
    return [
        e["period"].format(r=r, day="received_on"),
        f"{r}.category",
        f"{r}.mode",
        f"COALESCE({r}.source, '')",
        e["flag"].format(r=r),
        f"COALESCE({r}.outcome, '')",
    ]


def _consultation_values(e: dict, r: str) -> list[str]:
    return [
        e["period"].format(r=r, day="held_on"),
        f"{r}.category",
        f"{r}.channel",
        f"{r}.visitor",
        f"{r}.source",
        f"{r}.outcome",
        f"COALESCE({r}.referral, '')",
    ]


def _add(table: str, key: tuple, values: list[str], when: str = "") -> str:
    condition = f" WHERE {when}" if when else " WHERE 1 = 1"
    return (
        f"INSERT INTO {table} ({', '.join(key)}, n) SELECT {', '.join(values)}, 1{condition}"
        f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET n = {table}.n + 1"
    )


def _remove(table: str, key: tuple, values: list[str], when: str = "") -> str:
    match = " AND ".join(f"{k} = {v}" for k, v in zip(key, values, strict=True))
    return f"UPDATE {table} SET n = n - 1 WHERE {match}" + (f" AND {when}" if when else "")


def _changes(e: dict, r: str, sign: str) -> list[str]:
    """The statements that count a report or consultation row in (sign '+') or out ('-')."""
    move = _add if sign == "+" else _remove
    replied = f"{r}.first_contact_on IS NOT NULL"
    reply_values = [e["year"].format(r=r, day="received_on"), e["days"].format(r=r)]
    return [
        move("report_tally", REPORT_KEY, _report_values(e, r)),
        move("reply_tally", ("year", "days"), reply_values, replied),
    ]


def tally_statements(postgres: bool) -> list[str]:
    """Return the SQL that creates the tally triggers and fills the tallies from existing rows."""
    e = _expressions(postgres)
    report_in, report_out = _changes(e, "NEW", "+"), _changes(e, "OLD", "-")
    consultation_in = [_add("consultation_tally", CONSULTATION_KEY, _consultation_values(e, "NEW"))]
    consultation_out = [
        _remove("consultation_tally", CONSULTATION_KEY, _consultation_values(e, "OLD"))
    ]
    statements = []
    if postgres:
        for name, ins, outs, watched in (
            ("report", report_in, report_out, REPORT_WATCHED),
            ("consultation", consultation_in, consultation_out, CONSULTATION_WATCHED),
        ):
            statements.append(
                f"CREATE FUNCTION {name}_tally_move() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                "BEGIN\n"
                "  IF TG_OP = 'UPDATE' THEN\n"
                + "".join(f"    {s};\n" for s in outs)
                + "  END IF;\n"
                + "".join(f"  {s};\n" for s in ins)
                + "  RETURN NULL;\n"
                "END $$"
            )
            statements.append(
                f"CREATE TRIGGER {name}_tally AFTER INSERT OR UPDATE OF {watched}"
                f" ON {name} FOR EACH ROW EXECUTE FUNCTION {name}_tally_move()"
            )
    else:
        for name, ins, outs, watched in (
            ("report", report_in, report_out, REPORT_WATCHED),
            ("consultation", consultation_in, consultation_out, CONSULTATION_WATCHED),
        ):
            statements += [
                f"CREATE TRIGGER {name}_tally_insert AFTER INSERT ON {name} BEGIN "
                + "; ".join(ins)
                + "; END",
                f"CREATE TRIGGER {name}_tally_update AFTER UPDATE OF {watched} ON {name} BEGIN "
                + "; ".join(outs + ins)
                + "; END",
            ]
    # Count the rows already there.
    r = _report_values(e, "report")
    statements.append(
        f"INSERT INTO report_tally ({', '.join(REPORT_KEY)}, n) SELECT {', '.join(r)}, COUNT(*)"
        " FROM report GROUP BY " + ", ".join(str(i) for i in range(1, len(r) + 1))
    )
    year = e["year"].format(r="report", day="received_on")
    days = e["days"].format(r="report")
    statements.append(
        f"INSERT INTO reply_tally (year, days, n) SELECT {year}, {days}, COUNT(*) FROM report"
        " WHERE report.first_contact_on IS NOT NULL GROUP BY 1, 2"
    )
    return statements

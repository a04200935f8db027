"""Issue 28: ask an adviser for a conversation or a question (a "conversation request").

A request is filed like a report (a receipt code, encrypted the same way, the same conversation
thread), so it lives in the report table, marked by `request` ("conversation"). It is never a
report: the tally the yearly figures read (0010) skips rows with a request mark, and counts
a request the moment an adviser records its meeting's minutes as an oral report (the mark is
then cleared, which the update trigger sees).

`report_key.notice` is a reporter's address for a notice without content, sealed to the one
adviser of that key row: only that adviser's private key opens it.
"""

import importlib.util
from pathlib import Path

from peewee import BlobField, CharField
from playhouse.migrate import migrate

NOT_A_REQUEST = "{r}.request IS NULL"


def tally(postgres: bool):
    """0010's tally module, read from its file (migrations are not a package)."""
    path = Path(__file__).with_name("0010_insights.py")
    spec = importlib.util.spec_from_file_location("insights_tally_0010", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report_trigger_statements(postgres: bool) -> list[str]:
    """The report tally triggers of 0010, counting only rows that are not a request."""
    m = tally(postgres)
    original = m._dimensions

    def dimensions(e: dict, r: str) -> dict:
        found = original(e, r)
        extra = NOT_A_REQUEST.format(r=r)
        found["reports"] = [
            (dimension, code, f"({condition}) AND {extra}" if condition else extra)
            for dimension, code, condition in found["reports"]
        ]
        return found

    m._dimensions = dimensions
    m.REPORT_WATCHED = m.REPORT_WATCHED + ", request"
    m.TABLE_OF = {"reports": m.TABLE_OF["reports"]}
    # Only the trigger statements: the tally holds the counts already (no backfill).
    m.backfill_statements = lambda postgres: []
    return m.tally_statements(postgres)


def up(migrator, db):
    migrate(
        migrator.add_column("report", "request", CharField(null=True)),
        migrator.add_column("report_key", "notice", BlobField(null=True)),
    )
    postgres = db.__class__.__name__.startswith(("Postgres", "PooledPostgres"))
    if postgres:
        db.execute_sql("DROP TRIGGER IF EXISTS report_tally ON report")
        db.execute_sql("DROP FUNCTION IF EXISTS report_tally_move()")
    else:
        db.execute_sql("DROP TRIGGER IF EXISTS report_tally_insert")
        db.execute_sql("DROP TRIGGER IF EXISTS report_tally_update")
    for statement in report_trigger_statements(postgres):
        db.execute_sql(statement)

"""The legal clock of integrity reports in the tally, so a year of a million reports builds fast
(issue 23, "Must show": the yearly figures in under a second).

Whether a deadline was met, missed or still runs depends on the day it is read on (the year's
first publication, or today). Two counts per report answer that for every day, without the
report rows: for each clock (acknowledgement within 7 days, feedback within 3 months),

- "met:<day>": the report was handled on <day>, on or before its due day. On any later day it
  counts as met; before <day> its due day has not yet passed, so it still runs.
- "due:<day>": it was not handled in time (late, or not yet). From the day after its due day it
  counts as missed; until then it runs. "due:" without a day (no due day) is always missed.

The rows are kept per quarter of receipt like the rest of the tally (0010), by triggers on both
databases, so a report acknowledged, answered, corrected or moved to another year moves its
counts in the same transaction. Like the rest of the tally, retention's deletion of a report
leaves its counts standing: the clock keeps adding up to the year's integrity row. Conversation
requests (0028) are never counted.
"""

# ruff: noqa: S608 - the SQL below is assembled from constants in this file, never from input

WATCHED = "received_on, track, acknowledged_on, ack_due_on, closed_on, feedback_due_on, request"
# dimension -> (the day it was handled, the day it was due)
CLOCKS = {
    "ack_clock": ("acknowledged_on", "ack_due_on"),
    "feedback_clock": ("closed_on", "feedback_due_on"),
}


def _period(postgres: bool, r: str) -> str:
    if postgres:
        return (
            f"(EXTRACT(YEAR FROM {r}.received_on)::int * 10"
            f" + EXTRACT(QUARTER FROM {r}.received_on)::int)"
        )
    return (
        f"(CAST(strftime('%Y', {r}.received_on) AS INTEGER) * 10"
        f" + (CAST(strftime('%m', {r}.received_on) AS INTEGER) + 2) / 3)"
    )


def _day(postgres: bool, column: str) -> str:
    """The ISO text of a date column: 'YYYY-MM-DD', whatever the session's date style."""
    return f"to_char({column}, 'YYYY-MM-DD')" if postgres else f"date({column})"


def _code(postgres: bool, r: str, handled: str, due: str) -> str:
    return (
        f"CASE WHEN {r}.{handled} <= {r}.{due} THEN 'met:' || {_day(postgres, f'{r}.{handled}')}"
        f" ELSE 'due:' || COALESCE({_day(postgres, f'{r}.{due}')}, '') END"
    )


def _counted(r: str) -> str:
    return f"{r}.track = 'integrity' AND {r}.request IS NULL"


def _moves(postgres: bool, r: str, sign: str) -> list[str]:
    """The statements that count one report in (sign '+') or out ('-') of both clocks."""
    period = _period(postgres, r)
    statements = []
    for dimension, (handled, due) in CLOCKS.items():
        code = _code(postgres, r, handled, due)
        if sign == "+":
            statements.append(
                "INSERT INTO insight_tally (period, series, dimension, code, n)"
                f" SELECT {period}, 'reports', '{dimension}', {code}, 1 WHERE {_counted(r)}"
                " ON CONFLICT (period, series, dimension, code)"
                " DO UPDATE SET n = insight_tally.n + 1"
            )
        else:
            statements.append(
                f"UPDATE insight_tally SET n = n - 1 WHERE period = {period}"
                f" AND series = 'reports' AND dimension = '{dimension}' AND code = {code}"
                f" AND {_counted(r)}"
            )
    return statements


def backfill_statements(postgres: bool) -> list[str]:
    """Count the integrity reports filed before this migration."""
    period = _period(postgres, "report")
    return [
        "INSERT INTO insight_tally (period, series, dimension, code, n)"
        f" SELECT {period}, 'reports', '{dimension}', {_code(postgres, 'report', *columns)},"
        f" COUNT(*) FROM report WHERE {_counted('report')} GROUP BY 1, 4"
        for dimension, columns in CLOCKS.items()
    ]


def clock_statements(postgres: bool) -> list[str]:
    """Return the SQL that creates the clock triggers and counts the reports filed before."""
    ins, outs = _moves(postgres, "NEW", "+"), _moves(postgres, "OLD", "-")
    if postgres:
        triggers = [
            "CREATE FUNCTION report_clock_move() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            "  IF TG_OP = 'UPDATE' THEN\n"
            + "".join(f"    {s};\n" for s in outs)
            + "  END IF;\n"
            + "".join(f"  {s};\n" for s in ins)
            + "  RETURN NULL;\n"
            "END $$",
            f"CREATE TRIGGER report_clock AFTER INSERT OR UPDATE OF {WATCHED}"
            " ON report FOR EACH ROW EXECUTE FUNCTION report_clock_move()",
        ]
    else:
        triggers = [
            "CREATE TRIGGER report_clock_insert AFTER INSERT ON report BEGIN "
            + "; ".join(ins)
            + "; END",
            f"CREATE TRIGGER report_clock_update AFTER UPDATE OF {WATCHED} ON report BEGIN "
            + "; ".join(outs + ins)
            + "; END",
        ]
    return triggers + backfill_statements(postgres)


def up(migrator, db):
    postgres = db.__class__.__name__.startswith(("Postgres", "PooledPostgres"))
    for statement in clock_statements(postgres):
        db.execute_sql(statement)

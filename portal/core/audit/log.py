"""Writing and verifying the access logs.

Each row carries an HMAC (keyed with the portal's secret) over its own fields and the previous
row's hash. Editing a row breaks its own hash; removing a row breaks the next row's link.
Someone with the database but without the secret key cannot forge a consistent chain.

There are two logs, each its own chain: AccessLog, stamped to the microsecond, and DayLog for
what happens on the reporter's and the record's path, stamped with the day only. Kept in one
table, a day-stamped row would sit between timestamped rows and so give away its minute.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime, time

from flask import Flask, current_app

from portal.core.accounts import notices
from portal.core.accounts.models import Person
from portal.core.audit.models import AccessLog, DayLog, LogColumns
from portal.platform import reporter_path
from portal.platform.clock import utcnow
from portal.platform.database import db, is_postgres

GENESIS = "0" * 64


def init_app(app: Flask) -> None:
    """Have the notices about a person's account write their entry in this log."""
    app.extensions[notices.ACCOUNT_LOG] = record_account


def _mac(secret: str, prev_hash: str, row: dict) -> str:
    fields = [
        prev_hash,
        row["report_uid"],
        row["reference"],
        str(row["person_id"] or ""),
        row["action"],
        row["detail"],
        row["at"].isoformat(timespec="microseconds"),
    ]
    return hmac.new(secret.encode(), "\x1f".join(fields).encode(), hashlib.sha256).hexdigest()


def _lock_chain() -> None:
    """Serialise writers so two entries never claim the same predecessor."""
    if is_postgres():
        db.execute_sql("SELECT pg_advisory_xact_lock(727001)")


def record(
    report, person: Person | None, action: str, detail: str = "", at: datetime | None = None
) -> LogColumns:
    """Append one entry for a report (opened, downloaded, shared, changed...)."""
    at = at or utcnow()
    if reporter_path.active():  # the reporter's path keeps no clock
        return record_day(report, person, action, detail, at.date())
    return _append(current_app.config["SECRET_KEY"], _row(report, person, action, detail, at))


def record_day(report, person: Person | None, action: str, detail: str, day: date) -> DayLog:
    """Append one entry kept by the day only, in the log of its own (DayLog)."""
    row = _row(report, person, action, detail, datetime.combine(day, time.min))
    return _append(current_app.config["SECRET_KEY"], row, DayLog)


def _row(report, person: Person | None, action: str, detail: str, at: datetime) -> dict:
    return {
        "report_uid": report.uid,
        "reference": report.reference,
        "person_id": person.id if person is not None else None,
        "action": action,
        "detail": detail,
        "at": at,
    }


def _append(secret: str, row: dict, log: type[LogColumns] = AccessLog) -> LogColumns:
    with db.atomic():  # on SQLite, IMMEDIATE: the write lock serialises writers
        _lock_chain()
        last = log.select(log.hash).order_by(log.id.desc()).first()
        prev_hash = last.hash if last else GENESIS
        return log.create(**row, prev_hash=prev_hash, hash=_mac(secret, prev_hash, row))


def record_account(subject: Person, by: Person | None, action: str) -> AccessLog:
    """Append an entry about a person's account (a reset, a role change), not about a report."""
    secret = current_app.config["SECRET_KEY"]
    row = {
        "report_uid": "",
        "reference": "",
        "person_id": by.id if by is not None else None,
        "action": action,
        "detail": f"account:{subject.id}",
        "at": utcnow(),
    }
    return _append(secret, row)


def last_account_entry(subject: Person, action: str) -> AccessLog | None:
    """Return the newest entry of this kind about a person's account (a password reset), with
    who did it, or None."""
    return (
        AccessLog.select()
        .where((AccessLog.action == action) & (AccessLog.detail == f"account:{subject.id}"))
        .order_by(AccessLog.id.desc())
        .first()
    )


@dataclass(frozen=True)
class Problem:
    entry_id: int
    what: str  # "edited" or "missing before"
    log: str = "access_log"  # or "day_log"


def verify(secret: str) -> tuple[int, list[Problem]]:
    """Walk both chains; return how many entries were checked and what is wrong."""
    count, problems = 0, []
    for log in (AccessLog, DayLog):
        checked, found = _verify_chain(secret, log)
        count += checked
        problems += found
    return count, problems


def _verify_chain(secret: str, log: type[LogColumns]) -> tuple[int, list[Problem]]:
    problems, previous, count = [], GENESIS, 0
    name = log._meta.table_name
    for entry in log.select().order_by(log.id).iterator():
        count += 1
        row = {
            f: getattr(entry, f)
            for f in ("report_uid", "reference", "person_id", "action", "detail", "at")
        }
        if entry.prev_hash != previous:
            problems.append(Problem(entry.id, "missing before", name))
        if not hmac.compare_digest(_mac(secret, entry.prev_hash, row), entry.hash):
            problems.append(Problem(entry.id, "edited", name))
        previous = entry.hash
    return count, problems


def entries_for(report, actions: tuple[str, ...] | None = None) -> list[tuple[LogColumns, str]]:
    """Return a report's entries from both logs with the person's name, oldest first (an entry
    kept by the day comes before that day's timestamped ones)."""
    entries = []
    for log in (DayLog, AccessLog):
        query = log.select().where(log.report_uid == report.uid).order_by(log.id)
        if actions:
            query = query.where(log.action.in_(actions))
        entries += list(query)
    entries.sort(key=lambda e: e.at)  # stable: each log keeps its own order
    names = {
        p.id: p.display_name
        for p in Person.select().where(Person.id.in_({e.person_id for e in entries if e.person_id}))
    }
    return [(e, names.get(e.person_id, "")) for e in entries]

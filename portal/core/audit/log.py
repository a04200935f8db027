"""Writing and verifying the access log.

Each row carries an HMAC (keyed with the portal's secret) over its own fields and the previous
row's hash. Editing a row breaks its own hash; removing a row breaks the next row's link.
Someone with the database but without the secret key cannot forge a consistent chain.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app

from portal.core.accounts import notices
from portal.core.accounts.models import Person
from portal.core.audit.models import AccessLog
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
) -> AccessLog:
    """Append one entry for a report (opened, downloaded, shared, changed...)."""
    secret = current_app.config["SECRET_KEY"]
    at = at or utcnow()
    if reporter_path.active():
        at = reporter_path.day_of(at)  # the reporter's path keeps no clock
    row = {
        "report_uid": report.uid,
        "reference": report.reference,
        "person_id": person.id if person is not None else None,
        "action": action,
        "detail": detail,
        "at": at,
    }
    return _append(secret, row)


def _append(secret: str, row: dict) -> AccessLog:
    with db.atomic():  # on SQLite, IMMEDIATE: the write lock serialises writers
        _lock_chain()
        last = AccessLog.select(AccessLog.hash).order_by(AccessLog.id.desc()).first()
        prev_hash = last.hash if last else GENESIS
        return AccessLog.create(**row, prev_hash=prev_hash, hash=_mac(secret, prev_hash, row))


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


def verify(secret: str) -> tuple[int, list[Problem]]:
    """Walk the whole chain; return how many entries were checked and what is wrong."""
    problems, previous, count = [], GENESIS, 0
    for entry in AccessLog.select().order_by(AccessLog.id).iterator():
        count += 1
        row = {
            f: getattr(entry, f)
            for f in ("report_uid", "reference", "person_id", "action", "detail", "at")
        }
        if entry.prev_hash != previous:
            problems.append(Problem(entry.id, "missing before"))
        if not hmac.compare_digest(_mac(secret, entry.prev_hash, row), entry.hash):
            problems.append(Problem(entry.id, "edited"))
        previous = entry.hash
    return count, problems


def entries_for(report, actions: tuple[str, ...] | None = None) -> list[tuple[AccessLog, str]]:
    """Return a report's entries with the person's name, oldest first."""
    query = AccessLog.select().where(AccessLog.report_uid == report.uid).order_by(AccessLog.id)
    if actions:
        query = query.where(AccessLog.action.in_(actions))
    entries = list(query)
    names = {
        p.id: p.display_name
        for p in Person.select().where(Person.id.in_({e.person_id for e in entries if e.person_id}))
    }
    return [(e, names.get(e.person_id, "")) for e in entries]

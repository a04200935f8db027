"""How a reporter's browser holds an opened report between requests.

After the receipt code opens a report, the server keeps a follow-up record: the report's uid,
its data key and the last activity, encrypted under a key derived from a random token that
only the browser's cookie holds. The cookie alone holds no key, the database alone cannot open
the record, and "close" deletes the record, so a copied cookie opens nothing afterwards. A
record ends after the idle timeout, and is purged by the day at the latest.
"""

import base64
import hashlib
import json
import secrets
import time
from datetime import date, timedelta

from flask import current_app, session

from portal import crypto
from portal.clock import utcnow
from portal.database import db
from portal.followup.models import FollowUp
from portal.reports import opening
from portal.reports.models import Report

KEY = "followup"
CONTEXT = b"vertrouwd|v1|followup|"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _key(token: str) -> bytes:
    return hashlib.blake2b(token.encode(), digest_size=32, person=b"vertrouwd-follow").digest()


def now_minute() -> int:
    return int(time.time()) // 60


def _seal(token: str, uid: str, data_key: bytes, seen: int) -> bytes:
    payload = {"uid": uid, "key": base64.b64encode(data_key).decode(), "seen": seen}
    return crypto.encrypt(
        _key(token), json.dumps(payload).encode(), CONTEXT + _digest(token).encode()
    )


def purge_expired(today: date) -> int:
    """Delete follow-up records opened before yesterday; return how many."""
    return FollowUp.delete().where(FollowUp.opened_on < today - timedelta(days=1)).execute()


def remember(opened: opening.OpenReport) -> None:
    """Keep the opened report for this browser: half in the cookie, half in the database."""
    forget()
    token = secrets.token_urlsafe(32)
    today = utcnow().date()
    sealed = _seal(token, opened.report.uid, opened.data_key, now_minute())
    with db.atomic():
        purge_expired(today)
        FollowUp.create(token_digest=_digest(token), opened_on=today, sealed=sealed)
    session[KEY] = token


def forget() -> None:
    """Close: delete the follow-up record, so no copy of the cookie opens the report again."""
    token = session.pop(KEY, None)
    if isinstance(token, str):
        FollowUp.delete().where(FollowUp.token_digest == _digest(token)).execute()


def from_cookie() -> opening.OpenReport:
    """Return the report this browser opened with its code, or raise ReportNotFound."""
    token = session.get(KEY)
    row = (
        FollowUp.get_or_none(FollowUp.token_digest == _digest(token))
        if isinstance(token, str)
        else None
    )
    if row is None:
        session.pop(KEY, None)
        raise opening.ReportNotFound()
    try:
        payload = json.loads(
            crypto.decrypt(_key(token), bytes(row.sealed), CONTEXT + row.token_digest.encode())
        )
    except crypto.DecryptionFailed as exc:
        forget()
        raise opening.ReportNotFound() from exc
    now = now_minute()
    report = Report.get_or_none(Report.uid == payload["uid"])
    if report is None or now - payload["seen"] > current_app.config["SESSION_IDLE_MINUTES"]:
        forget()
        raise opening.ReportNotFound()
    data_key = base64.b64decode(payload["key"])
    if now != payload["seen"]:
        FollowUp.update(sealed=_seal(token, report.uid, data_key, now)).where(
            FollowUp.id == row.id
        ).execute()
    return opening.OpenReport(report, data_key)

"""How a browser holds an opened report (or a record kept by a record code) between requests.

After the receipt code opens a report, the server keeps a follow-up record: the report's uid,
its data key and the last activity, encrypted under a key derived from a random token that
only the browser's cookie holds. The cookie alone holds no key, the database alone cannot open
the record, and "close" deletes the record, so a copied cookie opens nothing afterwards. A
record ends after the idle timeout, and is purged by the day at the latest. A record of My
record opened by its record code is held the same way (hold/held/release, by cookie name and
kind; the kind sits inside the encryption).
"""

import base64
import hashlib
import json
import secrets
import time
from datetime import date, timedelta

from flask import current_app, session

from portal.followup.models import FollowUp
from portal.platform import crypto
from portal.platform.clock import utcnow
from portal.platform.database import db
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


def _seal(token: str, uid: str, data_key: bytes, seen: int, kind: str = "report") -> bytes:
    payload = {"uid": uid, "key": base64.b64encode(data_key).decode(), "seen": seen}
    if kind != "report":
        payload["kind"] = kind  # inside the encryption: the row does not say what it holds
    return crypto.encrypt(
        _key(token), json.dumps(payload).encode(), CONTEXT + _digest(token).encode()
    )


class NotHeld(Exception):
    """This browser holds nothing open under that name (or it timed out, or was closed)."""


def purge_expired(today: date) -> int:
    """Delete follow-up records opened before yesterday; return how many."""
    return FollowUp.delete().where(FollowUp.opened_on < today - timedelta(days=1)).execute()


def hold(cookie: str, kind: str, uid: str, data_key: bytes) -> None:
    """Keep an opened object's key for this browser: half in the cookie, half in the database."""
    release(cookie)
    token = secrets.token_urlsafe(32)
    today = utcnow().date()
    sealed = _seal(token, uid, data_key, now_minute(), kind)
    with db.atomic():
        purge_expired(today)
        FollowUp.create(token_digest=_digest(token), opened_on=today, sealed=sealed)
    session[cookie] = token


def release(cookie: str) -> None:
    """Close: delete the held record, so no copy of the cookie opens anything again."""
    token = session.pop(cookie, None)
    if isinstance(token, str):
        FollowUp.delete().where(FollowUp.token_digest == _digest(token)).execute()


def held(cookie: str, kind: str) -> tuple[str, bytes]:
    """Return the uid and data key this browser holds under the cookie name; raise NotHeld.

    A record idle longer than SESSION_IDLE_MINUTES, or of another kind, is ended.
    """
    token = session.get(cookie)
    row = (
        FollowUp.get_or_none(FollowUp.token_digest == _digest(token))
        if isinstance(token, str)
        else None
    )
    if row is None:
        session.pop(cookie, None)
        raise NotHeld()
    try:
        payload = json.loads(
            crypto.decrypt(_key(token), bytes(row.sealed), CONTEXT + row.token_digest.encode())
        )
    except crypto.DecryptionFailed as exc:
        release(cookie)
        raise NotHeld() from exc
    now = now_minute()
    idle = now - payload["seen"] > current_app.config["SESSION_IDLE_MINUTES"]
    if idle or payload.get("kind", "report") != kind:
        release(cookie)
        raise NotHeld()
    data_key = base64.b64decode(payload["key"])
    if now != payload["seen"]:
        FollowUp.update(sealed=_seal(token, payload["uid"], data_key, now, kind)).where(
            FollowUp.id == row.id
        ).execute()
    return payload["uid"], data_key


def remember(opened: opening.OpenReport) -> None:
    """Keep the opened report for this browser: half in the cookie, half in the database."""
    hold(KEY, "report", opened.report.uid, opened.data_key)


def forget() -> None:
    """Close: delete the follow-up record, so no copy of the cookie opens the report again."""
    release(KEY)


def from_cookie() -> opening.OpenReport:
    """Return the report this browser opened with its code, or raise ReportNotFound."""
    try:
        uid, data_key = held(KEY, "report")
    except NotHeld as exc:
        raise opening.ReportNotFound() from exc
    report = Report.get_or_none(Report.uid == uid)
    if report is None:
        forget()
        raise opening.ReportNotFound()
    return opening.OpenReport(report, data_key)

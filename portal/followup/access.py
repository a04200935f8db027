"""How a reporter's browser holds an opened report between requests.

After the receipt code opens a report, the data key is kept in the cookie session, encrypted
under a key derived from the portal's secret key: the cookie alone does not reveal it, and
the database never sees it. It is forgotten after the idle timeout or on "close".
"""

import base64
import hashlib
import time

from flask import current_app, session

from portal import crypto
from portal.accounts import sessions
from portal.accounts.models import Person
from portal.reports import opening
from portal.reports.models import Report

KEY = "followup"


def _cookie_key() -> bytes:
    secret = current_app.config["SECRET_KEY"].encode()
    return hashlib.blake2b(secret, digest_size=32, person=b"vertrouwd-follow").digest()


def remember(opened: opening.OpenReport) -> None:
    """Keep the opened report for this browser."""
    uid = opened.report.uid
    wrapped = crypto.encrypt(
        _cookie_key(), opened.data_key, crypto.associated_data(uid, "followup")
    )
    session[KEY] = {
        "uid": uid,
        "key": base64.b64encode(wrapped).decode(),
        "seen": int(time.time()) // 60,
    }


def forget() -> None:
    session.pop(KEY, None)


def from_cookie() -> opening.OpenReport:
    """Return the report this browser opened with its code, or raise ReportNotFound."""
    held = session.get(KEY)
    idle_minutes = current_app.config["SESSION_IDLE_MINUTES"]
    if not held or int(time.time()) // 60 - held.get("seen", 0) > idle_minutes:
        forget()
        raise opening.ReportNotFound()
    report = Report.get_or_none(Report.uid == held["uid"])
    if report is None:
        forget()
        raise opening.ReportNotFound()
    try:
        data_key = crypto.decrypt(
            _cookie_key(),
            base64.b64decode(held["key"]),
            crypto.associated_data(report.uid, "followup"),
        )
    except crypto.DecryptionFailed as exc:
        forget()
        raise opening.ReportNotFound() from exc
    held["seen"] = int(time.time()) // 60
    session.modified = True
    return opening.OpenReport(report, data_key)


def for_person(person: Person, reference: str, role: str) -> opening.OpenReport:
    """Open a report sealed to a signed-in person (reporter or adviser) with their session key."""
    report = Report.get_or_none(Report.reference == reference)
    if report is None:
        raise opening.ReportNotFound()
    return opening.open_with_private_key(
        report, person, sessions.vault_secret(person, "private_key"), role
    )

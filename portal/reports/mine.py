"""My reports: the list of a person's reports, kept encrypted under their own key.

Who filed which report is itself confidential (../shared/DESIGN.md): no plain column or row
ties a person to a report. A signed-in reporter's list of report uids and data keys is stored
in one row, found by a tag that only their unlocked private key can compute and encrypted under
a key derived from that private key. Without the key (the database, a backup, the secret key,
an administrator) the rows are anonymous blobs.
"""

import base64
import hashlib
import hmac
import json

from portal.core.accounts.models import Person
from portal.platform import crypto
from portal.platform.database import db
from portal.reports.models import MyReports, MyReportsInbox, Report
from portal.reports.opening import OpenReport, ReportNotFound

CONTEXT = b"vertrouwd|v1|my-reports"


def _secrets(private_key: bytes) -> tuple[str, bytes]:
    """Return (tag, list key), both derived from the private key alone."""
    root = hashlib.blake2b(bytes(private_key), digest_size=32, person=b"vertrouwd-mine").digest()
    tag = hmac.new(root, b"tag", hashlib.sha256).hexdigest()
    return tag, hmac.new(root, b"key", hashlib.sha256).digest()


def _load(private_key: bytes) -> tuple[MyReports | None, list[dict]]:
    tag, key = _secrets(private_key)
    row = MyReports.get_or_none(MyReports.tag == tag)
    if row is None:
        return None, []
    try:
        return row, json.loads(crypto.decrypt(key, bytes(row.body), CONTEXT + tag.encode()))
    except crypto.DecryptionFailed:
        return row, []


def _store(private_key: bytes, row: MyReports | None, entries: list[dict]) -> None:
    tag, key = _secrets(private_key)
    body = crypto.encrypt(key, json.dumps(entries).encode(), CONTEXT + tag.encode())
    if row is None:
        MyReports.create(tag=tag, body=body)
    else:
        MyReports.update(body=body).where(MyReports.id == row.id).execute()


def add(private_key: bytes, report: Report, data_key: bytes) -> None:
    """Put a report on the person's list (called while filing, with their unlocked key)."""
    with db.atomic():
        row, entries = _load(private_key)
        entries.append({"uid": report.uid, "key": base64.b64encode(data_key).decode()})
        _store(private_key, row, entries)


def pick_up(person: Person, private_key: bytes | None) -> int:
    """Move what a migration left for the person into their encrypted list; return how many."""
    if private_key is None:
        return 0
    waiting = list(MyReportsInbox.select().where(MyReportsInbox.person == person))
    if not waiting:
        return 0
    with db.atomic():
        row, entries = _load(private_key)
        for item in waiting:
            try:
                entry = json.loads(crypto.unseal(private_key, bytes(item.sealed)))
                data_key = crypto.unseal(private_key, base64.b64decode(entry["sealed_key"]))
            except (crypto.DecryptionFailed, ValueError, KeyError):
                continue  # sealed to an older key pair: the receipt code still opens it
            entries.append({"uid": entry["uid"], "key": base64.b64encode(data_key).decode()})
        _store(private_key, row, entries)
        MyReportsInbox.delete().where(
            MyReportsInbox.id.in_([item.id for item in waiting])
        ).execute()
    return len(waiting)


def reports(private_key: bytes | None) -> list[Report]:
    """Return the person's reports that still exist, newest first (metadata only)."""
    if private_key is None:
        return []
    _row, entries = _load(private_key)
    uids = [e["uid"] for e in entries]
    if not uids:
        return []
    return list(
        Report.select()
        .where(Report.uid.in_(uids))
        .order_by(Report.received_on.desc(), Report.id.desc())
    )


def open_mine(private_key: bytes | None, reference: str):
    """Open one of the person's reports by reference; raise ReportNotFound otherwise."""
    report = Report.get_or_none(Report.reference == reference)
    if report is None or private_key is None:
        raise ReportNotFound()
    _row, entries = _load(private_key)
    for entry in entries:
        if entry["uid"] == report.uid:
            return OpenReport(report, base64.b64decode(entry["key"]))
    raise ReportNotFound()

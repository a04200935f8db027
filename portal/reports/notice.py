"""A notice without content when the adviser writes, for a confidential or named reporter.

The reporter gives an address for it alone. It is sealed to each adviser of the report with
that adviser's public key (ReportKey.notice), so only an adviser's own unlocked key opens it:
not IT, not a copy of the database with the secret key. The notice is therefore sent from the
adviser's own session, when they reply; nothing can send it from the database alone. It has a
neutral sender and subject and says nothing of the portal, the report or the message.
"""

import contextlib
import re

from flask import current_app

from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.platform import crypto, mail
from portal.platform.database import db
from portal.reports import kinds
from portal.reports.models import Report, ReportKey
from portal.reports.opening import OpenReport

ADDRESS = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")
# Neutral on purpose, in both languages: the reporter's language is not known to the sender.
SUBJECT = "Nieuw bericht / New message"
BODY = "Er staat een nieuw bericht voor je klaar.\n\nThere is a new message waiting for you.\n"


class NoticeError(Exception):
    """A notice cannot be asked for as it stands."""


class NotForAnonymous(NoticeError):
    """An anonymous reporter gives no address: nobody may be able to reach them."""


class BadAddress(NoticeError):
    """This is not an e-mail address."""


def _adviser_keys(report: Report):
    return ReportKey.select().where((ReportKey.report == report) & (ReportKey.role == "adviser"))


def ask(opened: OpenReport, address: str) -> None:
    """Keep the address for notices, sealed to each adviser of the report."""
    report = opened.report
    if report.mode == kinds.ANONYMOUS:
        raise NotForAnonymous()
    address = (address or "").strip()
    if len(address) > 254 or not ADDRESS.match(address):
        raise BadAddress()
    with db.atomic():
        for row in _adviser_keys(report):
            public_key = keyring.public_key_of(row.person_id)
            row.notice = crypto.seal(public_key, address.encode()) if public_key else None
            row.save()


def stop(opened: OpenReport) -> None:
    """Forget the address: no more notices."""
    with db.atomic():
        ReportKey.update(notice=None).where(
            (ReportKey.report == opened.report) & (ReportKey.role == "adviser")
        ).execute()


def wanted(report: Report) -> bool:
    """Tell whether the reporter asked for notices (the address itself stays sealed)."""
    return _adviser_keys(report).where(ReportKey.notice.is_null(False)).exists()


def address_for(report: Report, adviser: Person, private_key: bytes | None) -> str | None:
    """Open the address sealed to this adviser, with their own unlocked key; None without."""
    row = _adviser_keys(report).where(ReportKey.person == adviser).first()
    if row is None or row.notice is None or private_key is None:
        return None
    try:
        return crypto.unseal(private_key, bytes(row.notice)).decode()
    except crypto.DecryptionFailed:
        return None


def send(report: Report, adviser: Person, private_key: bytes | None) -> bool:
    """Send the notice after the adviser wrote, from their own session; tell whether it went.

    A failure is not logged (a log line would tie a time to the report) and stops nothing.
    """
    address = address_for(report, adviser, private_key)
    if address is None:
        return False
    with contextlib.suppress(mail.MailNotSent):
        mail.send(address, SUBJECT, BODY, sender=current_app.config["NOTICE_FROM"])
        return True
    return False

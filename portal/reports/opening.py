"""Opening a report: with the receipt code, or with a person's private key; then reading it."""

import hmac
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from peewee import JOIN

from portal.core.accounts.models import Person
from portal.core.audit import log as audit
from portal.platform import crypto, kdf_gate, throttle
from portal.platform.clock import utcnow
from portal.platform.database import db
from portal.reports.attachments import store_evidence
from portal.reports.evidence import Evidence
from portal.reports.models import Attachment, Message, Report, ReportKey
from portal.reports.status import Status


class ReportNotFound(Exception):
    """No report matches (a wrong code, or no access): deliberately one case."""


class ReportClosed(Exception):
    """The report was withdrawn or closed; it takes no new messages."""


@dataclass(frozen=True)
class OpenReport:
    """A report together with its data key, for the length of one request."""

    report: Report
    data_key: bytes

    def field(self, name: str, blob: bytes) -> bytes:
        return crypto.decrypt_field(self.data_key, self.report.uid, name, bytes(blob))


def receipt_guard(address: str) -> throttle.CodeGuard:
    """Wrong receipt codes are limited per (daily-hashed) address; from everyone together they
    only slow further misses, so a flood never stops the person with the right code.

    The windows are calendar days: the reporter's path keeps no clock.
    """
    config = current_app.config
    today = utcnow().date()
    day = timedelta(days=1)
    own = throttle.Limit(
        throttle.digest_key("receipt-address", config["SECRET_KEY"], address, today),
        config["RECEIPT_MAX_FAILURES_PER_ADDRESS"],
        day,
        by_day=True,
    )
    shared = throttle.Limit(
        "receipt-global",
        config["RECEIPT_MAX_FAILURES_GLOBAL"],
        day,
        delay=config["RECEIPT_SLOWDOWN_SECONDS"],
        by_day=True,
    )
    return throttle.CodeGuard(own=[own], shared=[shared])


def open_with_code(typed: str, address: str) -> OpenReport:
    """Open the report a receipt code belongs to.

    Raise ReportNotFound, throttle.Throttled (too many wrong codes from this address) or
    kdf_gate.Busy. An unknown code costs no key derivation: it is a miss by its digest.
    """
    guard = receipt_guard(address)
    guard.before()
    code = crypto.normalise_code(typed)
    report = (
        Report.get_or_none(Report.receipt_lookup == crypto.receipt_lookup(code)) if code else None
    )
    if report is None:
        guard.missed()
        raise ReportNotFound()
    # Bounded, so that many openings at one moment cannot starve the other pages (may raise Busy).
    with kdf_gate.gate().turn():
        key = crypto.derive_key(code, bytes(report.receipt_salt), report.kdf_ops, report.kdf_mem)
    try:
        data_key = crypto.decrypt(
            key, bytes(report.receipt_wrapped_key), crypto.associated_data(report.uid, "receipt")
        )
    except crypto.DecryptionFailed as exc:
        guard.missed()
        raise ReportNotFound() from exc
    return OpenReport(report, data_key)


def code_matches(report: Report | None, typed: str, address: str) -> bool:
    """Tell whether a typed code is this report's receipt code (for the confirm step).

    Throttled like opening with a code (raise throttle.Throttled): it answers the same question.
    No report (an unknown reference) is a miss too, so references cannot be probed for free.
    """
    guard = receipt_guard(address)
    guard.before()
    code = crypto.normalise_code(typed)
    matches = (
        report is not None
        and bool(code)
        and hmac.compare_digest(crypto.receipt_lookup(code), report.receipt_lookup)
    )
    if not matches:
        guard.missed()
    return matches


def open_with_private_key(
    report: Report, person: Person, private_key: bytes | None, role: str
) -> OpenReport:
    """Open a report sealed to this person in this role; raise ReportNotFound without access."""
    sealed = ReportKey.get_or_none(
        (ReportKey.report == report) & (ReportKey.person == person) & (ReportKey.role == role)
    )
    if sealed is None or private_key is None:
        raise ReportNotFound()
    try:
        return OpenReport(report, crypto.unseal(private_key, bytes(sealed.sealed_key)))
    except crypto.DecryptionFailed as exc:
        raise ReportNotFound() from exc


def open_by_reference(
    reference: str, person: Person, private_key: bytes | None, role: str
) -> OpenReport:
    """Open the report with this reference sealed to this person; raise ReportNotFound."""
    report = Report.get_or_none(Report.reference == reference)
    if report is None:
        raise ReportNotFound()
    return open_with_private_key(report, person, private_key, role)


def reports_of(person: Person, role: str):
    """Return the reports sealed to a person in a role, newest first (metadata only)."""
    return (
        Report.select()
        .join(ReportKey)
        .where((ReportKey.person == person) & (ReportKey.role == role))
        .order_by(Report.received_on.desc(), Report.id.desc())
    )


def record_event(report: Report, person: Person | None, action: str, detail: str = "") -> None:
    """Write an entry in the access log (the reporter sees who opened their report)."""
    audit.record(report, person, action, detail)


# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    sender: str
    uploaded_on: date
    size: int
    filename: str
    mime: str
    sha256: str
    reencoded: bool


@dataclass(frozen=True)
class MessageView:
    id: int
    sender: str
    adviser_name: str | None
    sent_on: date
    text: str
    attachments: list[AttachmentInfo]


@dataclass(frozen=True)
class ReportContent:
    body: dict
    identity: dict | None
    messages: list[MessageView]
    attachments: list[AttachmentInfo]  # those filed with the report itself
    openings: list[tuple[str, datetime]]  # which adviser opened it, and when


def _attachment_info(opened: OpenReport, row: Attachment) -> AttachmentInfo:
    meta = json.loads(opened.field("attachment-meta", row.meta))
    return AttachmentInfo(
        row.id,
        row.sender,
        row.uploaded_on,
        row.size,
        meta["filename"],
        meta["mime"],
        meta["sha256"],
        meta["reencoded"],
    )


def read(opened: OpenReport) -> ReportContent:
    """Decrypt the report's text, identity, messages and attachment names."""
    report = opened.report
    by_message: dict[int | None, list[AttachmentInfo]] = {}
    for row in Attachment.select().where(Attachment.report == report).order_by(Attachment.id):
        by_message.setdefault(row.message_id, []).append(_attachment_info(opened, row))
    messages = [
        MessageView(
            m.id,
            m.sender,
            m.adviser.display_name if m.adviser_id else None,
            m.sent_on,
            opened.field("message", m.body).decode(),
            by_message.get(m.id, []),
        )
        for m in Message.select(Message, Person)
        .join(Person, join_type=JOIN.LEFT_OUTER, on=(Message.adviser == Person.id))
        .where(Message.report == report)
        .order_by(Message.id)
    ]
    openings = [(name, entry.at) for entry, name in audit.entries_for(report, ("opened",))]
    return ReportContent(
        body=json.loads(opened.field("body", report.body)),
        identity=json.loads(opened.field("identity", report.identity)) if report.identity else None,
        messages=messages,
        attachments=by_message.get(None, []),
        openings=openings,
    )


def attachment_bytes(opened: OpenReport, attachment_id: int) -> tuple[AttachmentInfo, bytes]:
    """Return one attachment's details and decrypted content."""
    row = Attachment.get_or_none(
        (Attachment.id == attachment_id) & (Attachment.report == opened.report)
    )
    if row is None:
        raise ReportNotFound()
    return _attachment_info(opened, row), opened.field("attachment", row.content)


def post_message(
    opened: OpenReport,
    sender: str,
    text: str,
    today: date,
    adviser: Person | None = None,
    evidence: list[Evidence] | None = None,
) -> Message:
    """Add a message (and its evidence) to the conversation."""
    report = opened.report
    if not report.status.reporter_may_act and sender == "reporter":
        raise ReportClosed()
    with db.atomic():
        if sender != "system":
            report.last_message_from, report.last_message_on = sender, today
        if sender == "adviser" and report.first_contact_on is None:
            report.first_contact_on, report.contact_due_on = today, None
        report.save()
        message = Message.create(
            report=report,
            sender=sender,
            adviser=adviser,
            sent_on=today,
            body=crypto.encrypt_field(opened.data_key, report.uid, "message", text.strip()),
        )
        store_evidence(report, opened.data_key, evidence or [], sender, today, message=message)
    return message


def withdraw(opened: OpenReport, today: date) -> None:
    """Withdraw a report at the reporter's wish; the advisers see that it was withdrawn."""
    report = opened.report
    if report.status is Status.WITHDRAWN:
        return
    report.status, report.closed_on = Status.WITHDRAWN, today
    report.save()


def advisers_of(report: Report) -> list[Person]:
    return list(
        Person.select()
        .join(ReportKey)
        .where((ReportKey.report == report) & (ReportKey.role == "adviser"))
        .order_by(Person.display_name)
    )


def confirm_oral(opened: OpenReport, today: date) -> None:
    """Record that the reporter read the adviser's write-up of their report and agrees."""
    report = opened.report
    if report.oral and report.reporter_confirmed_on is None:
        report.reporter_confirmed_on = today
        if report.status is Status.AWAITING_CONFIRMATION:
            report.status = Status.ACKNOWLEDGED if report.acknowledged_on else Status.RECEIVED
        report.save()
        record_event(report, None, "confirmed")

"""Consultations: an adviser's conversations, counted by kind without anything about the person."""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.insights.models import Consultation
from portal.platform import crypto
from portal.platform.database import db
from portal.platform.i18n import lazy_gettext as _l
from portal.reports import conversation, kinds
from portal.reports.models import Report, ReportKey

CHANNELS = [
    ("in_person", _l("In person")),
    ("phone", _l("Phone")),
    ("video", _l("Video call")),
    ("email", _l("E-mail")),
]
VISITORS = [
    ("employee", _l("Employee")),
    ("lead", _l("Team lead or manager")),
    ("bystander", _l("Bystander")),
    ("former", _l("Former employee")),
    ("other", _l("Someone else")),
]
SOURCES = kinds.SOURCES  # the same list a reporter answers
OUTCOMES = [
    ("listened", _l("Listened")),
    ("advice", _l("Advice")),
    ("conversation", _l("A conversation or mediation")),
    ("complaint", _l("A complaint")),
    ("formal_report", _l("A formal report")),
    ("referral", _l("Referred")),
]
REFERRALS = [
    ("company_doctor", _l("Company doctor")),
    ("social_work", _l("Company social work or a psychologist")),
    ("hr", _l("HR")),
    ("whistleblowers", _l("Whistleblowers Authority (Huis voor Klokkenluiders)")),
    ("police", _l("Police")),
    ("labour", _l("Netherlands Labour Authority")),
    ("human_rights", _l("Netherlands Institute for Human Rights")),
    ("legal_aid", _l("Legal aid")),
    ("other", _l("Elsewhere")),
]
LABELS = {
    "channel": dict(CHANNELS),
    "visitor": dict(VISITORS),
    "source": dict(SOURCES),
    "outcome": dict(OUTCOMES),
    "referral": dict(REFERRALS),
    "category": {kind.code: kind.label for kind in kinds.CATEGORIES},
    "track": kinds.TRACK_LABELS,
    "mode": {mode.code: mode.label for mode in kinds.MODES},
}
NOTE_FIELD = "consultation-note"
EARLIEST_DAYS_BACK = 400  # last year's consultations may still be registered in January


class ConsultationError(Exception):
    """A consultation that cannot be registered or read."""


class DayOutOfRange(ConsultationError):
    """The day lies in the future or too long ago."""


class UnknownChoice(ConsultationError):
    """A choice that is not on the list."""


class NoKey(ConsultationError):
    """The adviser has no key pair, so a note cannot be kept for them."""


class NotYours(ConsultationError):
    """The consultation belongs to another adviser (or none)."""


@dataclass(frozen=True)
class NewConsultation:
    held_on: date
    channel: str
    category: str
    visitor: str
    source: str
    outcome: str
    referral: str | None = None
    note: str = ""


def _check(new: NewConsultation, today: date) -> None:
    if new.held_on > today or new.held_on < today - timedelta(days=EARLIEST_DAYS_BACK):
        raise DayOutOfRange()
    for field in ("channel", "category", "visitor", "source", "outcome"):
        if getattr(new, field) not in LABELS[field]:
            raise UnknownChoice(field)
    if (new.outcome == "referral") != bool(new.referral) or (
        new.referral and new.referral not in LABELS["referral"]
    ):
        raise UnknownChoice("referral")


def register(adviser: Person, new: NewConsultation, today: date) -> Consultation:
    """Register a consultation; a note is encrypted under a data key sealed to the adviser."""
    _check(new, today)
    uid = secrets.token_urlsafe(16)
    note_key = note = None
    if new.note.strip():
        public_key = keyring.public_key_of(adviser.id)
        if public_key is None:
            raise NoKey()
        data_key = crypto.random_key()
        note_key = crypto.seal(public_key, data_key)
        note = crypto.encrypt_field(data_key, uid, NOTE_FIELD, new.note.strip())
    with db.atomic():
        return Consultation.create(
            uid=uid,
            adviser=adviser,
            held_on=new.held_on,
            channel=new.channel,
            track=kinds.CATEGORY_BY_CODE[new.category].track,
            category=new.category,
            visitor=new.visitor,
            source=new.source,
            outcome=new.outcome,
            referral=new.referral if new.outcome == "referral" else None,
            note_key=note_key,
            note=note,
            created_on=today,
        )


def recent_of(adviser: Person, limit: int = 20) -> list[Consultation]:
    """Return the adviser's own latest consultations, newest first."""
    return list(
        Consultation.select()
        .where(Consultation.adviser == adviser)
        .order_by(Consultation.held_on.desc(), Consultation.id.desc())
        .limit(limit)
    )


def count_of(adviser: Person, year: int) -> int:
    """Count the adviser's own consultations in a year."""
    return (
        Consultation.select()
        .where(
            (Consultation.adviser == adviser)
            & Consultation.held_on.between(date(year, 1, 1), date(year, 12, 31))
        )
        .count()
    )


def requests_of(adviser: Person, year: int) -> int:
    """Count the conversation requests addressed to the adviser in a year: they belong to the
    register of conversations, never to the reports (reports/conversation.py)."""
    return conversation.count_for(adviser, year)


def read_note(consultation_id: int, adviser: Person, private_key: bytes) -> str:
    """Decrypt the note of one of the adviser's own consultations."""
    row = Consultation.get_or_none(Consultation.id == consultation_id)
    if row is None or row.adviser_id != adviser.id:
        raise NotYours()
    if row.note is None:
        return ""
    data_key = crypto.unseal(private_key, row.note_key)
    return crypto.decrypt_field(data_key, row.uid, NOTE_FIELD, row.note).decode()


def set_report_source(reference: str, adviser: Person, source: str, several_forms: bool) -> None:
    """Record who the behaviour came from, and whether several forms are involved, on a report."""
    if source and source not in LABELS["source"]:
        raise UnknownChoice("source")
    report = Report.get_or_none(Report.reference == reference)
    if report is None or not (
        ReportKey.select()
        .where(
            (ReportKey.report == report)
            & (ReportKey.person == adviser)
            & (ReportKey.role == "adviser")
        )
        .exists()
    ):
        raise NotYours()
    with db.atomic():
        Report.update(source=source or None, several_forms=several_forms).where(
            Report.id == report.id
        ).execute()

"""Notes for the adviser alone: encrypted with the report's key, never shown to the reporter."""

from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN

from portal.core.accounts.models import Person
from portal.platform import crypto
from portal.platform.clock import utcnow
from portal.reports.models import Note
from portal.reports.opening import OpenReport, record_event


@dataclass(frozen=True)
class NoteView:
    author: str
    created_at: datetime
    text: str


def add_note(opened: OpenReport, adviser: Person, text: str) -> None:
    report = opened.report
    Note.create(
        report=report,
        adviser=adviser,
        created_at=utcnow(),
        body=crypto.encrypt_field(opened.data_key, report.uid, "note", text.strip()),
    )
    record_event(report, adviser, "note")


def notes_of(opened: OpenReport) -> list[NoteView]:
    rows = (
        Note.select(Note, Person)
        .join(Person, JOIN.LEFT_OUTER, on=(Note.adviser == Person.id))
        .where(Note.report == opened.report)
        .order_by(Note.id)
    )
    return [
        NoteView(
            row.adviser.display_name if row.adviser_id else "",
            row.created_at,
            opened.field("note", row.body).decode(),
        )
        for row in rows
    ]

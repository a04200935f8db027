"""A colleague on a report, only with the reporter's consent: hand it over, or add one.

The adviser asks; nothing is sealed to the colleague then. The report's data key reaches the
colleague only when the reporter agrees, sealed in the reporter's own request (with the key
their receipt code or their own key pair opened), as a transfer is: neither the asking
adviser, the administrator nor whoever holds the database and the secret key can do it.
The reporter is told in the conversation; the table keeps who and when, never content.
"""

from datetime import date

import peewee as pw

from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.platform.database import BaseModel, db
from portal.reports import filing, transfer
from portal.reports.models import Report, ReportKey
from portal.reports.opening import OpenReport, post_message, record_event

HAND_OVER = "hand_over"  # the colleague takes the report over; the asking adviser leaves it
ADD = "add"  # the colleague joins the asking adviser
STAND_IN = "stand_in"  # the stand-in reads while the adviser is away (standin.py)
ASKED_KINDS = (HAND_OVER, ADD)


class Handover(BaseModel):
    """A request to bring a colleague onto a report, and the reporter's answer."""

    report = pw.ForeignKeyField(Report, backref="handovers", on_delete="CASCADE")
    kind = pw.CharField()  # HAND_OVER, ADD or STAND_IN
    asked_by = pw.ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")
    colleague = pw.ForeignKeyField(Person, backref="+", on_delete="CASCADE")
    # The fingerprint of the colleague's public key when asked: a key pair replaced since
    # then receives nothing (the reporter agreed to the person as they were then).
    colleague_key = pw.CharField(null=True)
    asked_on = pw.DateField()
    answer = pw.CharField(null=True)  # None: waiting; agreed, declined or lapsed
    answered_on = pw.DateField(null=True)

    class Meta:
        indexes = ((("report", "answer"), False), (("colleague", "answer"), False))


class HandoverError(Exception):
    """No such request, or it cannot be asked or answered now."""


class AlreadyAsked(HandoverError):
    """A request waits for the reporter's answer already."""


class NotAColleague(HandoverError):
    """The chosen person cannot receive this report (not an adviser with a key pair, excluded
    by the reporter, or already on it)."""


class ColleagueKeyChanged(HandoverError):
    """The colleague's key pair was replaced since the adviser asked; nothing was sealed."""


def colleagues(opened: OpenReport) -> list[Person]:
    """Return the advisers the report may go to (as for a transfer: not excluded, not on it)."""
    return transfer.candidates(opened)


def pending(report: Report) -> Handover | None:
    """Return the request that waits for the reporter's answer, if any."""
    return (
        Handover.select(Handover, Person)
        .join(Person, on=(Handover.colleague == Person.id))
        .where(
            (Handover.report == report) & Handover.answer.is_null() & (Handover.kind != STAND_IN)
        )
        .first()
    )


def history(report: Report) -> list[Handover]:
    """Return every request on the report, newest first, for the adviser's panel."""
    return list(
        Handover.select(Handover, Person)
        .join(Person, on=(Handover.colleague == Person.id))
        .where(Handover.report == report)
        .order_by(Handover.id.desc())
    )


def ask(opened: OpenReport, adviser: Person, colleague_id: int, kind: str, today: date) -> Handover:
    """Ask the reporter to let a colleague take the report over, or join; tell the reporter."""
    if kind not in ASKED_KINDS:
        raise HandoverError()
    colleague = {p.id: p for p in colleagues(opened)}.get(colleague_id)
    if colleague is None or colleague.id == adviser.id:
        raise NotAColleague()
    with db.atomic():
        if pending(opened.report) is not None:
            raise AlreadyAsked()
        request = Handover.create(
            report=opened.report,
            kind=kind,
            asked_by=adviser,
            colleague=colleague,
            colleague_key=keyring.fingerprint_of(colleague.id),
            asked_on=today,
        )
        post_message(opened, "system", f"handover:asked:{kind}", today)
        record_event(opened.report, adviser, "handover", f"asked:{kind}")
    return request


def _waiting(opened: OpenReport, request_id: int) -> Handover:
    request = Handover.get_or_none(
        (Handover.id == request_id)
        & (Handover.report == opened.report)
        & Handover.answer.is_null()
        & (Handover.kind != STAND_IN)
    )
    if request is None:
        raise HandoverError()
    return request


def agree(opened: OpenReport, request_id: int, today: date) -> Handover:
    """The reporter agrees: seal the report to the colleague with the reporter's own key.

    A colleague who is no longer active, or whose key pair changed since the adviser asked,
    receives nothing: the request lapses (ColleagueKeyChanged, HandoverError).
    """
    request = _waiting(opened, request_id)
    colleague = request.colleague
    if keyring.fingerprint_of(colleague.id) != request.colleague_key or not colleague.active:
        Handover.update(answer="lapsed", answered_on=today).where(
            Handover.id == request.id
        ).execute()
        raise ColleagueKeyChanged()
    with db.atomic():
        on_report = ReportKey.select().where(
            (ReportKey.report == opened.report) & (ReportKey.person == colleague)
        )
        if not on_report.exists():
            filing.grant(opened.report, colleague, "adviser", opened.data_key)
        if request.kind == HAND_OVER and request.asked_by_id:
            ReportKey.delete().where(
                (ReportKey.report == opened.report)
                & (ReportKey.person == request.asked_by_id)
                & (ReportKey.role == "adviser")
            ).execute()
        request.answer, request.answered_on = "agreed", today
        request.save()
        post_message(opened, "system", f"handover:agreed:{request.kind}", today)
        record_event(opened.report, colleague, "handover", f"agreed:{request.kind}")
    return request


def decline(opened: OpenReport, request_id: int, today: date) -> Handover:
    """The reporter declines: nothing is sealed, the report stays where it is."""
    request = _waiting(opened, request_id)
    with db.atomic():
        request.answer, request.answered_on = "declined", today
        request.save()
        post_message(opened, "system", f"handover:declined:{request.kind}", today)
        record_event(opened.report, None, "handover", f"declined:{request.kind}")
    return request


def withdraw(opened: OpenReport, adviser: Person, request_id: int, today: date) -> None:
    """An adviser on the report takes a waiting request back (say, the reporter never came
    back to answer it); the reporter is told."""
    request = _waiting(opened, request_id)
    with db.atomic():
        request.answer, request.answered_on = "withdrawn", today
        request.save()
        post_message(opened, "system", f"handover:withdrawn:{request.kind}", today)
        record_event(opened.report, adviser, "handover", f"withdrawn:{request.kind}")

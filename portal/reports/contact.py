"""How we stay in touch with a reporter, and when they can expect an answer.

An anonymous reporter cannot be reached: they agree to come back with their receipt code by a
day they choose, or accept another way their adviser offers (a phone hour, a meeting). The
agreement is kept like the report's content, encrypted under its data key (field "contact"),
so no plain column says when a reporter will come back or how they can be reached.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from portal.core.accounts.models import Person
from portal.platform import crypto
from portal.platform.database import db
from portal.reports import deadlines, kinds
from portal.reports.models import Report
from portal.reports.opening import OpenReport, ReportClosed

FIELD = "contact"
LONGEST_WAIT = timedelta(days=366)  # a return day further away is most likely a typing error
OFFER_MAX = 1000


class ContactError(Exception):
    """This contact agreement cannot be made."""


class DayOutOfRange(ContactError):
    """The return day is not after today, or more than a year away."""


class NoOffer(ContactError):
    """There is no offer from the adviser to accept (or the text of one is empty)."""


@dataclass(frozen=True)
class Agreement:
    return_by: date | None = None  # the reporter comes back with the code by this day
    offer: str | None = None  # another way the adviser offers, in their words
    offered_on: date | None = None
    offer_accepted_on: date | None = None
    agreed_on: date | None = None  # the day the return day was last set

    @property
    def way(self) -> str | None:
        """Return "offer" when the reporter accepted the adviser's way, "return" for a return
        day, or None when nothing is agreed yet."""
        if self.offer and self.offer_accepted_on:
            return "offer"
        return "return" if self.return_by else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def agreement_of(opened: OpenReport) -> Agreement:
    """Decrypt the report's contact agreement (empty when none was made)."""
    blob = opened.report.contact
    if not blob:
        return Agreement()
    data = json.loads(opened.field(FIELD, blob))
    return Agreement(
        return_by=_day(data.get("return_by")),
        offer=data.get("offer"),
        offered_on=_day(data.get("offered_on")),
        offer_accepted_on=_day(data.get("offer_accepted_on")),
        agreed_on=_day(data.get("agreed_on")),
    )


def _store(opened: OpenReport, agreement: Agreement) -> None:
    data = {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in agreement.__dict__.items()
        if value is not None
    }
    report = opened.report
    report.contact = crypto.encrypt_field(opened.data_key, report.uid, FIELD, json.dumps(data))
    report.save()


def agree_return(opened: OpenReport, day: date | None, today: date) -> Agreement:
    """The reporter agrees to come back with the code by this day (after today, within a year)."""
    if not opened.report.status.reporter_may_act:
        raise ReportClosed()
    if day is None or not today < day <= today + LONGEST_WAIT:
        raise DayOutOfRange()
    agreement = Agreement(**{**agreement_of(opened).__dict__, "return_by": day, "agreed_on": today})
    with db.atomic():
        _store(opened, agreement)
    return agreement


def offer_way(opened: OpenReport, adviser: Person, text: str, today: date) -> Agreement:
    """The adviser offers another way to stay in touch; the reporter sees it when they return."""
    text = (text or "").strip()
    if not text or len(text) > OFFER_MAX:
        raise NoOffer()
    current = agreement_of(opened)
    agreement = Agreement(
        **{**current.__dict__, "offer": text, "offered_on": today, "offer_accepted_on": None}
    )
    with db.atomic():
        _store(opened, agreement)
    return agreement


def accept_offer(opened: OpenReport, today: date) -> Agreement:
    """The reporter accepts the way their adviser offered."""
    current = agreement_of(opened)
    if not current.offer:
        raise NoOffer()
    agreement = Agreement(**{**current.__dict__, "offer_accepted_on": today})
    with db.atomic():
        _store(opened, agreement)
    return agreement


def suggested_return(report: Report, today: date) -> date:
    """Suggest a return day: the day after the adviser's first answer is due (or in a week)."""
    due = report.contact_due_on or report.ack_due_on
    return (
        max(due + timedelta(days=1), today + timedelta(days=1))
        if due
        else today + timedelta(days=7)
    )


@dataclass(frozen=True)
class NextStep:
    """When the reporter can expect an answer (each may be None) and how they will read it."""

    answer_by: date | None  # the adviser's first answer (unwanted behaviour)
    acknowledge_by: date | None  # integrity: confirmation of receipt
    feedback_by: date | None  # integrity: feedback on what is done
    comes_back: bool  # anonymous: only the receipt code brings the answer


def next_step(report: Report) -> NextStep:
    """Say what happens next on a report, from its plain deadline columns."""
    integrity = report.track == kinds.INTEGRITY
    return NextStep(
        answer_by=None if integrity or report.first_contact_on else report.contact_due_on,
        acknowledge_by=(
            deadlines.acknowledgement_due(report)
            if integrity and not report.acknowledged_on
            else None
        ),
        feedback_by=deadlines.feedback_due(report) if integrity else None,
        comes_back=report.mode == "anonymous",
    )


def calendar_file(day: date, title: str) -> bytes:
    """A calendar entry for a whole day with a neutral title and nothing else: no description,
    no place, no link, no reference, so a shared calendar shows nothing of the report."""
    stamp = day.strftime("%Y%m%d")
    end = (day + timedelta(days=1)).strftime("%Y%m%d")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Reminder//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{secrets.token_hex(16)}@reminder",
        f"DTSTAMP:{stamp}T000000Z",
        f"DTSTART;VALUE=DATE:{stamp}",
        f"DTEND;VALUE=DATE:{end}",
        f"SUMMARY:{title}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()

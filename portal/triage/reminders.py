"""Deadline reminders for advisers, sent ahead of each deadline once, without any content."""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _

from portal.core.accounts.models import Person
from portal.platform import mail
from portal.platform.i18n import in_language_of
from portal.reports import standin
from portal.reports.models import ReminderSent, Report
from portal.reports.opening import advisers_of
from portal.reports.status import OPEN

log = logging.getLogger(__name__)
# (kind, the due-date column, the column that is filled once the deadline is met)
DEADLINES = [
    ("acknowledge", Report.ack_due_on, Report.acknowledged_on),
    ("contact", Report.contact_due_on, Report.first_contact_on),
    ("feedback", Report.feedback_due_on, None),
]


@dataclass(frozen=True)
class Outcome:
    mailed: int
    deadlines: int
    failed: int


def coming_deadlines(today: date, days_ahead: int) -> list[tuple[Report, str, date]]:
    """Return open reports' deadlines within days_ahead (or passed) not yet reminded of."""
    horizon = today + timedelta(days=days_ahead)
    found = []
    for kind, due, met in DEADLINES:
        query = Report.select().where(
            due.is_null(False) & (due <= horizon) & Report.status.in_(OPEN)
        )
        if met is not None:
            query = query.where(met.is_null())
        for report in query:
            due_on = getattr(report, due.name)
            sent = ReminderSent.select().where(
                (ReminderSent.report == report)
                & (ReminderSent.kind == kind)
                & (ReminderSent.due_on == due_on)
            )
            if not sent.exists():
                found.append((report, kind, due_on))
    return found


def message_for(adviser: Person, count: int, standing_in: bool = False) -> tuple[str, str]:
    with in_language_of(adviser):
        subject = _("A deadline is coming up in Vertrouwd")
        if standing_in:
            # The stand-in finds the colleague's reports on their today page, not in the inbox.
            return subject, _(
                "%(count)d deadline(s) of reports you stand in for, or that are addressed to "
                "you, are coming up or have passed. Sign in to see which:\n%(link)s\n\n"
                "This message deliberately says nothing about the reports.",
                count=count,
                link=url_for("home.today", _external=True),
            )
        body = _(
            "%(count)d deadline(s) of reports addressed to you are coming up or have passed. "
            "Sign in to see which:\n%(link)s\n\nThis message deliberately says nothing about the reports.",
            count=count,
            link=url_for("triage.inbox", sort="due", _external=True),
        )
    return subject, body


def send(today: date, days_ahead: int) -> Outcome:
    """E-mail each adviser once about their coming deadlines, or their stand-in while they
    are away (reports/standin.py); record what was reminded."""
    per_adviser: dict[int, list[tuple[Report, str, date]]] = defaultdict(list)
    people: dict[int, Person] = {}
    standing_in: set[int] = set()
    for item in coming_deadlines(today, days_ahead):
        advisers = [a for a in advisers_of(item[0]) if a.active]
        routed = standin.recipients([a.id for a in advisers], today)
        for adviser in advisers:
            to = routed[adviser.id]
            if to != adviser.id:
                standing_in.add(to)
            elif adviser.id not in people:
                people[adviser.id] = adviser
            if item not in per_adviser[to]:
                per_adviser[to].append(item)
    missing = [pid for pid in per_adviser if pid not in people]
    people |= {p.id: p for p in Person.select().where(Person.id.in_(missing))} if missing else {}
    mailed = failed = 0
    reminded: set[tuple[int, str, date]] = set()
    for adviser_id, items in per_adviser.items():
        subject, body = message_for(people[adviser_id], len(items), adviser_id in standing_in)
        try:
            mail.send(people[adviser_id].email, subject, body)
        except mail.MailNotSent as exc:
            failed += 1
            log.warning("deadline reminder not sent (%s)", exc)
            continue
        mailed += 1
        reminded.update((report.id, kind, due_on) for report, kind, due_on in items)
    for report_id, kind, due_on in reminded:
        ReminderSent.create(report=report_id, kind=kind, due_on=due_on, sent_on=today)
    return Outcome(mailed, len(reminded), failed)

"""The life of a report: received, acknowledged, in progress, referred or closed, reopened.

Every change is written to the access log and told to the reporter in the conversation.
"""

from datetime import date

from portal.core.accounts.models import Person
from portal.platform.database import db
from portal.reports import deadlines
from portal.reports.models import MessageTemplate
from portal.reports.opening import OpenReport, post_message, record_event
from portal.reports.status import Outcome, Status

ACKNOWLEDGEMENT = "acknowledgement"


class WorkflowError(Exception):
    """This change is not possible in the report's current state."""


def _tell_reporter(opened: OpenReport, code: str, today: date) -> None:
    # A system message holds a code, shown to the reporter in their own language.
    post_message(opened, "system", code, today)


def acknowledge(
    opened: OpenReport, adviser: Person, text: str, today: date, keep_as_template: bool = False
) -> None:
    """Send the acknowledgement of receipt to the reporter; the legal clock moves on."""
    report = opened.report
    if not report.status.may_acknowledge or report.acknowledged_on is not None:
        raise WorkflowError()
    with db.atomic():
        post_message(opened, "adviser", text, today, adviser=adviser)
        if report.status is not Status.AWAITING_CONFIRMATION:  # it waits for the reporter still
            report.status = Status.ACKNOWLEDGED
        report.acknowledged_on = today
        report.feedback_due_on = deadlines.feedback_due(report)
        report.save()
        if keep_as_template:
            save_template(adviser, ACKNOWLEDGEMENT, text)
        record_event(report, adviser, "status", "acknowledged")


def start(opened: OpenReport, adviser: Person, *, today: date) -> None:
    """Mark the report as being worked on."""
    report = opened.report
    if not report.status.may_start:
        raise WorkflowError()
    with db.atomic():
        report.status = Status.IN_PROGRESS
        report.save()
        _tell_reporter(opened, "status:in_progress", today)
        record_event(report, adviser, "status", "in_progress")


def conclude(opened: OpenReport, adviser: Person, outcome: str, *, today: date) -> None:
    """Record the outcome: a referral outside, or closing the report."""
    report = opened.report
    if not report.status.is_open or outcome not in set(Outcome):
        raise WorkflowError()
    with db.atomic():
        report.status = Outcome(outcome).status
        report.outcome, report.closed_on = outcome, today
        report.save()
        _tell_reporter(opened, f"outcome:{outcome}", today)
        record_event(report, adviser, "status", report.status)


def reopen(opened: OpenReport, adviser: Person, *, today: date) -> None:
    """Take a closed or referred report up again."""
    report = opened.report
    if not report.status.may_reopen:
        raise WorkflowError()
    with db.atomic():
        report.status, report.outcome, report.closed_on = Status.IN_PROGRESS, None, None
        report.save()
        _tell_reporter(opened, "status:reopened", today)
        record_event(report, adviser, "status", "reopened")


def template_text(adviser: Person, kind: str, default: str) -> str:
    """Return the adviser's own wording for a standard message, or the default."""
    saved = MessageTemplate.get_or_none(
        (MessageTemplate.person == adviser) & (MessageTemplate.kind == kind)
    )
    return saved.text if saved else default


def save_template(adviser: Person, kind: str, text: str) -> None:
    updated = (
        MessageTemplate.update(text=text)
        .where((MessageTemplate.person == adviser) & (MessageTemplate.kind == kind))
        .execute()
    )
    if not updated:
        MessageTemplate.create(person=adviser, kind=kind, text=text)

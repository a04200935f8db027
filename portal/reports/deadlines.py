"""The legal clock for integrity reports (Whistleblower Protection Act)."""

import calendar
from datetime import date, timedelta

from portal.reports import kinds
from portal.reports.models import Report

ACKNOWLEDGE_WITHIN = timedelta(days=7)
FEEDBACK_MONTHS = 3


def add_months(day: date, months: int) -> date:
    """Return the same day some months later, or the month's last day when it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_working_days(day: date, days: int) -> date:
    """Return the day that many working days (Monday to Friday) later."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def set_due_dates(report: Report, contact_target_days: int) -> None:
    """Fill the report's deadline columns from its track and dates (does not save)."""
    report.ack_due_on = acknowledgement_due(report)
    report.feedback_due_on = feedback_due(report)
    needs_contact = report.track != kinds.INTEGRITY and report.first_contact_on is None
    report.contact_due_on = (
        add_working_days(report.received_on, contact_target_days) if needs_contact else None
    )


def is_overdue(report: Report, today: date) -> bool:
    """Tell whether an open report has passed a deadline that is not yet met."""
    if not report.status.is_open:
        return False
    late_ack = report.ack_due_on and report.acknowledged_on is None and report.ack_due_on < today
    late_feedback = report.feedback_due_on and report.feedback_due_on < today
    late_contact = (
        report.contact_due_on and report.first_contact_on is None and report.contact_due_on < today
    )
    return bool(late_ack or late_feedback or late_contact)


def next_deadline(report: Report) -> tuple[str, date] | None:
    """Return the next deadline of a report not yet met ("acknowledge", "first_contact",
    "answer" (a conversation request) or "feedback", with its day), or None."""
    if report.ack_due_on and not report.acknowledged_on:
        return "acknowledge", report.ack_due_on
    if report.contact_due_on and not report.first_contact_on:
        return "answer" if report.request else "first_contact", report.contact_due_on
    if report.feedback_due_on:
        return "feedback", report.feedback_due_on
    return None


def acknowledgement_due(report: Report) -> date | None:
    if report.track != kinds.INTEGRITY:
        return None
    return report.received_on + ACKNOWLEDGE_WITHIN


def feedback_due(report: Report) -> date | None:
    """Three months after the acknowledgement, or after day 7 when none was sent."""
    if report.track != kinds.INTEGRITY:
        return None
    start = report.acknowledged_on or report.received_on + ACKNOWLEDGE_WITHIN
    return add_months(start, FEEDBACK_MONTHS)

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

"""The adviser's corrections after the first conversation: the report's kind (and with it its
track) and whether it was one incident or a pattern. The old value is kept in the report's
history (reports/changes.py), the access log says who changed it, and the reporter is told.

A report moved to the integrity track runs the Whistleblower Protection Act's clock from its
receipt (acknowledge within 7 days, feedback within 3 months); one moved off it loses that
clock and gets the first-contact target instead, unless contact was made. A year already
published keeps its figures: the tally moves, but only a new version of that year's report
shows it (insights/yearly.py publishes frozen figures).
"""

from datetime import date

from portal.core.accounts.models import Person
from portal.insights.publication import first_published_on
from portal.platform.database import db
from portal.reports import changes, deadlines, kinds
from portal.reports.opening import OpenReport, post_message, record_event


class CorrectionError(Exception):
    """This correction is not possible (unknown value, or nothing changes)."""


def reclassify(
    opened: OpenReport, adviser: Person, category: str, today: date, contact_target_days: int
) -> bool:
    """Change the report's kind, and its track with it; return whether the track changed."""
    report = opened.report
    kind = kinds.CATEGORY_BY_CODE.get(category)
    if kind is None or category == report.category:
        raise CorrectionError()
    track_changed = kind.track != report.track
    with db.atomic():
        changes.record(report, adviser, "category", report.category, category, today)
        if track_changed:
            changes.record(report, adviser, "track", report.track, kind.track, today)
        report.category, report.track = category, kind.track
        if track_changed:
            deadlines.set_due_dates(report, contact_target_days)
        report.save()
        post_message(opened, "system", f"reclassified:{category}", today)
        record_event(report, adviser, "reclassified", category)
    return track_changed


def mark_pattern(opened: OpenReport, adviser: Person, value: str, today: date) -> None:
    """Mark the report as one incident or a pattern (the old mark is kept)."""
    report = opened.report
    if value not in kinds.PATTERN_LABELS or value == report.incident_pattern:
        raise CorrectionError()
    with db.atomic():
        changes.record(report, adviser, "incident_pattern", report.incident_pattern, value, today)
        report.incident_pattern = value
        report.save()
        record_event(report, adviser, "pattern", value)


def published_year(received_on: date) -> int | None:
    """Return the year the report is counted in when that year's report is published."""
    return received_on.year if first_published_on(received_on.year) else None

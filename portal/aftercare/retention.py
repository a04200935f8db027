"""Retention of aftercare cases: a closed case is deleted whole after a period (GDPR), logged."""

from datetime import date

from portal.aftercare.models import Case
from portal.core.audit import log as audit
from portal.platform.database import db
from portal.reports.deadlines import add_months


def run(today: date, months: int) -> int:
    """Delete every case closed at least `months` ago (keys, steps, evidence, check-ins too)."""
    deleted = 0
    closed = Case.select().where((Case.status == "closed") & Case.closed_on.is_null(False))
    for case in [c for c in closed if add_months(c.closed_on, months) <= today]:
        with db.atomic():
            audit.record(case, None, "case_deleted", "retention")
            case.delete_instance()  # the foreign keys cascade to everything hanging off it
            deleted += 1
    return deleted

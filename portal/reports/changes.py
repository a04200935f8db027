"""A report's corrections: what an adviser changed in its triage metadata (kind, track, one
incident or a pattern), from what to what, when and by whom. Codes only, never content."""

from dataclasses import dataclass
from datetime import date

import peewee as pw

from portal.core.accounts.models import Person
from portal.platform.database import BaseModel
from portal.reports.models import Report


class ReportChange(BaseModel):
    report = pw.ForeignKeyField(Report, backref="changes", on_delete="CASCADE")
    field = pw.CharField()  # "category", "track" or "incident_pattern"
    old = pw.CharField(null=True)
    new = pw.CharField(null=True)
    changed_on = pw.DateField()
    person = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")


def record(report: Report, person: Person, field: str, old, new, today: date) -> None:
    """Keep the old value of a field the adviser changed."""
    ReportChange.create(
        report=report, field=field, old=old, new=new, changed_on=today, person=person
    )


@dataclass(frozen=True)
class Change:
    field: str
    old: str | None
    new: str | None
    changed_on: date
    by: str  # the name of who made it ("" when the account is gone)


def history(report: Report) -> list[Change]:
    """Return the report's changes, oldest first, each with the name of who made it (one query)."""
    rows = (
        ReportChange.select(
            ReportChange.field,
            ReportChange.old,
            ReportChange.new,
            ReportChange.changed_on,
            Person.display_name,
        )
        .join(Person, pw.JOIN.LEFT_OUTER)
        .where(ReportChange.report == report)
        .order_by(ReportChange.changed_on, ReportChange.id)
        .tuples()
    )
    return [Change(field, old, new, day, name or "") for field, old, new, day, name in rows]

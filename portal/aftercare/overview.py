"""HR's overview of open cases: the step reached and the next due date, nothing else."""

from dataclasses import dataclass
from datetime import date

from portal.aftercare import protocol, steps
from portal.aftercare.checkins import next_due as next_checkin
from portal.aftercare.models import Case


@dataclass(frozen=True)
class Row:
    reference: str
    opened_on: date
    step_reached: int | None  # the first step not yet done; None when all are
    next_due_on: date | None


def step_reached(case: Case) -> int | None:
    """Return the number of the first step that is not done or skipped."""
    rows = steps.step_rows(case)
    return next(
        (s.number for s in protocol.STEPS if rows[s.number].status not in protocol.FINISHED), None
    )


def next_due(case: Case, legal_help_days: int) -> date | None:
    """Return the earliest open date of a case: a step, a check-in or a deadline."""
    days = [
        row.due_on
        for row in steps.step_rows(case).values()
        if row.due_on and row.status not in protocol.FINISHED
    ]
    days += [c.due_on for c in steps.clocks(case, legal_help_days).items]
    checkin = next_checkin(case)
    if checkin:
        days.append(checkin)
    return min(days) if days else None


def open_cases(legal_help_days: int) -> list[Row]:
    """Return every open case, oldest first, with metadata only."""
    return [
        Row(case.reference, case.opened_on, step_reached(case), next_due(case, legal_help_days))
        for case in Case.select().where(Case.status == "open").order_by(Case.opened_on, Case.id)
    ]

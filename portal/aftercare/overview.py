"""HR's overview of open cases: the step reached and the next due date, nothing else."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from peewee import fn

from portal.aftercare import protocol, steps
from portal.aftercare.models import Case, CaseStep, CheckIn, EvidenceItem


@dataclass(frozen=True)
class Row:
    reference: str
    opened_on: date
    step_reached: int | None  # the first step not yet done; None when all are
    next_due_on: date | None


def step_reached(rows: dict[int, CaseStep]) -> int | None:
    """Return the number of the first step that is not done or skipped."""
    return next(
        (s.number for s in protocol.STEPS if rows[s.number].status not in protocol.FINISHED), None
    )


def next_due(
    rows: dict[int, CaseStep], online: bool, checkin: date | None, legal_help_days: int
) -> date | None:
    """Return the earliest open date of a case: a step, a check-in or a deadline."""
    days = [
        row.due_on for row in rows.values() if row.due_on and row.status not in protocol.FINISHED
    ]
    days += [c.due_on for c in steps.clocks_of(rows, online, legal_help_days).items]
    if checkin:
        days.append(checkin)
    return min(days) if days else None


def open_cases(legal_help_days: int) -> list[Row]:
    """Return every open case, oldest first, with metadata only.

    Four queries however many cases are open (the cases, their steps, their evidence items'
    "still online" answers, their next check-ins), never a query per case.
    """
    is_open = Case.status == "open"
    cases = list(Case.select().where(is_open).order_by(Case.opened_on, Case.id))
    if not cases:
        return []
    step_rows: dict[int, dict[int, CaseStep]] = defaultdict(dict)
    for row in CaseStep.select(CaseStep).join(Case).where(is_open):
        step_rows[row.case_id][row.number] = row
    states: dict[int, list] = defaultdict(list)
    for case_id, state in (
        EvidenceItem.select(EvidenceItem.case, EvidenceItem.still_online)
        .join(Case)
        .where(is_open)
        .tuples()
    ):
        states[case_id].append(state)
    checkins = dict(
        CheckIn.select(CheckIn.case, fn.MIN(CheckIn.due_on))
        .join(Case)
        .where(is_open & CheckIn.done_on.is_null())
        .group_by(CheckIn.case)
        .tuples()
    )
    return [
        Row(
            case.reference,
            case.opened_on,
            step_reached(step_rows[case.id]),
            next_due(
                step_rows[case.id],
                steps.online_from(states[case.id]),
                _day(checkins.get(case.id)),
                legal_help_days,
            ),
        )
        for case in cases
    ]


def _day(value) -> date | None:
    """A day read through MIN(): SQLite hands it back as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value

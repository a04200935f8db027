"""HR's overview of open cases: how far each is and every next date, nothing else.

A step counts as reached only when it is done (or not needed); the first step still open is
shown with its state, never as "reached". The dates are plain columns: step due dates (the
complaint deadline of a complaint offence is step 6's), the check-ins and the clocks. Four
queries however many cases are open, never a query per case.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from portal.aftercare import protocol, steps
from portal.aftercare.models import Case, CaseStep, CheckIn, EvidenceItem


@dataclass(frozen=True)
class NextDate:
    kind: str  # step, checkin, or a clock's kind (platform_complaint, police_complaint, legal_help)
    what: str  # the step's number or the check-in's kind; empty for a clock
    due_on: date


@dataclass(frozen=True)
class Row:
    reference: str
    opened_on: date
    steps_done: int  # done or not needed
    open_step: int | None  # the first step not yet done; None when all are
    open_status: str | None  # its state: todo or doing
    complaint_until: date | None  # a complaint offence: the last day to file, itself included
    next_dates: list[NextDate] = field(default_factory=list)

    @property
    def next_due_on(self) -> date | None:
        return self.next_dates[0].due_on if self.next_dates else None


def step_reached(rows: dict[int, CaseStep]) -> int | None:
    """Return the number of the first step that is not done or skipped."""
    return next(
        (s.number for s in protocol.STEPS if rows[s.number].status not in protocol.FINISHED), None
    )


def next_dates(
    rows: dict[int, CaseStep], online: bool, checkins: list[CheckIn], legal_help_days: int
) -> list[NextDate]:
    """Return every open date of a case, earliest first: steps, check-ins and deadlines."""
    found = [
        NextDate("step", str(row.number), row.due_on)
        for row in rows.values()
        if row.due_on and row.status not in protocol.FINISHED
    ]
    found += [NextDate("checkin", row.kind, row.due_on) for row in checkins]
    step_dates = {(d.what, d.due_on) for d in found}
    for clock in steps.clocks_of(rows, online, legal_help_days).items:
        if clock.kind == "police_complaint" and (str(protocol.POLICE), clock.due_on) in step_dates:
            continue  # already there as step 6's due date
        found.append(NextDate(clock.kind, "", clock.due_on))
    return sorted(found, key=lambda d: (d.due_on, d.kind, d.what))


def row_of(
    case: Case,
    rows: dict[int, CaseStep],
    online: bool,
    checkins: list[CheckIn],
    legal_help_days: int,
) -> Row:
    """Describe one open case from its step rows, evidence answers and open check-ins."""
    done = [n for n, r in rows.items() if r.status in protocol.FINISHED]
    first = step_reached(rows)
    police = rows[protocol.POLICE]
    complaint = (
        protocol.police_complaint_until(police.started_on)
        if police.complaint_offence and police.started_on and police.status not in protocol.FINISHED
        else None
    )
    return Row(
        case.reference,
        case.opened_on,
        len(done),
        first,
        rows[first].status if first else None,
        complaint,
        next_dates(rows, online, checkins, legal_help_days),
    )


def open_cases(legal_help_days: int) -> list[Row]:
    """Return every open case, oldest first, with metadata only."""
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
    checkins: dict[int, list[CheckIn]] = defaultdict(list)
    for row in CheckIn.select(CheckIn).join(Case).where(is_open & CheckIn.done_on.is_null()):
        checkins[row.case_id].append(row)
    return [
        row_of(
            case,
            step_rows[case.id],
            steps.online_from(states[case.id]),
            checkins[case.id],
            legal_help_days,
        )
        for case in cases
    ]

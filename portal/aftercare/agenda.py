"""What falls due on the open cases a lead or HR person is on: check-ins and steps.

Plain columns only (reference, step, check-in kind, dates), as HR's overview shows them: what
a case is about stays inside it. One query each, however many cases the person is on.
"""

from dataclasses import dataclass
from datetime import date

from peewee import fn

from portal.aftercare import protocol
from portal.aftercare.models import Case, CaseMember, CaseStep, CheckIn
from portal.core.accounts.models import Person


@dataclass(frozen=True)
class DueCheckIn:
    reference: str
    kind: str  # first, two_weeks, six_weeks
    due_on: date
    latest_on: date  # after this day it is overdue


@dataclass(frozen=True)
class DueStep:
    reference: str
    number: int
    owner: str  # employee, lead, hr, organisation
    due_on: date


def _on_case(person: Person, role: str, case_column):
    """A condition: the case in this column is one this person is on in this role, and open."""
    member = CaseMember.select(CaseMember.id).where(
        (CaseMember.case == case_column) & (CaseMember.person == person) & (CaseMember.role == role)
    )
    return fn.EXISTS(member) & (Case.status == "open")


def checkins_due(person: Person, role: str, until: date) -> list[DueCheckIn]:
    """Return the check-ins not yet held that are due by `until` on this person's cases."""
    rows = (
        CheckIn.select(Case.reference, CheckIn.kind, CheckIn.due_on, CheckIn.latest_on)
        .join(Case)
        .where(
            CheckIn.done_on.is_null()
            & (CheckIn.due_on <= until)
            & _on_case(person, role, CheckIn.case)
        )
        .order_by(CheckIn.due_on, Case.id)
        .tuples()
    )
    return [DueCheckIn(*row) for row in rows]


def steps_due(person: Person, role: str, until: date) -> list[DueStep]:
    """Return the steps not finished that are due by `until` on this person's cases."""
    rows = (
        CaseStep.select(Case.reference, CaseStep.number, CaseStep.owner, CaseStep.due_on)
        .join(Case)
        .where(
            CaseStep.status.not_in(protocol.FINISHED)
            & (CaseStep.due_on <= until)
            & _on_case(person, role, CaseStep.case)
        )
        .order_by(CaseStep.due_on, Case.id, CaseStep.number)
        .tuples()
    )
    return [DueStep(*row) for row in rows]

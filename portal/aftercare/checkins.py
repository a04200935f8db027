"""Check-ins with the employee: planned at opening, recorded by the lead or HR, with the
employee's own words if they wish; overdue ones stand out."""

import json
from dataclasses import dataclass
from datetime import date, timedelta

from portal.aftercare import protocol
from portal.aftercare.cases import CaseClosed, CaseError, NotAllowed, OpenCase, require_staff
from portal.aftercare.models import CaseStep, CheckIn
from portal.platform.database import db


class CheckInNotFound(CaseError):
    """No such check-in on this case."""


@dataclass(frozen=True)
class CheckInView:
    kind: str
    due_on: date
    latest_on: date
    done_on: date | None
    how: str
    help_needed: bool
    employee_words: str
    overdue: bool
    due: bool


def _row(opened: OpenCase, kind: str) -> CheckIn:
    row = CheckIn.get_or_none((CheckIn.case == opened.case) & (CheckIn.kind == kind))
    if row is None:
        raise CheckInNotFound()
    return row


def is_overdue(row: CheckIn, today: date) -> bool:
    """Tell whether a check-in not held is past its latest day."""
    return row.done_on is None and row.latest_on < today


def views(opened: OpenCase, today: date) -> list[CheckInView]:
    """Return the case's check-ins in order, decrypted."""
    order = list(protocol.CHECKIN_KINDS)
    rows = sorted(
        CheckIn.select().where(CheckIn.case == opened.case), key=lambda r: order.index(r.kind)
    )
    result = []
    for row in rows:
        body = json.loads(opened.decrypt(f"checkin-{row.kind}", row.body) or "{}")
        result.append(
            CheckInView(
                row.kind,
                row.due_on,
                row.latest_on,
                row.done_on,
                body.get("how", ""),
                bool(body.get("help_needed")),
                opened.decrypt(f"checkin-{row.kind}-employee", row.employee_words),
                is_overdue(row, today),
                row.done_on is None and row.due_on <= today,
            )
        )
    return result


def record(opened: OpenCase, kind: str, how: str, help_needed: bool, done_on: date) -> bool:
    """Record a check-in: how the employee is doing and whether professional help is needed.

    "Help needed" opens step 5 (HR's) with a due date; return True when it did, so HR is told.
    """
    require_staff(opened)
    row = _row(opened, kind)
    payload = {"how": how.strip(), "help_needed": help_needed}
    with db.atomic():
        row.done_on = done_on
        row.body = opened.encrypt(f"checkin-{kind}", json.dumps(payload))
        row.save()
        return open_help_step(opened.case, done_on) if help_needed else False


def open_help_step(case, asked_on: date) -> bool:
    """Open step 5 (professional help) for HR, due a week on; False when it is already open."""
    step = CaseStep.get((CaseStep.case == case) & (CaseStep.number == protocol.PROFESSIONAL))
    if step.status != "todo":
        return False  # already under way, done or not needed: HR knows
    due = asked_on + timedelta(days=protocol.HELP_DAYS)
    step.owner, step.status = "hr", "doing"
    step.due_on = min(step.due_on, due) if step.due_on else due
    step.save()
    return True


def ask_help(opened: OpenCase, today: date) -> bool:
    """The employee asks for professional help themselves: open step 5 for HR (False when it
    is already open)."""
    if opened.role != "employee":
        raise NotAllowed()
    if opened.case.status == "closed":
        raise CaseClosed()
    with db.atomic():
        return open_help_step(opened.case, today)


def write_own_words(opened: OpenCase, kind: str, words: str) -> None:
    """Keep what the employee writes themselves about how they are doing (private to the case)."""
    if opened.role != "employee":
        raise NotAllowed()
    if opened.case.status == "closed":
        raise CaseClosed()
    row = _row(opened, kind)
    row.employee_words = opened.encrypt(f"checkin-{kind}-employee", words.strip())
    row.save()


def next_due(case) -> date | None:
    """Return the due day of the next open check-in of a case (plain columns only)."""
    row = (
        CheckIn.select(CheckIn.due_on)
        .where((CheckIn.case == case) & CheckIn.done_on.is_null())
        .order_by(CheckIn.due_on)
        .first()
    )
    return row.due_on if row else None

"""The case page's first line: what happens next on a case, who does it, and by when."""

from dataclasses import dataclass
from datetime import date

from portal.aftercare import protocol
from portal.aftercare.checkins import CheckInView
from portal.aftercare.steps import StepView


@dataclass(frozen=True)
class Next:
    title: object  # the step's or the conversation's name
    owner: str  # a key of protocol.OWNERS
    due_on: date | None
    overdue: bool
    anchor: str  # where on the case page it is worked on


def whats_next(steps: list[StepView], checkins: list[CheckInView]) -> Next | None:
    """Return the open step or check-in due first (undated steps after dated ones, by number);
    None when everything is done."""
    waiting = [
        Next(s.title, s.owner, s.due_on, s.overdue, f"step-{s.number}")
        for s in steps
        if s.status not in protocol.FINISHED
    ] + [
        Next(protocol.CHECKIN_KINDS[c.kind], "lead", c.due_on, c.overdue, "checkins")
        for c in checkins
        if c.done_on is None
    ]
    if not waiting:
        return None
    return min(
        enumerate(waiting), key=lambda pair: (pair[1].due_on is None, pair[1].due_on, pair[0])
    )[1]

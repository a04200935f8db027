"""The advisers' activity register: what they did during the year, kept by the month.

An entry says when (a month, never a day), what kind of activity, a short description in the
adviser's own words and, optionally, how many took part. It is about the advisers' work, not about
persons: the description stays among the advisers and the yearly report shows only how many
activities of each kind there were (and how many took part). Each adviser changes only their own
entries; a change withdraws the signatures on that year's report (signing.py).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from peewee import JOIN

from portal.core.accounts.models import Person
from portal.insights import signing
from portal.insights.models import AdviserActivity
from portal.platform.database import db
from portal.platform.i18n import lazy_gettext as _l

KINDS = [
    ("prevention", _l("Prevention session")),
    ("training", _l("Training")),
    ("team_visit", _l("Team visit")),
    ("intake", _l("Intake")),
    ("other", _l("Other")),
]
KIND_LABELS = dict(KINDS)
DESCRIPTION = 200  # characters


class ActivityError(Exception):
    """An activity that cannot be saved."""


class NotYours(ActivityError):
    """No such entry, or another adviser's."""


class BadActivity(ActivityError):
    """A month or kind outside the register's lists (a form that was tampered with)."""


@dataclass
class NewActivity:
    month: int
    kind: str
    description: str
    participants: int | None


def _check(data: NewActivity, year: int, today: date) -> None:
    if data.kind not in KIND_LABELS or not 1 <= int(data.month) <= 12:
        raise BadActivity()
    if (year, int(data.month)) > (today.year, today.month):
        raise BadActivity()


def add(year: int, adviser: Person, data: NewActivity, today: date) -> list[str]:
    """Register an activity; return the names whose signatures this withdrew."""
    _check(data, year, today)
    with db.atomic():
        AdviserActivity.create(
            year=year,
            month=int(data.month),
            kind=data.kind,
            description=data.description.strip()[:DESCRIPTION],
            participants=data.participants,
            adviser=adviser,
            created_on=today,
        )
        return signing.withdraw(year)


def own(activity_id: int, adviser: Person) -> AdviserActivity:
    """Return one of the adviser's own entries, or raise NotYours."""
    found = AdviserActivity.get_or_none(
        (AdviserActivity.id == activity_id) & (AdviserActivity.adviser == adviser)
    )
    if found is None:
        raise NotYours()
    return found


def change(activity_id: int, adviser: Person, data: NewActivity, today: date) -> list[str]:
    """Change one of the adviser's entries; return the names whose signatures this withdrew."""
    with db.atomic():
        entry = own(activity_id, adviser)
        _check(data, entry.year, today)
        entry.month, entry.kind = int(data.month), data.kind
        entry.description = data.description.strip()[:DESCRIPTION]
        entry.participants = data.participants
        entry.save()
        return signing.withdraw(entry.year)


def delete(activity_id: int, adviser: Person) -> tuple[int, list[str]]:
    """Delete one of the adviser's entries; return its year and the withdrawn signatures."""
    with db.atomic():
        entry = own(activity_id, adviser)
        year = entry.year
        entry.delete_instance()
        return year, signing.withdraw(year)


def of_year(year: int) -> list[AdviserActivity]:
    """Return the year's register, by month, with who entered each."""
    return list(
        AdviserActivity.select(AdviserActivity, Person)
        .join(Person, JOIN.LEFT_OUTER)
        .where(AdviserActivity.year == year)
        .order_by(AdviserActivity.month, AdviserActivity.id)
    )


def counts(year: int) -> list[dict]:
    """Count the year's activities by kind, with how many took part (where recorded)."""
    number: Counter = Counter()
    took_part: Counter = Counter()
    for kind, participants in (
        AdviserActivity.select(AdviserActivity.kind, AdviserActivity.participants)
        .where(AdviserActivity.year == year)
        .tuples()
    ):
        number[kind] += 1
        took_part[kind] += participants or 0
    return [
        {"kind": kind, "n": number[kind], "participants": took_part[kind]} for kind, _label in KINDS
    ]

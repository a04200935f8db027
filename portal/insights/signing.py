"""Co-signing: every adviser listed on a year's report signs before it can be published.

A signature says "I read the draft as it stands and agree to publish it". So any change to the
draft (its texts, context, recommendations, what became of last year's, or the year's activity
register) withdraws every signature of that year, and the advisers sign again.
"""

from datetime import date

from portal.core.accounts.models import Person
from portal.insights.models import YearlySignature
from portal.platform.database import db


class SigningError(Exception):
    """A signature that cannot be given, or a publication without every signature."""


class NotListed(SigningError):
    """Only the advisers listed on the report sign it."""


class NotSigned(SigningError):
    """Publishing waits until every listed adviser has signed."""

    def __init__(self, missing: list[Person]):
        super().__init__("not signed")
        self.missing = missing


def signatures(year: int) -> dict[int, date]:
    """Return who signed the year's draft, and when: person id -> day."""
    return {
        person_id: signed_on
        for person_id, signed_on in YearlySignature.select(
            YearlySignature.person, YearlySignature.signed_on
        )
        .where(YearlySignature.year == year)
        .tuples()
    }


def sign(year: int, person: Person, listed: list[int], today: date) -> None:
    """Record the person's signature on the year's draft as it stands."""
    if person.id not in listed:
        raise NotListed()
    with db.atomic():
        YearlySignature.delete().where(
            (YearlySignature.year == year) & (YearlySignature.person == person)
        ).execute()
        YearlySignature.create(year=year, person=person, signed_on=today)


def withdraw(year: int) -> list[str]:
    """Withdraw every signature of the year (the draft changed); return the names withdrawn."""
    names = [
        name
        for (name,) in Person.select(Person.display_name)
        .join(YearlySignature, on=(YearlySignature.person == Person.id))
        .where(YearlySignature.year == year)
        .order_by(Person.display_name)
        .tuples()
    ]
    YearlySignature.delete().where(YearlySignature.year == year).execute()
    return names


def missing(year: int, listed: list[int]) -> list[Person]:
    """Return the listed advisers who have not signed the year's draft."""
    signed = signatures(year)
    waiting = [person_id for person_id in listed if person_id not in signed]
    if not waiting:
        return []
    return list(Person.select().where(Person.id.in_(waiting)).order_by(Person.display_name))


def check(year: int, listed: list[int]) -> list[dict]:
    """Raise NotSigned unless every listed adviser signed; return the signatures to publish."""
    if not listed:
        raise NotSigned([])
    waiting = missing(year, listed)
    if waiting:
        raise NotSigned(waiting)
    signed = signatures(year)
    people = Person.select().where(Person.id.in_(listed)).order_by(Person.display_name)
    return [{"name": p.display_name, "signed_on": signed[p.id].isoformat()} for p in people]

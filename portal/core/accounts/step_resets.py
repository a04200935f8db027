"""Resetting a person's second step (a lost phone): asked by an administrator, done by a second.

An administrator can give anyone a temporary password. Were they also able to reset the
second step on their own, they could sign in as an adviser or HR person and read what
reporters share. So a reset waits, like a trusted role, until HR or another administrator
confirms it: never the person concerned, never whoever asked.
"""

from portal.core.accounts import notices, people
from portal.core.accounts.models import Person, SecondStepReset
from portal.platform.clock import utcnow
from portal.platform.database import db


class NoSecondStep(people.AccountError):
    """The person has no authenticator app set up: there is nothing to reset."""


def ask(person: Person, by: Person) -> None:
    """Ask for the person's second step to be reset (once: asking again changes nothing)."""
    if person.totp_secret is None:
        raise NoSecondStep()
    SecondStepReset.insert(
        person=person, requested_by=by, requested_on=utcnow().date()
    ).on_conflict_ignore().execute()
    notices.log(person, by, "second_factor_reset_asked")


def waiting_for(person: Person) -> bool:
    return SecondStepReset.select().where(SecondStepReset.person == person).exists()


def waiting() -> list[SecondStepReset]:
    """Every reset waiting for a second person, oldest first."""
    return list(
        people.with_people(SecondStepReset).order_by(
            SecondStepReset.requested_on, SecondStepReset.id
        )
    )


def confirm(request_id: int, by: Person) -> SecondStepReset:
    """Reset the second step now (the person enrols again at the next sign-in); raise
    people.OwnRoleRequest or people.RoleRequestGone as for a role."""
    request = SecondStepReset.get_or_none(SecondStepReset.id == request_id)
    people.check_second_person(request, by)
    with db.atomic():
        people.reset_second_factor(request.person, by=by)
        request.delete_instance()
    return request


def decline(request_id: int, by: Person) -> None:
    """Drop a reset request (anyone who may confirm may decline, also their own)."""
    request = SecondStepReset.get_or_none(SecondStepReset.id == request_id)
    if request is not None:
        request.delete_instance()
        notices.log(request.person, by, "second_factor_reset_declined")

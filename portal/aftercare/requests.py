"""An employee asks for aftercare themselves: they pick their team lead or an HR person, and
the case opens when that person accepts.

Who asks is sealed to the person asked; the employee keeps a second sealed copy to follow
their request, so no plain row names the employee.

The report door offers this too, next to the confidential advisers, when the person chooses
"online harassment" (templates/reports/_section_advisers.html).
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from portal.aftercare import cases
from portal.aftercare.models import Case, CaseRequest
from portal.core.accounts import keyring, teams
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.platform import crypto
from portal.platform.database import db


class RequestError(Exception):
    """A request for aftercare that cannot be made or answered."""


class NoKey(RequestError):
    """The employee has no key pair open in this session, so a case could not be sealed to them."""


class AddresseeUnavailable(RequestError):
    """The chosen person is not a lead or HR person with a key pair."""


class RequestNotFound(RequestError):
    """No such request for this person."""


def addressees(employee: Person) -> list[Person]:
    """Return the leads of the employee's own teams and the HR people they can ask (active,
    with a key pair): a lead opens cases only for their own team."""
    leads = cases.with_key_pair(Role.TEAM_LEAD).where(Person.id.in_(teams.leads_of(employee)))
    hr = cases.with_key_pair(Role.HR)
    return sorted(
        {p.id: p for p in [*leads, *hr] if p.id != employee.id}.values(),
        key=lambda p: (p.display_name, p.id),
    )


def capacities(employee: Person, person: Person) -> list[Role]:
    """Return the roles in which the employee may ask this person (shown beside the name)."""
    lead_ids = {team.lead_id for team in teams.leads_of(employee)}
    found = [Role.TEAM_LEAD] if person.id in lead_ids else []
    return found + ([Role.HR] if person.has_role(Role.HR) else [])


def ask(employee: Person, addressee_id: int, today: date) -> Person:
    """Send a request for aftercare to one lead or HR person; return that person."""
    addressee = next((p for p in addressees(employee) if p.id == addressee_id), None)
    if addressee is None:
        raise AddresseeUnavailable()
    own_key = keyring.public_key_of(employee.id)
    if own_key is None:
        raise NoKey()
    about = {"employee_id": employee.id, "name": employee.display_name}
    mine = {"addressee_name": addressee.display_name}
    with db.atomic():
        CaseRequest.create(
            addressee=addressee,
            asked_on=today,
            for_addressee=crypto.seal(
                keyring.public_key_of(addressee.id), json.dumps(about).encode()
            ),
            for_employee=crypto.seal(own_key, json.dumps(mine).encode()),
        )
    return addressee


@dataclass(frozen=True)
class Received:
    id: int
    asked_on: date
    name: str


def received(addressee: Person, private_key: bytes | None) -> list[Received]:
    """Return the pending requests to this lead or HR person, with who asks."""
    rows = CaseRequest.select().where(
        (CaseRequest.addressee == addressee) & (CaseRequest.status == "pending")
    )
    return [
        Received(row.id, row.asked_on, about["name"])
        for row, about in _opened(rows, "for_addressee", private_key)
    ]


@dataclass(frozen=True)
class Sent:
    id: int
    asked_on: date
    addressee_name: str
    status: str


def sent(employee: Person, private_key: bytes | None) -> list[Sent]:
    """Return the requests this employee made that are not yet accepted."""
    rows = CaseRequest.select().order_by(CaseRequest.id.desc())
    return [
        Sent(row.id, row.asked_on, mine["addressee_name"], row.status)
        for row, mine in _opened(rows, "for_employee", private_key)
    ]


def _opened(rows, column: str, private_key: bytes | None) -> Iterator[tuple[CaseRequest, dict]]:
    """Yield the requests whose sealed column opens with this key, with what it holds."""
    if private_key is None:
        return
    for row in rows:
        try:
            yield row, json.loads(crypto.unseal(private_key, bytes(getattr(row, column))))
        except crypto.DecryptionFailed:
            continue  # sealed to someone else, or to a key pair this person no longer has


def _pending(addressee: Person, private_key: bytes | None, request_id: int) -> tuple:
    row = CaseRequest.get_or_none(
        (CaseRequest.id == request_id)
        & (CaseRequest.addressee == addressee)
        & (CaseRequest.status == "pending")
    )
    if row is None or private_key is None:
        raise RequestNotFound()
    try:
        about = json.loads(crypto.unseal(private_key, bytes(row.for_addressee)))
    except crypto.DecryptionFailed as exc:
        raise RequestNotFound() from exc
    return row, about


def accept(
    addressee: Person, private_key: bytes | None, request_id: int, today: date, config: dict
) -> tuple[Case, Person]:
    """Open the case the employee asked for; return it and the employee."""
    row, about = _pending(addressee, private_key, request_id)
    with db.atomic():
        case = cases.open_case(addressee, about["employee_id"], today, config)
        row.delete_instance()
    return case, Person.get_by_id(about["employee_id"])


def decline(addressee: Person, private_key: bytes | None, request_id: int) -> None:
    """Decline a request; the employee sees that it was declined and can ask someone else."""
    row, _about = _pending(addressee, private_key, request_id)
    row.status = "declined"
    row.save()


def withdraw(employee: Person, private_key: bytes | None, request_id: int) -> None:
    """Take back one's own request (or clear a declined one)."""
    if request_id not in {s.id for s in sent(employee, private_key)}:
        raise RequestNotFound()
    CaseRequest.delete().where(CaseRequest.id == request_id).execute()

"""Who is on a case, the log of changes to it, and key pairs that were replaced.

A key pair replaced after an administrator's password reset is never trusted silently (as for
consent, portal/consent/sharing.py): each sealed key row records the fingerprint of the key it
was sealed to (the employee's inside the encrypted body). When a member's key changed, the case
page says so to everyone on it, and a lead or HR person on the case shares it with the new key
only after confirming they checked with that person that it is really them; that is written to
the access log, which is also the case's member log.
"""

from dataclasses import dataclass
from datetime import date

from peewee import JOIN

from portal.aftercare.cases import (
    CaseError,
    MemberUnavailable,
    NotAllowed,
    OpenCase,
    employee_can_read,
    seal_to,
    seal_to_employee,
)
from portal.aftercare.models import Case, CaseMember
from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person
from portal.core.audit import log as audit
from portal.platform.database import db


class NotConfirmed(CaseError):
    """Sharing with a new key needs the confirmation that it is really that person."""


@dataclass(frozen=True)
class Member:
    person_id: int | None
    name: str
    role: str
    added_on: date


def members(opened: OpenCase) -> list[Member]:
    """Return who is on the case: the employee first, then the lead and HR people."""
    body = opened.body()
    employee = body["employee"]
    result = [Member(employee["id"], employee["name"], "employee", opened.case.opened_on)]
    for row in (
        CaseMember.select(CaseMember, Person)
        .join(Person, JOIN.INNER, on=(CaseMember.person == Person.id))
        .where(CaseMember.case == opened.case)
        .order_by(CaseMember.id)
    ):
        result.append(Member(row.person.id, row.person.display_name, row.role, row.added_on))
    return result


@dataclass(frozen=True)
class KeyChange:
    person_id: int
    name: str
    role: str  # employee, lead, hr
    replaced_on: date | None
    has_key: bool  # they hold a key pair the case can be shared with again


def _current_key(person_id: int) -> tuple[str | None, date | None]:
    ring = KeyRing.get_or_none(KeyRing.person == person_id)
    if ring is None:
        return None, None
    return keyring.fingerprint(bytes(ring.public_key)), ring.replaced_on


def key_changes(opened: OpenCase) -> list[KeyChange]:
    """Return the people on the case whose key pair is no longer the one it was sealed to."""
    changes = []
    employee = opened.body()["employee"]
    if employee_can_read(opened.case):
        current, replaced_on = _current_key(employee["id"])
        recorded = employee.get("key")
        if recorded is None:  # sealed before fingerprints were recorded
            changed = current is None or (
                replaced_on is not None and replaced_on >= opened.case.opened_on
            )
        else:
            changed = recorded != current
        if changed:
            changes.append(
                KeyChange(
                    employee["id"], employee["name"], "employee", replaced_on, current is not None
                )
            )
    for row in (
        CaseMember.select(CaseMember, Person)
        .join(Person, JOIN.INNER, on=(CaseMember.person == Person.id))
        .where(CaseMember.case == opened.case)
        .order_by(CaseMember.id)
    ):
        current, replaced_on = _current_key(row.person.id)
        if row.key_fingerprint is None or row.key_fingerprint != current:
            changes.append(
                KeyChange(
                    row.person.id,
                    row.person.display_name,
                    row.role,
                    replaced_on,
                    current is not None,
                )
            )
    return changes


def share_with_new_key(
    opened: OpenCase, person_id: int, checked_with_them: bool, today: date
) -> KeyChange:
    """Share the case with a member's new key pair, after the reader confirmed they checked with
    that person that it is really them; logged as such. Never without that confirmation."""
    if not opened.is_staff:
        raise NotAllowed()
    change = next((c for c in key_changes(opened) if c.person_id == person_id and c.has_key), None)
    if change is None:
        raise MemberUnavailable()
    if not checked_with_them:
        raise NotConfirmed()
    with db.atomic():
        if change.role == "employee":
            seal_to_employee(opened)
            detail = "employee"  # the access log never names the employee of a case
        else:
            sealed = seal_to(person_id, opened.data_key)
            CaseMember.update(
                sealed_key=sealed.sealed_key, key_fingerprint=sealed.fingerprint
            ).where(
                (CaseMember.case == opened.case)
                & (CaseMember.person == person_id)
                & (CaseMember.role == change.role)
            ).execute()
            detail = f"{change.role}:{person_id}"
        audit.record(opened.case, opened.person, "member_reshared", detail)
    return change


@dataclass(frozen=True)
class Waiting:
    reference: str
    replaced_on: date | None


def waiting_for_me(person: Person) -> list[Waiting]:
    """Return the cases this lead or HR person is on but cannot open since their key changed."""
    current, replaced_on = _current_key(person.id)
    rows = (
        CaseMember.select(CaseMember, Case)
        .join(Case)
        .where((CaseMember.person == person) & (Case.status == "open"))
        .order_by(Case.opened_on.desc())
    )
    return [
        Waiting(row.case.reference, replaced_on)
        for row in rows
        if row.key_fingerprint is None or row.key_fingerprint != current
    ]


@dataclass(frozen=True)
class LogLine:
    at: object
    actor: str
    action: str
    subject: str


def membership_log(opened: OpenCase) -> list[LogLine]:
    """Return who opened the case, who was added, removed or shared with again, oldest first."""
    entries = audit.entries_for(
        opened.case,
        ("case_opened", "member_added", "member_removed", "member_reshared", "case_closed"),
    )
    named = [e for e, _ in entries if e.action != "case_opened" and ":" in e.detail]
    ids = {int(e.detail.split(":")[1]) for e in named}
    names = {p.id: p.display_name for p in Person.select().where(Person.id.in_(ids))}
    subjects = {e.detail: names.get(int(e.detail.split(":")[1]), "") for e in named}
    subjects["employee"] = opened.body()["employee"]["name"]
    return [
        LogLine(entry.at, actor, entry.action, subjects.get(entry.detail, ""))
        for entry, actor in entries
    ]

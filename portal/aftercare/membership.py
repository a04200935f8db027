"""Who is on a case, the log of changes to it, and keys waiting for a check in person.

No key is trusted that nobody checked, a first key included (../shared/DESIGN.md): the
employee's key, and any member's key pair replaced after a password reset, wait on the case
page. A lead or HR person on the case meets the person, who signs in and reads the check code
of their key off their own screen (keyring.check_code); the case is shared with that key only
when the code typed in matches. The page shows when the person's password was last set, by
whom, and when the key was made, so a key made after someone else set the password stands out.
Each sharing is written to the access log, which is also the case's member log.
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
    """A key on the case that waits for a check: a first key, or a replaced one."""

    person_id: int
    name: str
    role: str  # employee, lead, hr
    replaced_on: date | None
    has_key: bool  # they hold a key pair the case can be shared with
    first: bool = False  # the case was never shared with this person (the employee's first key)
    key_made_on: date | None = None
    password_set_on: date | None = None
    password_set_by: str | None = None  # who last set a password for them (a name), if anyone
    reset_on: date | None = None  # the last time someone else reset their password
    reset_by: str | None = None


def _current_key(person_id: int) -> tuple[str | None, date | None]:
    ring = KeyRing.get_or_none(KeyRing.person == person_id)
    if ring is None:
        return None, None
    return keyring.fingerprint(bytes(ring.public_key)), ring.replaced_on


def _name_of(person_id: int | None) -> str | None:
    person = Person.get_or_none(Person.id == person_id) if person_id else None
    return person.display_name if person else None


def _change(person_id: int, name: str, role: str, first: bool = False) -> KeyChange:
    """Describe a person's current key for whoever checks it: when it was made, and when and by
    whom their password was last set."""
    ring = KeyRing.get_or_none(KeyRing.person == person_id)
    person = Person.get_by_id(person_id)
    setter = person.password_set_by
    reset = audit.last_account_entry(person, "password_reset")
    return KeyChange(
        person_id,
        name,
        role,
        ring.replaced_on if ring else None,
        ring is not None,
        first=first,
        key_made_on=ring.created_on if ring else None,
        password_set_on=person.password_set_on,
        password_set_by=setter.display_name if setter and setter.id != person_id else None,
        reset_on=reset.at.date() if reset else None,
        reset_by=_name_of(reset.person_id) if reset else None,
    )


def key_changes(opened: OpenCase) -> list[KeyChange]:
    """Return the people on the case whose key waits for a check: the employee until the case
    was first shared with them, and anyone whose key pair is no longer the one it was sealed to."""
    changes = []
    employee = opened.body()["employee"]
    if not employee_can_read(opened.case):
        changes.append(_change(employee["id"], employee["name"], "employee", first=True))
    else:
        current, replaced_on = _current_key(employee["id"])
        recorded = employee.get("key")
        if recorded is None:  # sealed before fingerprints were recorded
            changed = current is None or (
                replaced_on is not None and replaced_on >= opened.case.opened_on
            )
        else:
            changed = recorded != current
        if changed:
            changes.append(_change(employee["id"], employee["name"], "employee"))
    for row in (
        CaseMember.select(CaseMember, Person)
        .join(Person, JOIN.INNER, on=(CaseMember.person == Person.id))
        .where(CaseMember.case == opened.case)
        .order_by(CaseMember.id)
    ):
        current, _ = _current_key(row.person.id)
        if row.key_fingerprint is None or row.key_fingerprint != current:
            changes.append(_change(row.person.id, row.person.display_name, row.role))
    return changes


def share_with_new_key(opened: OpenCase, person_id: int, typed_code: str, today: date) -> KeyChange:
    """Share the case with a person's first or new key pair, once the check code typed in is the
    one their key has (they read it off their own screen in the meeting); logged as such. Raise
    NotConfirmed when no code or another code was typed."""
    if not opened.is_staff:
        raise NotAllowed()
    change = next((c for c in key_changes(opened) if c.person_id == person_id and c.has_key), None)
    if change is None:
        raise MemberUnavailable()
    code = keyring.check_code_of(person_id)
    if code is None or not keyring.same_check_code(typed_code or "", code):
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
        (
            "case_opened",
            "member_added",
            "member_removed",
            "member_reshared",
            "case_closed",
            "original_downloaded",
        ),
    )
    named = [
        e
        for e, _ in entries
        if e.action not in ("case_opened", "original_downloaded") and ":" in e.detail
    ]
    ids = {int(e.detail.split(":")[1]) for e in named}
    names = {p.id: p.display_name for p in Person.select().where(Person.id.in_(ids))}
    subjects = {e.detail: names.get(int(e.detail.split(":")[1]), "") for e in named}
    subjects["employee"] = opened.body()["employee"]["name"]
    return [
        LogLine(entry.at, actor, entry.action, subjects.get(entry.detail, ""))
        for entry, actor in entries
    ]

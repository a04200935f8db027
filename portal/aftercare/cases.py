"""Aftercare cases: opened by a team lead or HR for a staff member, readable only by those on it.

A case has a random data key. Its content is encrypted with it (AEAD, the associated data
naming the case and the field, as for reports), and the key is sealed to each person on the
case: the employee, the lead who opened it, and the HR people added. The employee's sealed key
carries no person id: they find their cases by opening the employee keys with their own key,
so that no plain row ties a person to the case they are the subject of.

Nothing is sealed to a key that no one has checked. The employee's key is not trusted because
it exists: an administrator who reset their password could have made it. The case is shared
with the employee only when a lead or HR person on it has met them and typed the check code they
read off their own screen (membership.share_with_new_key), never as a side effect of viewing a
page. Each sealed key row records the fingerprint of the key it was sealed to (the employee's
inside the encrypted body), so a key pair replaced later waits for the same check.
People who sign in only through single sign-on have a key pair once they set their record
passphrase (record/key_views.py); until then the case waits for them.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import date

from portal.aftercare import policy, protocol
from portal.aftercare.models import Case, CaseMember, CaseStep, CheckIn
from portal.core.accounts import keyring, teams
from portal.core.accounts.models import KeyRing, Person, PersonRole
from portal.core.accounts.roles import Role
from portal.core.audit import log as audit
from portal.platform import crypto
from portal.platform.database import db

STAFF_ROLES = ("lead", "hr")


class CaseError(Exception):
    """An aftercare action that cannot be carried out."""


class CaseNotFound(CaseError):
    """No such case, or not for this person: deliberately one case."""


class NotAllowed(CaseError):
    """The person is on the case but may not do this (the employee changes no steps)."""


class KeyUnavailable(CaseError):
    """The acting person's private key is not open in this session (signed in without password)."""


class EmployeeUnavailable(CaseError):
    """The chosen employee cannot have a case here (inactive, or the person opening it)."""


class MemberUnavailable(CaseError):
    """This person cannot be added to or removed from the case."""


class CaseClosed(CaseError):
    """The case is closed; nothing changes any more."""


@dataclass(frozen=True)
class OpenCase:
    """A case with its data key and the reader's role on it, for the length of one request."""

    case: Case
    data_key: bytes
    role: str  # employee, lead, hr
    person: Person

    def decrypt(self, field: str, blob: bytes | None) -> str:
        """Decrypt one field of this case ("" when it was never written)."""
        if blob is None:
            return ""
        return crypto.decrypt_field(self.data_key, self.case.uid, field, bytes(blob)).decode()

    def encrypt(self, field: str, text: str) -> bytes:
        """Encrypt one field of this case."""
        return crypto.encrypt_field(self.data_key, self.case.uid, field, text)

    def body(self) -> dict:
        """Return who the case is about and who opened it."""
        return json.loads(self.decrypt("body", self.case.body))

    @property
    def is_staff(self) -> bool:
        """Tell whether the reader is the lead or HR on the case."""
        return self.role in STAFF_ROLES


def new_reference(today: date) -> str:
    """Return a reference such as NZ-2026-7KQ4MX: unique, short, and saying nothing."""
    while True:
        suffix = "".join(secrets.choice(crypto.RECEIPT_ALPHABET) for _ in range(6))
        reference = f"NZ-{today.year}-{suffix}"
        if not Case.select().where(Case.reference == reference).exists():
            return reference


def employee_candidates(opener: Person) -> list[Person]:
    """Return the people a case can be opened for: for HR everyone active but the opener, for
    a lead the members of their own teams."""
    query = Person.select().where((Person.active == True) & (Person.id != opener.id))  # noqa: E712
    if not opener.has_role(Role.HR):
        query = query.where(Person.id.in_(teams.members_led_by(opener)))
    return list(query.order_by(Person.display_name))


def with_key_pair(*roles: Role):
    """Select the active people with one of these roles and a key pair (a case can be sealed to
    them), by name."""
    return (
        Person.select()
        .join(PersonRole)
        .switch(Person)
        .join(KeyRing, on=(KeyRing.person == Person.id))
        .where(
            PersonRole.role.in_([role.value for role in roles]) & (Person.active == True)  # noqa: E712
        )
        .distinct()
        .order_by(Person.display_name)
    )


def hr_candidates(opened: "OpenCase") -> list[Person]:
    """Return the HR people who can be added: active, with a key pair, not on the case yet,
    and not the employee it is about."""
    on_case = CaseMember.select(CaseMember.person).where(
        (CaseMember.case == opened.case) & CaseMember.person.is_null(False)
    )
    return list(
        with_key_pair(Role.HR).where(
            Person.id.not_in(on_case) & (Person.id != opened.body()["employee"]["id"])
        )
    )


@dataclass(frozen=True)
class Sealed:
    sealed_key: bytes
    fingerprint: str  # of the public key it was sealed to


def seal_to(person_id: int, data_key: bytes) -> Sealed | None:
    """Seal a case's data key to a person's current public key (None: they have no key pair)."""
    public_key = keyring.public_key_of(person_id)
    if public_key is None:
        return None
    return Sealed(crypto.seal(public_key, data_key), keyring.fingerprint(public_key))


def open_case(opener: Person, employee_id: int, today: date, config: dict) -> Case:
    """Open a case for a staff member: seal it to them and the opener; plan steps and check-ins.

    A lead opens a case only for a member of a team they lead; HR for anyone. Raise
    EmployeeUnavailable, or KeyUnavailable when the opener has no key pair yet.
    """
    employee = Person.get_or_none((Person.id == employee_id) & (Person.active == True))  # noqa: E712
    if employee is None or employee.id == opener.id:
        raise EmployeeUnavailable()
    as_lead = opener.has_role(Role.TEAM_LEAD) and teams.leads(opener, employee)
    if not as_lead and not opener.has_role(Role.HR):
        raise EmployeeUnavailable()
    data_key = crypto.random_key()
    opener_sealed = seal_to(opener.id, data_key)
    if opener_sealed is None:
        raise KeyUnavailable()
    uid = secrets.token_hex(16)
    # The employee's key waits for the check in person (membership.share_with_new_key).
    body = {
        "employee": {"id": employee.id, "name": employee.display_name, "key": None},
        "opened_by": {"id": opener.id, "name": opener.display_name},
    }
    with db.atomic():
        case = Case.create(
            uid=uid,
            reference=new_reference(today),
            opened_on=today,
            body=crypto.encrypt_field(data_key, uid, "body", json.dumps(body)),
        )
        role = "lead" if as_lead else "hr"
        CaseMember.create(
            case=case,
            person=opener,
            role=role,
            sealed_key=opener_sealed.sealed_key,
            key_fingerprint=opener_sealed.fingerprint,
            added_on=today,
        )
        owners = policy.owners()  # the policy "who does what" says whose task each step is
        for step in protocol.STEPS:
            CaseStep.create(
                case=case,
                number=step.number,
                owner=owners[step.number],
                due_on=protocol.step_due(step, today),
            )
        for plan in protocol.checkin_plan(today, config):
            CheckIn.create(case=case, kind=plan.kind, due_on=plan.due_on, latest_on=plan.latest_on)
        audit.record(case, opener, "case_opened", role)
    return case


def _unseal(private_key: bytes, row: CaseMember) -> bytes | None:
    try:
        return crypto.unseal(private_key, bytes(row.sealed_key))
    except crypto.DecryptionFailed:
        return None


def open_for(person: Person, private_key: bytes | None, reference: str) -> OpenCase:
    """Open a case for a person on it; raise CaseNotFound for anyone else."""
    case = Case.get_or_none(Case.reference == reference)
    if case is None or private_key is None:
        raise CaseNotFound()
    row = CaseMember.get_or_none((CaseMember.case == case) & (CaseMember.person == person))
    if row is not None and (key := _unseal(private_key, row)) is not None:
        return OpenCase(case, key, row.role, person)
    for row in CaseMember.select().where(
        (CaseMember.case == case) & (CaseMember.role == "employee")
    ):
        if (key := _unseal(private_key, row)) is not None:
            return OpenCase(case, key, "employee", person)
    raise CaseNotFound()


def seal_to_employee(opened: OpenCase) -> bool:
    """Seal the case to the employee's current key, in place of any earlier one; record its
    fingerprint in the encrypted body. Callers decide whether that key may be trusted."""
    body = opened.body()
    sealed = seal_to(body["employee"]["id"], opened.data_key)
    if sealed is None:
        return False
    case = opened.case
    body["employee"]["key"] = sealed.fingerprint
    with db.atomic():
        CaseMember.delete().where(
            (CaseMember.case == case) & (CaseMember.role == "employee")
        ).execute()
        CaseMember.create(
            case=case,
            person=None,
            role="employee",
            sealed_key=sealed.sealed_key,
            added_on=case.opened_on,
        )
        case.body = opened.encrypt("body", json.dumps(body))
        case.save(only=[Case.body])
    return True


def employee_can_read(case: Case) -> bool:
    """Tell whether the case has been sealed to the employee yet."""
    return (
        CaseMember.select()
        .where((CaseMember.case == case) & (CaseMember.role == "employee"))
        .exists()
    )


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    role: str
    employee_name: str
    opened_on: date
    status: str


def cases_for(
    person: Person, private_key: bytes | None, about_me_open_only: bool = False
) -> list[CaseSummary]:
    """Return the cases this person is on (as staff, or as the employee), newest first.

    Finding one's own cases as the employee means trying every employee key (about 0.1 ms
    each); the home page's notice asks only for open cases about the person. Reading the list
    changes nothing: a case reaches its employee only through the check in person.
    """
    if private_key is None:
        return []
    mine_as_employee = (CaseMember.role == "employee") & CaseMember.person.is_null()
    if about_me_open_only:
        where = mine_as_employee & (Case.status == "open")
    else:
        where = (CaseMember.person == person) | mine_as_employee
    rows = (
        CaseMember.select(CaseMember, Case)
        .join(Case)
        .where(where)
        .order_by(Case.opened_on.desc(), Case.id.desc())
    )
    found = []
    for row in rows:
        key = _unseal(private_key, row)
        if key is None:
            continue
        opened = OpenCase(row.case, key, row.role, person)
        found.append(
            CaseSummary(
                row.case.reference,
                row.role,
                opened.body()["employee"]["name"],
                row.case.opened_on,
                row.case.status,
            )
        )
    return found


def require_staff(opened: OpenCase) -> None:
    """Raise NotAllowed unless the reader is the lead or HR on the case; CaseClosed when closed."""
    if not opened.is_staff:
        raise NotAllowed()
    if opened.case.status == "closed":
        raise CaseClosed()


def add_hr(opened: OpenCase, person_id: int, today: date) -> Person:
    """Add an HR person to the case (sealing the key to them); logged, and shown to the employee."""
    require_staff(opened)
    person = next((p for p in hr_candidates(opened) if p.id == person_id), None)
    if person is None:
        raise MemberUnavailable()
    sealed = seal_to(person.id, opened.data_key)
    with db.atomic():
        CaseMember.create(
            case=opened.case,
            person=person,
            role="hr",
            sealed_key=sealed.sealed_key,
            key_fingerprint=sealed.fingerprint,
            added_on=today,
        )
        audit.record(opened.case, opened.person, "member_added", f"hr:{person.id}")
    return person


def remove_hr(opened: OpenCase, person_id: int) -> None:
    """Take an HR person off the case: their sealed key is deleted; logged and shown."""
    require_staff(opened)
    row = CaseMember.get_or_none(
        (CaseMember.case == opened.case)
        & (CaseMember.person == person_id)
        & (CaseMember.role == "hr")
    )
    if row is None:
        raise MemberUnavailable()
    with db.atomic():
        row.delete_instance()
        audit.record(opened.case, opened.person, "member_removed", f"hr:{person_id}")


def record_opening(opened: OpenCase) -> None:
    """Log that the case was opened; the employee's own openings carry no person."""
    audit.record(opened.case, opened.person if opened.is_staff else None, "opened")


def close(opened: OpenCase, outcome: str, today: date) -> None:
    """Close the case with its outcome (a code)."""
    require_staff(opened)
    if outcome not in protocol.OUTCOMES:
        raise CaseError()
    case = opened.case
    with db.atomic():
        case.status, case.closed_on, case.outcome = "closed", today, outcome
        case.save()
        audit.record(case, opened.person, "case_closed", outcome)

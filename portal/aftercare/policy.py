"""The policy "who does what" with structure: per aftercare step whose task it is and whom to
reach, and the named contacts with how to reach them. The free text (pages.py) stays around it.

A new case takes its step owners from here; the case page shows each step's owner and contact
from the policy beside what the case itself says.
"""

import re
from dataclasses import dataclass

from peewee import JOIN

from portal.aftercare import protocol
from portal.aftercare.models import PolicyContact, PolicyStep
from portal.platform.database import db

NAME, FUNCTION, PHONE, EMAIL, HOURS = 120, 120, 40, 254, 200
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-.]{6,40}$")
EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PolicyError(Exception):
    """A change to the policy's structure that cannot be carried out."""


class ContactUnknown(PolicyError):
    """No such contact."""


class ContactInvalid(PolicyError):
    """A contact's fields are missing or wrong; fields names each (name, function_nl, ...)."""

    def __init__(self, fields: dict[str, str]):
        super().__init__(fields)
        self.fields = fields  # field name -> problem code: missing, phone, email, reach


class StepRuleInvalid(PolicyError):
    """A step's owner is not one of protocol.OWNERS, or its contact does not exist."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


@dataclass(frozen=True)
class ContactData:
    name: str = ""
    function_nl: str = ""
    function_en: str = ""
    phone: str = ""
    email: str = ""
    hours_nl: str = ""
    hours_en: str = ""

    def cleaned(self) -> "ContactData":
        """Return the same contact with every field stripped of surrounding space."""
        return ContactData(**{k: (v or "").strip() for k, v in self.__dict__.items()})

    def problems(self) -> dict[str, str]:
        """Return each field's problem: a name, a function in one language, a way to reach them."""
        found = {}
        if not self.name:
            found["name"] = "missing"
        if not (self.function_nl or self.function_en):
            found["function_nl"] = "missing"
        if self.phone and not PHONE_CHARACTERS.match(self.phone):
            found["phone"] = "phone"
        if self.email and not EMAIL_SHAPE.match(self.email):
            found["email"] = "email"
        if not (self.phone or self.email):
            found["phone"] = found.get("phone", "reach")
        limits = {"name": NAME, "phone": PHONE, "email": EMAIL}
        limits |= {f"function_{x}": FUNCTION for x in ("nl", "en")}
        limits |= {f"hours_{x}": HOURS for x in ("nl", "en")}
        for name, limit in limits.items():
            if len(getattr(self, name)) > limit:
                found[name] = "long"
        return found


@dataclass(frozen=True)
class StepRule:
    number: int
    title: object
    owner: str
    contact: PolicyContact | None
    default: bool  # True: the policy says nothing, the protocol's own owner applies


def in_language(contact: PolicyContact, field: str, locale: str) -> str:
    """Return a contact's text (function, hours) in this language, else in the other one."""
    other = "en" if locale == "nl" else "nl"
    return getattr(contact, f"{field}_{locale}", "") or getattr(contact, f"{field}_{other}", "")


def contacts() -> list[PolicyContact]:
    """Return every contact, in the order HR added them."""
    return list(PolicyContact.select().order_by(PolicyContact.id))


def contact(contact_id: int) -> PolicyContact:
    """Return one contact; raise ContactUnknown."""
    found = PolicyContact.get_or_none(PolicyContact.id == contact_id)
    if found is None:
        raise ContactUnknown(contact_id)
    return found


def save_contact(data: ContactData, contact_id: int | None = None) -> PolicyContact:
    """Add a contact, or change the one with this id; raise ContactInvalid or ContactUnknown."""
    data = data.cleaned()
    problems = data.problems()
    if problems:
        raise ContactInvalid(problems)
    with db.atomic():
        row = contact(contact_id) if contact_id is not None else PolicyContact()
        for name, value in data.__dict__.items():
            setattr(row, name, value)
        row.save()
    return row


def delete_contact(contact_id: int) -> PolicyContact:
    """Remove a contact; the steps that named them keep their owner and lose the contact."""
    row = contact(contact_id)
    with db.atomic():
        PolicyStep.update(contact=None).where(PolicyStep.contact == row).execute()
        row.delete_instance()
    return row


def rules() -> list[StepRule]:
    """Return the policy's rule for each of the seven steps, in the protocol's order."""
    rows = {
        row.number: row
        for row in PolicyStep.select(PolicyStep, PolicyContact).join(
            PolicyContact, JOIN.LEFT_OUTER
        )
    }
    result = []
    for step in protocol.STEPS:
        row = rows.get(step.number)
        result.append(
            StepRule(
                step.number,
                step.title,
                row.owner if row else step.owner,
                row.contact if row and row.contact_id else None,
                row is None,
            )
        )
    return result


def owners() -> dict[int, str]:
    """Return the owner the policy gives each step (the protocol's where it says nothing)."""
    return {rule.number: rule.owner for rule in rules()}


def save_rules(chosen: dict[int, tuple[str, int | None]]) -> None:
    """Set each step's owner and contact (None: no contact); raise StepRuleInvalid."""
    known = {c.id for c in PolicyContact.select(PolicyContact.id)}
    for number, (owner, contact_id) in chosen.items():
        if (
            number not in protocol.STEP_BY_NUMBER
            or owner not in protocol.OWNERS
            or (contact_id is not None and contact_id not in known)
        ):
            raise StepRuleInvalid(number)
    with db.atomic():
        for number, (owner, contact_id) in chosen.items():
            PolicyStep.insert(number=number, owner=owner, contact=contact_id).on_conflict(
                conflict_target=[PolicyStep.number],
                update={PolicyStep.owner: owner, PolicyStep.contact: contact_id},
            ).execute()

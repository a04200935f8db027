"""Consent and sharing, with the reporter in control.

The reporter grants consent per scope to a named person; the adviser then writes a summary
for that person, encrypted under a fresh key sealed to the person's public key. Revoking the
consent deletes the summary and its key: it is gone at once, also cryptographically.
"""

import json
from dataclasses import dataclass
from datetime import date

from peewee import JOIN, fn

from portal.consent.models import Consent, SharedSummary, SummaryVersion
from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.platform import crypto
from portal.platform.database import db
from portal.reports.models import Report, ReportKey
from portal.reports.notes import add_note
from portal.reports.opening import OpenReport, post_message, read, record_event
from portal.reports.status import OPEN

SCOPES = ("share_hr", "share_lead", "reveal_name")
SCOPE_ROLES = {"share_hr": Role.HR, "share_lead": Role.TEAM_LEAD, "reveal_name": None}
SUMMARY_CONTEXT = b"vertrouwd|v1|shared-summary"


class ConsentError(Exception):
    """This consent cannot be given or used."""


class GranteeKeyChanged(ConsentError):
    """The grantee's key pair was replaced since the consent: the reporter must confirm first."""


def _roles_for(scope: str) -> list[Role]:
    return [Role.HR, Role.TEAM_LEAD] if scope == "reveal_name" else [SCOPE_ROLES[scope]]


def grantees(scope: str) -> list[Person]:
    """Return the people a reporter may name for a scope (with a key to receive it), once each."""
    from portal.core.accounts.models import PersonRole

    if scope not in SCOPES:
        return []
    return list(
        Person.select()
        .join(PersonRole)
        .switch(Person)
        .join(KeyRing, on=(KeyRing.person == Person.id))
        .where(PersonRole.role.in_([r.value for r in _roles_for(scope)]) & (Person.active == True))
        .distinct()
        .order_by(Person.display_name, Person.id)
    )


def roles_for_scope(person: Person, scope: str) -> list[Role]:
    """Return the roles in which this person may receive the scope (shown beside the name)."""
    return [role for role in _roles_for(scope) if role in person.roles]


def scopes_for(report: Report) -> tuple[str, ...]:
    """Return the scopes a reporter may consent to: no name to reveal on an anonymous report."""
    return SCOPES if report.identity is not None else tuple(s for s in SCOPES if s != "reveal_name")


@dataclass(frozen=True)
class Proposal:
    """What a consent would share, and with whom, shown to the reporter before it takes effect."""

    scope: str
    grantee: Person
    roles: list[Role]
    name: str | None  # the name that goes with what is shared (reveal_name, or revealed before)
    standing: bool  # the same consent already stands


def propose(opened: OpenReport, scope: str, grantee_id: int | None) -> Proposal:
    """Check a consent the reporter is about to give; raise ConsentError when it cannot be."""
    report = opened.report
    if scope not in scopes_for(report):
        raise ConsentError()
    grantee = next((p for p in grantees(scope) if p.id == grantee_id), None)
    if grantee is None:
        raise ConsentError()
    name = None
    if scope == "reveal_name" or name_revealed_to(report, grantee):
        name = (read(opened).identity or {}).get("name") or None
    standing_already = any(
        c.scope == scope and c.grantee_id == grantee.id for c in standing(report)
    )
    return Proposal(scope, grantee, roles_for_scope(grantee, scope), name, standing_already)


def grant(opened: OpenReport, scope: str, grantee_id: int, today: date) -> Consent:
    """Record the reporter's consent for one scope and one named person."""
    proposal = propose(opened, scope, grantee_id)
    if proposal.standing:
        raise ConsentError()
    report = opened.report
    with db.atomic():
        consent = Consent.create(
            report=report,
            scope=scope,
            grantee=grantee_id,
            granted_on=today,
            grantee_key=keyring.fingerprint_of(grantee_id),
        )
        post_message(opened, "system", f"consent:granted:{scope}", today)
        record_event(report, None, "consent", f"granted:{scope}")
    return consent


def revoke(opened: OpenReport, consent_id: int, today: date) -> None:
    """Withdraw a consent: whatever was shared under it disappears at once."""
    consent = Consent.get_or_none((Consent.id == consent_id) & (Consent.report == opened.report))
    if consent is None or consent.revoked_on is not None:
        raise ConsentError()
    with db.atomic():
        SharedSummary.delete().where(SharedSummary.consent == consent).execute()
        consent.revoked_on = today
        consent.save()
        post_message(opened, "system", f"consent:revoked:{consent.scope}", today)
        record_event(opened.report, None, "consent", f"revoked:{consent.scope}")


def key_changed(consent: Consent) -> bool:
    """Tell whether the grantee's key pair is no longer the one the reporter consented to."""
    current = keyring.fingerprint_of(consent.grantee_id)
    return current is None or current != consent.grantee_key


def changed_keys(report: Report) -> dict[int, object]:
    """Map each standing consent whose grantee's key was replaced to the day it was replaced."""
    changed = {}
    for consent in standing(report):
        if key_changed(consent):
            ring = KeyRing.get_or_none(KeyRing.person == consent.grantee_id)
            changed[consent.id] = ring.replaced_on if ring else None
    return changed


def confirm_again(opened: OpenReport, consent_id: int, today: date) -> None:
    """The reporter confirms a consent for the grantee's new key; the old summary is dropped."""
    consent = Consent.get_or_none((Consent.id == consent_id) & (Consent.report == opened.report))
    if consent is None or consent.revoked_on is not None or not key_changed(consent):
        raise ConsentError()
    with db.atomic():
        SharedSummary.delete().where(SharedSummary.consent == consent).execute()
        consent.grantee_key = keyring.fingerprint_of(consent.grantee_id)
        consent.save()
        post_message(opened, "system", f"consent:confirmed:{consent.scope}", today)
        record_event(opened.report, None, "consent", f"confirmed:{consent.scope}")


def standing(report: Report) -> list[Consent]:
    return list(
        Consent.select()
        .where((Consent.report == report) & Consent.revoked_on.is_null())
        .order_by(Consent.id)
    )


def history(report: Report) -> list[Consent]:
    return list(Consent.select().where(Consent.report == report).order_by(Consent.id))


def name_revealed_to(report: Report, grantee: Person) -> bool:
    return (
        Consent.select()
        .where(
            (Consent.report == report)
            & (Consent.grantee == grantee)
            & (Consent.scope == "reveal_name")
            & Consent.revoked_on.is_null()
            & (Consent.grantee_key == keyring.fingerprint_of(grantee.id))
        )
        .exists()
    )


def write_summary(
    opened: OpenReport, consent_id: int, adviser: Person, text: str, today: date
) -> None:
    """Encrypt the adviser's summary for the consent's grantee (replacing an earlier one)."""
    consent = Consent.get_or_none((Consent.id == consent_id) & (Consent.report == opened.report))
    if consent is None or consent.revoked_on is not None or consent.scope == "reveal_name":
        raise ConsentError()
    ring = KeyRing.get_or_none(KeyRing.person == consent.grantee)
    if ring is None:
        raise ConsentError()
    if keyring.fingerprint(bytes(ring.public_key)) != consent.grantee_key:
        raise GranteeKeyChanged()
    payload = {"text": text.strip(), "reference": opened.report.reference}
    if name_revealed_to(opened.report, consent.grantee):
        identity = read(opened).identity or {}
        payload["name"] = identity.get("name", "")
    key = crypto.random_key()
    with db.atomic():
        SharedSummary.delete().where(SharedSummary.consent == consent).execute()
        SharedSummary.create(
            consent=consent,
            author=adviser,
            written_on=today,
            sealed_key=crypto.seal(bytes(ring.public_key), key),
            body=crypto.encrypt(
                key, json.dumps(payload).encode(), SUMMARY_CONTEXT + str(consent.id).encode()
            ),
        )
        record_event(opened.report, adviser, "shared", consent.scope)


@dataclass(frozen=True)
class SharedView:
    consent_id: int
    scope: str
    written_on: date
    author: str
    reference: str
    text: str | None  # None: sealed to a key this person no longer holds
    name: str | None


def shared_with(person: Person, private_key: bytes | None) -> list[SharedView]:
    """Return the summaries shared with this person under consents that still stand."""
    if private_key is None:
        return []
    rows = (
        SharedSummary.select(SharedSummary, Consent)
        .join(Consent)
        .where((Consent.grantee == person) & Consent.revoked_on.is_null())
        .order_by(SharedSummary.id.desc())
    )
    views = []
    for row in rows:
        author = Person.get_or_none(Person.id == row.author_id)
        try:
            if key_changed(row.consent):
                raise crypto.DecryptionFailed()  # bound to a key pair that was replaced
            key = crypto.unseal(private_key, bytes(row.sealed_key))
            payload = json.loads(
                crypto.decrypt(key, bytes(row.body), SUMMARY_CONTEXT + str(row.consent_id).encode())
            )
        except crypto.DecryptionFailed:
            # Sealed to a key pair this person no longer holds: say so, never a 500.
            payload = {"reference": "", "text": None}
        views.append(
            SharedView(
                row.consent_id,
                row.consent.scope,
                row.written_on,
                author.display_name if author else "",
                payload["reference"],
                payload["text"],
                payload.get("name"),
            )
        )
    return views


@dataclass(frozen=True)
class SummaryToWrite:
    consent_id: int
    reference: str
    scope: str
    granted_on: date


def summaries_to_write(adviser: Person, limit: int) -> list[SummaryToWrite]:
    """Return the standing consents to share on the adviser's open reports for which they have
    not written the summary yet (nor one that waits for the reporter's approval), oldest first (at most limit + 1), in one query."""
    sealed = ReportKey.select(ReportKey.id).where(
        (ReportKey.report == Report.id)
        & (ReportKey.person == adviser.id)
        & (ReportKey.role == "adviser")
    )
    # A summary written and waiting for the reporter's approval is not one to write.
    waiting = SummaryVersion.select(SummaryVersion.id).where(
        (SummaryVersion.consent == Consent.id) & (SummaryVersion.state == "waiting")
    )
    rows = (
        Consent.select(Consent.id, Report.reference, Consent.scope, Consent.granted_on)
        .join(Report)
        .switch(Consent)
        .join(SharedSummary, JOIN.LEFT_OUTER)
        .where(
            Consent.scope.in_(("share_hr", "share_lead"))
            & Consent.revoked_on.is_null()
            & SharedSummary.id.is_null()
            & Report.status.in_(OPEN)
            & fn.EXISTS(sealed)
            & ~fn.EXISTS(waiting)
        )
        .order_by(Consent.granted_on, Consent.id)
        .limit(limit + 1)
        .tuples()
    )
    return [SummaryToWrite(*row) for row in rows]


@dataclass(frozen=True)
class SharedLately:
    written_on: date
    scope: str


def shared_lately(person: Person, since: date) -> list[SharedLately]:
    """Return when summaries were shared with this person since a day, newest first: dates and
    scopes only, nothing decrypted, in one query."""
    rows = (
        SharedSummary.select(SharedSummary.written_on, Consent.scope)
        .join(Consent)
        .where(
            (Consent.grantee == person)
            & Consent.revoked_on.is_null()
            & (SharedSummary.written_on >= since)
        )
        .order_by(SharedSummary.written_on.desc(), SharedSummary.id.desc())
        .tuples()
    )
    return [SharedLately(*row) for row in rows]


def record_crime_exception(
    opened: OpenReport, adviser: Person, basis: str, reason: str, today: date
) -> None:
    """Record which limit of confidentiality applies (kinds.BREACHES); the reporter is told,
    with the reason. The case is a code on the report, the reason an encrypted note and message."""
    from portal.reports.kinds import BREACH_LABELS

    if basis not in BREACH_LABELS:
        raise ValueError(basis)
    reason = reason.strip()
    with db.atomic():
        Report.update(confidentiality_breach=basis).where(Report.id == opened.report.id).execute()
        opened.report.confidentiality_breach = basis
        if reason:
            add_note(opened, adviser, reason)
        post_message(opened, "system", f"confidentiality:{basis}", today)
        if reason:
            post_message(opened, "adviser", reason, today, adviser=adviser)
        record_event(opened.report, adviser, "crime_exception", basis)

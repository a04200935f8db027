"""Filing a report: encrypt it, seal its key to the chosen advisers, hand out the receipt code."""

import json
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app

from portal.advisers.models import AdviserProfile
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.platform import crypto, kdf_gate, throttle
from portal.platform.database import db
from portal.reports import deadlines, kinds, mine
from portal.reports.attachments import store_evidence
from portal.reports.evidence import Evidence
from portal.reports.models import Report, ReportKey

REFERENCE_ALPHABET = crypto.RECEIPT_ALPHABET


class FilingError(Exception):
    """The report cannot be filed as it stands."""


class NoAdviserChosen(FilingError):
    """At least one adviser (who can receive reports) must be chosen."""


class AdviserUnavailable(FilingError):
    """A chosen adviser cannot receive reports (not listed, or without keys)."""


@dataclass
class Submission:
    """Everything the reporter gave, as it will be encrypted."""

    category: str
    incidents: list[dict]
    ongoing: str
    wishes: list[str]
    wish_note: str
    mode: str
    advisers: list[int]
    excluded: list[int] = field(default_factory=list)
    contact: dict = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    oral: bool = False  # written down by the adviser from a conversation
    source: str = ""  # who the behaviour came from (kinds.SOURCES), if the reporter said
    request: str | None = None  # "conversation": a request, not a report (reports/conversation.py)
    meeting: dict = field(default_factory=dict)  # a request's wish for a meeting, and when
    together: bool = False  # went on after a match of held reports (portal/together/)

    @property
    def track(self) -> str:
        return kinds.CATEGORY_BY_CODE[self.category].track

    def body(self) -> dict:
        body = {
            "incidents": self.incidents,
            "ongoing": self.ongoing,
            "wishes": self.wishes,
            "wish_note": self.wish_note,
            "source": self.source,
            "excluded": self.excluded,
        }
        if self.meeting:
            body["meeting"] = self.meeting
        if self.together:
            body["together"] = True
        return body


@dataclass(frozen=True)
class Filed:
    report: Report
    receipt_code: str
    advisers: list[Person]


# What filing and the report form read of an adviser: the account without its secrets (the
# form lists the advisers on every request, and the second-factor secret would be decrypted
# for each of them), and the facts of their profile the form shows.
_ADVISER_COLUMNS = [
    *(f for f in Person._meta.sorted_fields if f.name not in ("totp_secret", "password_hash")),
    AdviserProfile.integrity_contact,
    AdviserProfile.external,
    AdviserProfile.organisation,
]


def receiving_advisers() -> list[Person]:
    """Return the advisers who can receive reports: listed, active, with a key pair."""
    return list(
        Person.select(*_ADVISER_COLUMNS)
        .join(AdviserProfile, on=(AdviserProfile.person == Person.id), attr="profile")
        .switch(Person)
        .join(KeyRing, on=(KeyRing.person == Person.id))
        .where((AdviserProfile.listed == True) & (Person.active == True))
        .order_by(Person.display_name)
    )


@dataclass(frozen=True)
class Listing:
    """What the report form says of an adviser besides their name (the directory's facts)."""

    external: bool
    organisation: str | None
    integrity_contact: bool


@dataclass(frozen=True)
class ListedAdviser:
    """An adviser a reporter can choose, as the report form lists them."""

    id: int
    display_name: str
    profile: Listing


def listed_advisers() -> list[ListedAdviser]:
    """Return the advisers who can receive reports, with only what the report form shows."""
    return [
        ListedAdviser(
            p.id,
            p.display_name,
            Listing(p.profile.external, p.profile.organisation, p.profile.integrity_contact),
        )
        for p in receiving_advisers()
    ]


def _chosen_advisers(ids: list[int]) -> list[Person]:
    if not ids:
        raise NoAdviserChosen()
    available = {p.id: p for p in receiving_advisers()}
    chosen = [available.get(i) for i in dict.fromkeys(ids)]
    if any(p is None or not p.has_role(Role.ADVISER) for p in chosen):
        raise AdviserUnavailable()
    return chosen


def listed_adviser(adviser_id: int) -> Person:
    """Return the adviser by id if they can receive reports; raise AdviserUnavailable if not."""
    return _chosen_advisers([adviser_id])[0]


def new_reference(today: date) -> str:
    """Return a reference such as VW-2026-7KQ4M: unique, short, and saying nothing."""
    while True:
        suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"VW-{today.year}-{suffix}"
        if not Report.select().where(Report.reference == reference).exists():
            return reference


def filing_limits(address: str, today: date) -> list[throttle.Limit]:
    """Reports filed from one (daily-hashed) address are limited per calendar day."""
    config = current_app.config
    key = throttle.digest_key("filing-address", config["SECRET_KEY"], address, today)
    return [throttle.Limit(key, config["REPORTS_MAX_PER_ADDRESS"], timedelta(days=1), by_day=True)]


def file_report(
    submission: Submission,
    reporter_key: bytes | None,
    today: date,
    contact_target_days: int = 5,
    address: str | None = None,
) -> Filed:
    """Encrypt and store a report; return it with the receipt code, which is not kept.

    A signed-in reporter's unlocked private key (reporter_key) puts a confidential or named report
    on their own encrypted "My reports" list; nothing in plain ties them to it.

    Raise FilingError for a submission that cannot be filed, throttle.Throttled when too many
    reports came from the address today, or kdf_gate.Busy when no turn for the receipt code's
    key derivation came within half a minute.
    """
    limits = filing_limits(address, today) if address is not None else []
    throttle.check(limits)
    if (
        submission.category not in kinds.CATEGORY_BY_CODE
        or submission.mode not in kinds.MODE_BY_CODE
    ):
        raise FilingError()
    advisers = _chosen_advisers(submission.advisers)
    anonymous = submission.mode == kinds.ANONYMOUS
    data_key = crypto.random_key()
    uid = secrets.token_hex(16)
    code = crypto.new_receipt_code()
    salt = crypto.new_salt()
    with kdf_gate.gate().turn(may_refuse=False):
        receipt_key = crypto.derive_key(code, salt)
    with db.atomic():
        report = Report.create(
            uid=uid,
            reference=new_reference(today),
            track=submission.track,
            category=submission.category,
            mode=submission.mode,
            status="received",
            received_on=today,
            oral=submission.oral,
            request=submission.request,
            source=submission.source if submission.source in kinds.SOURCE_LABELS else None,
            receipt_lookup=crypto.receipt_lookup(code),
            receipt_salt=salt,
            receipt_wrapped_key=crypto.encrypt(
                receipt_key, data_key, crypto.associated_data(uid, "receipt")
            ),
            kdf_ops=crypto.KDF_OPS,
            kdf_mem=crypto.KDF_MEM,
            body=crypto.encrypt_field(data_key, uid, "body", json.dumps(submission.body())),
            identity=None
            if anonymous
            else crypto.encrypt_field(data_key, uid, "identity", json.dumps(submission.contact)),
        )
        deadlines.set_due_dates(report, contact_target_days)
        report.save()
        for adviser in advisers:
            grant(report, adviser, "adviser", data_key)
        # Anonymous means no link to an account, even when someone is signed in.
        if reporter_key is not None and not anonymous:
            mine.add(reporter_key, report, data_key)
        store_evidence(report, data_key, submission.evidence, "reporter", today)
        throttle.count(limits)
    return Filed(report, code, advisers)


def grant(report: Report, person: Person, role: str, data_key: bytes) -> None:
    """Seal the report's data key to a person's public key."""
    ring = KeyRing.get(KeyRing.person == person)
    ReportKey.create(
        report=report,
        person=person,
        role=role,
        sealed_key=crypto.seal(bytes(ring.public_key), data_key),
    )

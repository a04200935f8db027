"""Report together, the writer's side: hold a report, see it, withdraw it, go on after a match.

A held report is readable by nobody but its writer until they go on (matching.py says who can
learn what). Its text is encrypted under a data key sealed only to the writer's public key; the
named person and the writer's mark are sealed to the advisers' holding key for matching. The
writer finds their held reports by opening `writer_sealed` with their private key, as My reports
finds reports: no column says who wrote one.

Limits (#25 item 4)
- One held report per writer per named person, and at most TOGETHER_MAX_HELD at once: checked
  in the writer's own request against what their key opens; and matching counts one writer's
  mark once, so a writer never matches themselves with one key pair.
- What cannot be prevented: one person with two accounts (an administrator and a second person
  made both), or a writer whose key pair was replaced (a reset without recovery code), counts as
  two writers. Their earlier held reports can then no longer be opened by them and expire.
- A person kept only by a record code (no account) cannot hold a report: choosing from the staff
  directory and the one-per-person limit need a signed-in writer.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from nacl.public import PrivateKey

from portal.core.accounts.models import Person
from portal.platform import crypto
from portal.platform.database import db
from portal.record import starts
from portal.reports import filing, kinds
from portal.together import matching
from portal.together.models import HeldReport

WRITER_PERSON = b"vt-together-w"


class NotAvailable(Exception):
    """Report together is not set up yet (no adviser holds the matching secret)."""


class KeyClosed(Exception):
    """The writer's private key is not open in this session."""


class NotInDirectory(Exception):
    """The named person is not an active member of the staff directory (or is the writer)."""


class AlreadyHeld(Exception):
    """The writer already holds a report about this person."""


class TooMany(Exception):
    """The writer holds the most reports one person may hold at once."""


class HeldNotFound(Exception):
    """No held report of this writer by that reference."""


class NotMatched(Exception):
    """Going on is for a held report that matched."""


@dataclass
class Holding:
    """What the writer gives, as it is encrypted."""

    about: int  # the named person's id, from the directory
    category: str
    what: str
    adviser: int
    contact: dict = field(default_factory=dict)
    record_entries: list[dict] = field(default_factory=list)  # record.sharing.as_incident


@dataclass(frozen=True)
class Held:
    """One of the writer's held reports, opened with their key."""

    row: HeldReport
    data_key: bytes
    about_name: str
    body: dict

    @property
    def reference(self) -> str:
        return self.row.uid[:10]

    @property
    def matched(self) -> bool:
        return self.row.matched_on is not None

    def warn_expiry(self, today: date) -> bool:
        return self.row.expires_on - today <= timedelta(days=warning_days())


def hold_days() -> int:
    return int(current_app.config["TOGETHER_HOLD_DAYS"])


def warning_days() -> int:
    return int(current_app.config["TOGETHER_WARN_DAYS"])


def writer_mark(private_key: bytes) -> str:
    """A value only the writer's private key makes: one writer counts once in a match."""
    return hashlib.blake2b(bytes(private_key), digest_size=32, person=WRITER_PERSON).hexdigest()


def directory(writer: Person) -> list[Person]:
    """Who can be named: everyone active in the staff directory but the writer."""
    return list(
        Person.select(Person.id, Person.display_name)
        .where((Person.active == True) & (Person.id != writer.id))  # noqa: E712
        .order_by(Person.display_name)
    )


def _context(uid: str) -> bytes:
    return crypto.associated_data(uid, "held")


def mine(private_key: bytes | None, today: date) -> list[Held]:
    """The writer's held reports that have not expired (a page only reads: the daily retention
    run and the next hold or match delete expired ones)."""
    if private_key is None:
        return []
    found = []
    live = HeldReport.select().where(HeldReport.expires_on >= today)
    for row in live.order_by(HeldReport.held_on.desc(), HeldReport.uid):
        try:
            opened = json.loads(crypto.unseal(private_key, bytes(row.writer_sealed)))
            data_key = bytes.fromhex(opened["key"])
            body = json.loads(crypto.decrypt(data_key, bytes(row.body), _context(row.uid)))
        except (crypto.DecryptionFailed, ValueError, KeyError):
            continue  # someone else's
        found.append(Held(row, data_key, body.get("about_name", ""), body))
    return found


def find(private_key: bytes | None, reference: str, today: date) -> Held:
    for held in mine(private_key, today):
        if held.reference == reference:
            return held
    raise HeldNotFound()


def hold(writer: Person, private_key: bytes | None, holding: Holding, today: date) -> Held:
    """Hold a report: readable by nobody, matched by the advisers' secret only."""
    if private_key is None:
        raise KeyClosed()
    sealed_to = matching.holding_public()
    if sealed_to is None:
        raise NotAvailable()
    about = Person.get_or_none((Person.id == holding.about) & (Person.active == True))  # noqa: E712
    if about is None or about.id == writer.id:
        raise NotInDirectory()
    expire(today)
    if holding.category not in kinds.CATEGORY_BY_CODE:
        raise filing.FilingError()
    filing.listed_adviser(holding.adviser)  # raises AdviserUnavailable
    held_now = mine(private_key, today)
    if any(h.body.get("about") == about.id for h in held_now):
        raise AlreadyHeld()
    if len(held_now) >= int(current_app.config["TOGETHER_MAX_HELD"]):
        raise TooMany()
    uid = secrets.token_hex(16)
    data_key = crypto.random_key()
    body = {
        "about": about.id,
        "about_name": about.display_name,
        "category": holding.category,
        "what": holding.what,
        "adviser": holding.adviser,
        "contact": holding.contact,
        "record_entries": holding.record_entries,
    }
    public = bytes(PrivateKey(private_key).public_key)
    row = HeldReport(
        uid=uid,
        body=crypto.encrypt(data_key, json.dumps(body).encode(), _context(uid)),
        writer_sealed=crypto.seal(public, json.dumps({"key": data_key.hex()}).encode()),
        pending=crypto.seal(
            sealed_to, json.dumps({"s": about.id, "w": writer_mark(private_key)}).encode()
        ),
        held_on=today,
        expires_on=today + timedelta(days=hold_days()),
    )
    row.id = starts.random_id()
    row.save(force_insert=True)
    return Held(row, data_key, about.display_name, body)


def withdraw(private_key: bytes | None, reference: str, today: date) -> None:
    """Delete one of the writer's held reports, matched or not: nothing of it stays."""
    held = find(private_key, reference, today)
    HeldReport.delete().where(HeldReport.id == held.row.id).execute()


def go_on(
    private_key: bytes | None,
    reference: str,
    today: date,
    contact_target_days: int,
    contact: dict | None = None,
) -> filing.Filed:
    """After a match, file the held report as an ordinary confidential report to the adviser
    its writer chose (only theirs), on the writer's My reports; the held report is deleted."""
    held = find(private_key, reference, today)
    if not held.matched:
        raise NotMatched()
    body = held.body
    submission = filing.Submission(
        category=body["category"],
        incidents=[
            {key: "" for key in ("when", "time", "place", "address", "witnesses")}
            | {"description": body["what"], "people": body["about_name"]}
        ]
        + body.get("record_entries", []),
        ongoing="unsure",
        wishes=[],
        wish_note="",
        mode=kinds.CONFIDENTIAL,
        advisers=[int(body["adviser"])],
        contact=contact if contact is not None else body.get("contact") or {},
        together=True,
    )
    with db.atomic():
        filed = filing.file_report(submission, private_key, today, contact_target_days)
        HeldReport.delete().where(HeldReport.id == held.row.id).execute()
    return filed


def expire(today: date) -> int:
    """Delete held reports past their day; return how many (never shown to anyone)."""
    return HeldReport.delete().where(HeldReport.expires_on < today).execute()

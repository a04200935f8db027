"""Report together, the advisers' side: the matching secret, and matching held reports.

A held report (holding.py) names a person from the staff directory. Two held reports match
when independent writers named the same person. The staff list is closed and small, so whoever
can compute the matching value for a name can simply try every name: the value is therefore a
keyed function F(k, person) (keyed BLAKE2b, a pseudo-random function), and k is kept only
sealed to advisers (MatchingKeyholder), never with IT.

How it works
- One matching secret, made by the first adviser who sets report together up (set_up), sealed
  to their own public key. From it come k and a holding key pair (X25519). Its public half is
  stored in the clear: writers seal to it.
- An adviser who holds the secret gives it to another adviser only in an explicit request, after
  typing that adviser's check code, read off their own screen in person (give): no key is trusted
  that nobody checked, and nothing is sealed as a side effect of viewing a page.
- Writing a held report seals the named person's id and the writer's mark (a value only the
  writer's private key makes) to the holding public key (`pending`). No adviser needs to be
  signed in; in this form the report cannot be tested against a name without the secret.
- At an adviser's sign-in, or when they ask on their page (check_held, a POST), the adviser's
  session opens the secret and turns each pending pair into two tags, F(k, person) and
  F(k, writer's mark), then erases `pending`. At most TOGETHER_CHECKS_PER_HOUR of these per
  adviser per hour. When at least TOGETHER_MATCH_THRESHOLD (never fewer than two) distinct
  writers' tags share one person tag, each of those held reports is marked matched, by the day.
  Nothing is released to anyone then: each writer is told there is a match and decides to go on
  (their own request files an ordinary confidential report to the adviser they chose; holding.py)
  or not. The report's text is sealed only to its writer until then; no adviser holds it.

Why not the oblivious construction (RFC 9497, 2HashDH) Callisto uses: it lets a client blind its
input so that the key holder never sees it. Here the writer's browser does no cryptography (every
page works without JavaScript) and the evaluation can only run in a server request that holds k,
so that request sees the input whichever way it is computed. What keeps names untestable is
where k lives, and that only advisers' keys open it.

Threat model
- The administrator (IT), with every page and setting: has no adviser key, so cannot open the
  secret, compute a tag or open `pending`; no page shows how many reports are held, for whom or
  by whom. They can delete held reports (as they can delete any row); a writer then sees theirs
  gone.
- Whoever holds the database file, its WAL, a backup and the secret key: sees how many held
  reports exist, their days, which ones carry the same person tag (reports about one person,
  without knowing whom) and which matched. Cannot tell for any person in the directory whether a
  held report names them: neither `pending` nor a tag opens without an adviser's private key,
  which is wrapped under their password and recovery key. Cannot tell who wrote a held report:
  `writer_sealed` opens only with the writer's private key, and a sealed box does not name its
  recipient.
- One adviser, signed in: the portal never shows them names, counts or tags, and never evaluates
  F on a name they type; evaluations run only on held reports, within the hourly budget. One
  adviser who also has a copy of the database can, with their private key, open the secret and
  test every name against the stored tags (and open what is still pending): they learn who is
  named in held reports, never what a report says or who wrote it. We chose sealing to each
  adviser over a two-adviser threshold: a threshold needs two advisers signed in at once for
  every match, so reports would wait for days in an organisation with one or two advisers; the
  advisers are the people the trust table already trusts with reports.
- Two advisers together: the same as one (each holds the whole secret).
- A live server, taken over while advisers sign in: sees secrets in the requests that open them,
  as it sees every report an adviser reads. Out of scope, as for the rest of the portal.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from nacl.public import PrivateKey

from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.platform import crypto, throttle
from portal.platform.database import db
from portal.together.models import HeldReport, MatchingKeyholder

SECRET_BYTES = 32
MINIMUM_THRESHOLD = 2  # a match always needs at least two independent writers


class NotAdviser(Exception):
    """Only an adviser with an open key pair takes part in matching."""


class AlreadySetUp(Exception):
    """The matching secret exists: an adviser who holds it gives it on."""


class NotKeyholder(Exception):
    """This adviser does not hold the matching secret (or it was sealed to an earlier key)."""


class WrongCheckCode(Exception):
    """The typed check code is not the one on the other adviser's screen."""


@dataclass(frozen=True)
class Secret:
    """What the matching secret gives: the tag key and the holding key pair."""

    tag_key: bytes
    holding_private: bytes

    @classmethod
    def from_seed(cls, seed: bytes) -> "Secret":
        def part(name: bytes) -> bytes:
            return hashlib.blake2b(seed, digest_size=32, person=b"vt-together-" + name).digest()

        return cls(part(b"k"), part(b"hold"))

    @property
    def holding_public(self) -> bytes:
        return bytes(PrivateKey(self.holding_private).public_key)


def tag(tag_key: bytes, kind: str, value: str) -> str:
    """F(k, value): a keyed pseudo-random function; without k it says nothing about value."""
    message = f"{kind}|{value}".encode()
    return hashlib.blake2b(message, key=tag_key, digest_size=32, person=b"vt-together").hexdigest()


def threshold() -> int:
    return max(MINIMUM_THRESHOLD, int(current_app.config["TOGETHER_MATCH_THRESHOLD"]))


def holding_public() -> bytes | None:
    """The key writers seal to, or None while report together is not set up."""
    row = (
        MatchingKeyholder.select(MatchingKeyholder.holding_public)
        .join(Person, on=(MatchingKeyholder.person == Person.id))
        .where(Person.active == True)  # noqa: E712
        .first()
    )
    return bytes(row.holding_public) if row else None


def _adviser_key(person: Person, private_key: bytes | None) -> bytes:
    if private_key is None or not person.has_role(Role.ADVISER):
        raise NotAdviser()
    public = keyring.public_key_of(person.id)
    if public is None or bytes(PrivateKey(private_key).public_key) != public:
        raise NotAdviser()
    return public


def _keep(person_id: int, public: bytes, seed: bytes, given_by: Person, today: date) -> None:
    secret = Secret.from_seed(seed)
    MatchingKeyholder.delete().where(MatchingKeyholder.person == person_id).execute()
    MatchingKeyholder.create(
        person=person_id,
        sealed_secret=crypto.seal(public, seed),
        holding_public=secret.holding_public,
        key_fingerprint=keyring.fingerprint(public),
        given_on=today,
        given_by=given_by,
    )


def set_up(adviser: Person, private_key: bytes | None, today: date) -> None:
    """Make the matching secret, sealed to the adviser's own key (their session opened it)."""
    public = _adviser_key(adviser, private_key)
    with db.atomic():
        if any(p.active for p in keyholders()):
            raise AlreadySetUp()
        # Nobody active holds it any more (advisers left, or their keys were replaced): a new
        # secret. What waits sealed to the old one can never match and expires in its time.
        MatchingKeyholder.delete().execute()
        _keep(adviser.id, public, crypto.random_key()[:SECRET_BYTES], adviser, today)


def _seed_of(adviser: Person, private_key: bytes | None) -> bytes:
    public = _adviser_key(adviser, private_key)
    row = MatchingKeyholder.get_or_none(MatchingKeyholder.person == adviser.id)
    if row is None or row.key_fingerprint != keyring.fingerprint(public):
        raise NotKeyholder()
    try:
        return crypto.unseal(private_key, bytes(row.sealed_secret))
    except crypto.DecryptionFailed as exc:
        raise NotKeyholder() from exc


def open_secret(adviser: Person, private_key: bytes | None) -> Secret:
    """Open the matching secret with the adviser's private key, or raise NotKeyholder."""
    return Secret.from_seed(_seed_of(adviser, private_key))


def holds(adviser: Person) -> bool:
    """Tell whether the adviser holds the secret under their current key pair."""
    row = MatchingKeyholder.get_or_none(MatchingKeyholder.person == adviser.id)
    return row is not None and row.key_fingerprint == keyring.fingerprint_of(adviser.id)


def give(
    giver: Person, private_key: bytes | None, receiver_id: int, typed_code: str, today: date
) -> Person:
    """Seal the secret to another adviser's key, after the giver typed that adviser's check
    code as read off their screen in person; return the receiver."""
    seed = _seed_of(giver, private_key)
    receiver = Person.get_or_none(Person.id == receiver_id)
    if receiver is None or not receiver.active or not receiver.has_role(Role.ADVISER):
        raise NotAdviser()
    public = keyring.public_key_of(receiver.id)
    if public is None:
        raise NotAdviser()
    if not keyring.same_check_code(typed_code or "", keyring.check_code(public)):
        raise WrongCheckCode()
    _keep(receiver.id, public, seed, giver, today)
    return receiver


def keyholders() -> list[Person]:
    """The advisers holding the secret under their current key (names only, for advisers)."""
    rows = MatchingKeyholder.select(MatchingKeyholder.person, MatchingKeyholder.key_fingerprint)
    held = {
        row.person_id
        for row in rows
        if row.key_fingerprint == keyring.fingerprint_of(row.person_id)
    }
    return list(Person.select().where(Person.id.in_(held)).order_by(Person.display_name))


def _budget(adviser: Person) -> throttle.Limit:
    config = current_app.config
    key = throttle.digest_key("together-checks", config["SECRET_KEY"], str(adviser.id))
    return throttle.Limit(key, int(config["TOGETHER_CHECKS_PER_HOUR"]), timedelta(hours=1))


def convert(secret: Secret, held: HeldReport) -> bool:
    """Turn one held report's pending pair into its two tags; False when it cannot be opened
    (F was not evaluated)."""
    try:
        pending = json.loads(crypto.unseal(secret.holding_private, bytes(held.pending)))
        subject, writer = int(pending["s"]), str(pending["w"])
    except (crypto.DecryptionFailed, ValueError, KeyError, TypeError):
        # Sealed to a secret nobody holds any more (set up anew): it can never match, and
        # waits for its day without being tried again.
        HeldReport.update(pending=None).where(HeldReport.id == held.id).execute()
        return False
    HeldReport.update(
        subject_tag=tag(secret.tag_key, "person", str(subject)),
        writer_tag=tag(secret.tag_key, "writer", writer),
        pending=None,
    ).where(HeldReport.id == held.id).execute()
    return True


def check_held(adviser: Person, private_key: bytes | None, today: date) -> None:
    """Turn pending held reports into tags within the adviser's hourly budget, then mark every
    group of at least `threshold()` distinct writers naming one person as matched.

    Raise NotKeyholder when the adviser does not hold the secret. Says nothing about how many
    reports it saw: no count of held reports appears anywhere.
    """
    secret = open_secret(adviser, private_key)
    budget = [_budget(adviser)]
    HeldReport.delete().where(HeldReport.expires_on < today).execute()  # past their day
    pending = HeldReport.select().where(HeldReport.pending.is_null(False)).order_by(HeldReport.uid)
    with db.atomic():
        for held in pending:
            try:
                throttle.check(budget)
            except throttle.Throttled:
                break  # the rest waits for the next hour, still sealed
            if convert(secret, held):
                throttle.count(budget)
        mark_matches(today)


def mark_matches(today: date) -> None:
    """Mark as matched every unmatched held report whose person tag enough writers share."""
    rows = HeldReport.select(HeldReport.id, HeldReport.subject_tag, HeldReport.writer_tag).where(
        HeldReport.subject_tag.is_null(False) & (HeldReport.expires_on >= today)
    )
    groups: dict[str, dict[str, list[int]]] = {}
    for row in rows:
        groups.setdefault(row.subject_tag, {}).setdefault(row.writer_tag, []).append(row.id)
    for writers in groups.values():
        if len(writers) >= threshold():
            ids = [i for ids in writers.values() for i in ids]
            HeldReport.update(matched_on=today).where(
                HeldReport.id.in_(ids) & HeldReport.matched_on.is_null()
            ).execute()


def on_sign_in(person: Person, private_key: bytes | None, today: date) -> None:
    """Match held reports in a signed-in adviser's own request, when they hold the secret: the
    sign-in is the request that opens their key (an explicit POST, not a page being viewed)."""
    if private_key is None or not person.has_role(Role.ADVISER) or not holds(person):
        return
    try:
        check_held(person, private_key, today)
    except (NotKeyholder, NotAdviser):
        return  # a secret sealed to an earlier key: the page says so

"""People's key pairs: created at sign-in, unlocked with the password, restored with the recovery key.

Every key ring looks the same in the database whether or not its owner keeps a record (#21):
each has a recovery-wrapped private key of the same length (random bytes under a key nobody
holds, until the owner sets up a recovery code), and whether a recovery code is set up and
confirmed is kept in a state blob of fixed size sealed to the owner's own public key. Whatever
every key holder gets with their key pair (an empty record) is made by the hooks areas register
with every_key_holder_gets, since this layer may not import them.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from nacl.public import PrivateKey

from portal.core.accounts import notices
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.platform import crypto
from portal.platform.clock import today, utcnow
from portal.platform.database import db

PRIVATE_KEY_CONTEXT = b"vertrouwd|v1|private-key"
STATE_SIZE = 64  # the state's JSON, padded: every sealed state has the same length


class Recovery(StrEnum):
    NONE = "none"  # no recovery code (the recovery-wrapped key is random bytes)
    PENDING = "pending"  # shown, not yet typed back
    CONFIRMED = "confirmed"  # typed back: stored by its owner


@dataclass(frozen=True)
class KeyState:
    """What only the owner's private key may read about their key ring."""

    recovery: Recovery = Recovery.NONE
    confirmed_on: date | None = None
    # A replaced key: ask once whether a recovery code brings the earlier key pair back.
    ask_earlier: bool = False


_KEY_HOLDER_GETS: list[Callable[[bytes, bytes], None]] = []


def every_key_holder_gets(callback: Callable[[bytes, bytes], None]) -> None:
    """Register what every key holder gets (called with the public and private key, idempotent):
    whatever only some key holders had would show who they are."""
    if callback not in _KEY_HOLDER_GETS:
        _KEY_HOLDER_GETS.append(callback)


def _held(public_key: bytes, private_key: bytes) -> None:
    for callback in _KEY_HOLDER_GETS:
        callback(bytes(public_key), private_key)


class KeysLocked(Exception):
    """The private key cannot be opened with this password (an administrator reset it)."""


class WrongRecoveryKey(Exception):
    """The recovery key does not open this person's private key."""


@dataclass(frozen=True)
class Unlocked:
    private_key: bytes | None
    recovery_key: str | None = None  # only right after an adviser's key pair was made


def needs_keys(person: Person) -> bool:
    """Advisers read reports; employees file them; HR and leads receive what is shared by consent."""
    return person.has_role(Role.ADVISER, Role.EMPLOYEE, Role.HR, Role.TEAM_LEAD)


def _wrap_under_password(private_key: bytes, password: str) -> dict:
    salt = crypto.new_salt()
    key = crypto.derive_key(password, salt)
    return {
        "password_salt": salt,
        "password_wrapped": crypto.encrypt(key, private_key, PRIVATE_KEY_CONTEXT),
        "kdf_ops": crypto.KDF_OPS,
        "kdf_mem": crypto.KDF_MEM,
    }


def _wrap_under_recovery(private_key: bytes, recovery: str | None) -> bytes:
    """Wrap the private key under a recovery key; without one, under a random key nobody keeps
    (the same length, so a ring without a recovery code looks like one with)."""
    key = crypto.recovery_wrapping_key(recovery) if recovery else crypto.random_key()
    return crypto.encrypt(key, private_key, PRIVATE_KEY_CONTEXT)


def seal_state(public_key: bytes, state: KeyState) -> bytes:
    """Seal a key ring's state to its own public key, padded to one size."""
    raw = json.dumps(
        {
            "r": str(state.recovery),
            "d": state.confirmed_on.isoformat() if state.confirmed_on else "",
            "e": state.ask_earlier,
        }
    ).encode()
    return crypto.seal(bytes(public_key), raw.ljust(STATE_SIZE))


def state_of(person: Person, private_key: bytes | None) -> KeyState:
    """Read the person's key state with their private key (nothing readable: no state)."""
    ring = KeyRing.get_or_none(KeyRing.person == person)
    if ring is None or private_key is None or ring.state is None:
        return KeyState()
    try:
        stored = json.loads(crypto.unseal(private_key, bytes(ring.state)))
    except (crypto.DecryptionFailed, ValueError):
        return KeyState()
    day = date.fromisoformat(stored["d"]) if stored.get("d") else None
    return KeyState(Recovery(stored["r"]), day, bool(stored.get("e")))


def _write_state(person: Person, state: KeyState) -> None:
    ring = KeyRing.get(KeyRing.person == person)
    sealed = seal_state(bytes(ring.public_key), state)
    KeyRing.update(state=sealed).where(KeyRing.id == ring.id).execute()


def create(person: Person, password: str, *, ask_earlier: bool = False) -> Unlocked:
    """Make the person's key pair; advisers also get a recovery key, returned once."""
    pair = crypto.new_key_pair()
    recovery = crypto.new_recovery_key() if person.has_role(Role.ADVISER) else None
    fields = _wrap_under_password(pair.private, password)
    fields["recovery_wrapped"] = _wrap_under_recovery(pair.private, recovery)
    state = KeyState(Recovery.PENDING if recovery else Recovery.NONE, ask_earlier=ask_earlier)
    fields["state"] = seal_state(pair.public, state)
    with db.atomic():
        KeyRing.delete().where(KeyRing.person == person).execute()
        KeyRing.create(person=person, public_key=pair.public, created_on=today(), **fields)
        _held(pair.public, pair.private)
    return Unlocked(pair.private, recovery)


def unlock(ring: KeyRing, password: str) -> bytes:
    """Open the private key with the password, or raise KeysLocked."""
    key = crypto.derive_key(password, bytes(ring.password_salt), ring.kdf_ops, ring.kdf_mem)
    try:
        return crypto.decrypt(key, bytes(ring.password_wrapped), PRIVATE_KEY_CONTEXT)
    except crypto.DecryptionFailed as exc:
        raise KeysLocked() from exc


def open_or_create(person: Person, password: str) -> bytes:
    """Return the person's private key, making the key pair first when there is none (demo)."""
    ring = KeyRing.get_or_none(KeyRing.person == person)
    return unlock(ring, password) if ring else create(person, password).private_key


def on_sign_in(person: Person, password: str) -> Unlocked:
    """Return the unlocked private key for the session, creating the key pair when needed.

    No key pair is made, or made again, under a password someone else set (a new account, an
    administrator's reset): whoever set it could open the key. The person's own password, at the
    change the portal asks for next, makes it (on_own_password).
    """
    if person.must_change_password:
        return Unlocked(None)
    ring = KeyRing.get_or_none(KeyRing.person == person)
    if ring is None:
        return create(person, password) if needs_keys(person) else Unlocked(None)
    try:
        private_key = unlock(ring, password)
    except KeysLocked:
        if waits_for_recovery(person):
            return Unlocked(None)  # an adviser: only the recovery key brings access back
        # Anyone else's key is made anew (their receipt codes still open reports); a recovery
        # code they set up brings the earlier key back (restore).
        return replace(person, password)
    _held(bytes(ring.public_key), private_key)  # a ring made before every holder got them
    return Unlocked(private_key)


def waits_for_recovery(person: Person) -> bool:
    """Tell whether a locked key waits for its recovery key rather than being made anew.

    Decided by the role, which is in the clear anyway, never by whether a recovery code was set
    up: that is the owner's to know (it would show who keeps a record).
    """
    return person.has_role(Role.ADVISER)


def replace(person: Person, password: str) -> Unlocked:
    """Make a new key pair in place of one that cannot be opened: never silently.

    The ring is marked replaced (its fingerprint changes), the person is told, and the access
    log says so; consents bound to the old key stop until the reporter confirms again.
    """
    with db.atomic():
        old = KeyRing.get_or_none(KeyRing.person == person)
        earlier = bytes(old.recovery_wrapped) if old and old.recovery_wrapped else None
        unlocked = create(person, password, ask_earlier=True)
        # The earlier key stays wrapped under its recovery code (or random bytes: nobody can
        # tell), so that a recovery code its owner kept brings it back.
        KeyRing.update(replaced_on=utcnow().date(), earlier_recovery_wrapped=earlier).where(
            KeyRing.person == person
        ).execute()
        notices.record(person, "key_replaced", None)
    return unlocked


def fingerprint(public_key: bytes) -> str:
    """Return a short name for a public key: it changes whenever a key pair is replaced."""
    return hashlib.blake2b(bytes(public_key), digest_size=16, person=b"vertrouwd-fpr").hexdigest()


CHECK_CODE_GROUPS = 5  # five groups of five digits: 25 digits, about 83 bits of the key's hash


def check_code(public_key: bytes) -> str:
    """Return the code a person reads off their own screen so that someone who meets them can
    check their key pair: digit groups taken from the key's hash, as messengers show safety
    numbers. At least 80 bits: nobody can make a second key pair with the same code."""
    digest = hashlib.blake2b(bytes(public_key), digest_size=16, person=b"vertrouwd-check").digest()
    digits = str(int.from_bytes(digest[:11], "big") % 10 ** (5 * CHECK_CODE_GROUPS)).zfill(
        5 * CHECK_CODE_GROUPS
    )
    return " ".join(digits[i : i + 5] for i in range(0, len(digits), 5))


def same_check_code(typed: str, code: str) -> bool:
    """Tell whether a typed check code is this one, whatever spaces or dashes were typed."""
    return "".join(ch for ch in typed if ch.isdigit()) == code.replace(" ", "")


def check_code_of(person_id: int) -> str | None:
    """Return the check code of a person's current key pair (None: they have none)."""
    key = public_key_of(person_id)
    return check_code(key) if key else None


def fingerprint_of(person_id: int) -> str | None:
    key = public_key_of(person_id)
    return fingerprint(key) if key else None


def on_own_password(person: Person, current: str, new: str, was_temporary: bool) -> Unlocked:
    """Keep the key pair under the person's new password; return the private key for the session.

    A key pair that a temporary password (set by someone else) opens is never wrapped again:
    whoever knew that password could have copied it, so it is replaced (and the replacement told,
    as after a reset). A key pair the old password cannot open any more (an administrator's
    reset) is replaced too, except an adviser's, which only the recovery key brings back.
    """
    ring = KeyRing.get_or_none(KeyRing.person == person)
    if ring is None:
        return create(person, new) if needs_keys(person) else Unlocked(None)
    try:
        private_key = unlock(ring, current)
    except KeysLocked:
        return Unlocked(None) if waits_for_recovery(person) else replace(person, new)
    if was_temporary and not waits_for_recovery(person):
        return replace(person, new)
    KeyRing.update(**_wrap_under_password(private_key, new)).where(KeyRing.id == ring.id).execute()
    _held(bytes(ring.public_key), private_key)
    return Unlocked(private_key)


def _open_recovery(blob: bytes | None, recovery_key: str) -> bytes | None:
    if blob is None:
        return None
    try:
        key = crypto.recovery_wrapping_key(recovery_key)
        return crypto.decrypt(key, bytes(blob), PRIVATE_KEY_CONTEXT)
    except (crypto.DecryptionFailed, ValueError):
        return None


def restore(person: Person, recovery_key: str, password: str) -> bytes:
    """Open the private key with the recovery key and wrap it under the current password.

    After a replacement, the recovery code of the earlier key pair brings that key pair back
    in place of the new one (with the record and reports it opens).
    """
    ring = KeyRing.get_or_none(KeyRing.person == person)
    if ring is None:
        raise WrongRecoveryKey()
    fields = {}
    private_key = _open_recovery(ring.recovery_wrapped, recovery_key)
    if private_key is None:
        private_key = _open_recovery(ring.earlier_recovery_wrapped, recovery_key)
        if private_key is None:
            raise WrongRecoveryKey()
        public_key = bytes(PrivateKey(private_key).public_key)
        fields = {
            "public_key": public_key,
            "recovery_wrapped": bytes(ring.earlier_recovery_wrapped),
            "earlier_recovery_wrapped": bytes(ring.recovery_wrapped),
            "state": seal_state(public_key, KeyState(Recovery.CONFIRMED, today())),
        }
    fields |= _wrap_under_password(private_key, password)
    KeyRing.update(**fields).where(KeyRing.id == ring.id).execute()
    _held(bytes(PrivateKey(private_key).public_key), private_key)
    return private_key


def confirm_recovery_key(person: Person, typed: str, shown: str) -> bool:
    """Record that the owner stored their recovery key, if they typed it back correctly."""
    same = "".join(ch for ch in typed.upper() if ch.isalnum()) == "".join(
        ch for ch in shown.upper() if ch.isalnum()
    )
    if same:
        _write_state(person, KeyState(Recovery.CONFIRMED, today()))
    return same


def add_recovery_key(person: Person, private_key: bytes) -> str:
    """Give a person without one (an employee) a recovery key for their private key; return it once.

    A key made earlier but never confirmed is replaced: it was never stored by its owner. The
    wrapped key takes the place of random bytes of the same length.
    """
    ring = KeyRing.get(KeyRing.person == person)
    if bytes(PrivateKey(private_key).public_key) != bytes(ring.public_key):
        raise WrongRecoveryKey()
    recovery = crypto.new_recovery_key()
    KeyRing.update(
        recovery_wrapped=_wrap_under_recovery(private_key, recovery),
        state=seal_state(bytes(ring.public_key), KeyState(Recovery.PENDING)),
    ).where(KeyRing.id == ring.id).execute()
    return recovery


def no_earlier_key(person: Person, private_key: bytes) -> None:
    """Stop asking about an earlier key pair: its owner kept no recovery code for it."""
    state = state_of(person, private_key)
    _write_state(person, KeyState(state.recovery, state.confirmed_on))


def public_key_of(person_id: int) -> bytes | None:
    ring = KeyRing.get_or_none(KeyRing.person == person_id)
    return bytes(ring.public_key) if ring else None


def recovery_pending(person: Person, private_key: bytes | None) -> bool:
    """Tell whether a recovery key was shown that its owner has not yet confirmed storing."""
    return state_of(person, private_key).recovery == Recovery.PENDING

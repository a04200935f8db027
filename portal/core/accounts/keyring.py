"""People's key pairs: created at sign-in, unlocked with the password, restored with the recovery key."""

import hashlib
from dataclasses import dataclass

from nacl.public import PrivateKey

from portal.core.accounts import notices
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.platform import crypto
from portal.platform.clock import utcnow
from portal.platform.database import db

PRIVATE_KEY_CONTEXT = b"vertrouwd|v1|private-key"


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


def create(person: Person, password: str) -> Unlocked:
    """Make the person's key pair; advisers also get a recovery key, returned once."""
    pair = crypto.new_key_pair()
    recovery = crypto.new_recovery_key() if person.has_role(Role.ADVISER) else None
    fields = _wrap_under_password(pair.private, password)
    if recovery:
        fields["recovery_wrapped"] = crypto.encrypt(
            crypto.recovery_wrapping_key(recovery), pair.private, PRIVATE_KEY_CONTEXT
        )
    with db.atomic():
        KeyRing.delete().where(KeyRing.person == person).execute()
        KeyRing.create(person=person, public_key=pair.public, **fields)
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
        return Unlocked(unlock(ring, password))
    except KeysLocked:
        if ring.recovery_wrapped is not None:
            return Unlocked(None)  # an adviser: only the recovery key brings access back
        # A reporter's old key is lost with the reset; their receipt codes still open reports.
        return replace(person, password)


def replace(person: Person, password: str) -> Unlocked:
    """Make a new key pair in place of one that cannot be opened: never silently.

    The ring is marked replaced (its fingerprint changes), the person is told, and the access
    log says so; consents bound to the old key stop until the reporter confirms again.
    """
    with db.atomic():
        unlocked = create(person, password)
        KeyRing.update(replaced_on=utcnow().date()).where(KeyRing.person == person).execute()
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
        return Unlocked(None) if ring.recovery_wrapped is not None else replace(person, new)
    if was_temporary and ring.recovery_wrapped is None:
        return replace(person, new)
    KeyRing.update(**_wrap_under_password(private_key, new)).where(KeyRing.id == ring.id).execute()
    return Unlocked(private_key)


def restore(person: Person, recovery_key: str, password: str) -> bytes:
    """Open the private key with the recovery key and wrap it under the current password."""
    ring = KeyRing.get_or_none(KeyRing.person == person)
    if ring is None or ring.recovery_wrapped is None:
        raise WrongRecoveryKey()
    try:
        private_key = crypto.decrypt(
            crypto.recovery_wrapping_key(recovery_key),
            bytes(ring.recovery_wrapped),
            PRIVATE_KEY_CONTEXT,
        )
    except crypto.DecryptionFailed as exc:
        raise WrongRecoveryKey() from exc
    KeyRing.update(**_wrap_under_password(private_key, password)).where(
        KeyRing.id == ring.id
    ).execute()
    return private_key


def confirm_recovery_key(person: Person, typed: str, shown: str) -> bool:
    """Record that the adviser stored their recovery key, if they typed it back correctly."""
    same = "".join(ch for ch in typed.upper() if ch.isalnum()) == "".join(
        ch for ch in shown.upper() if ch.isalnum()
    )
    if same:
        KeyRing.update(recovery_confirmed_at=utcnow()).where(KeyRing.person == person).execute()
    return same


def add_recovery_key(person: Person, private_key: bytes) -> str:
    """Give a person without one (an employee) a recovery key for their private key; return it once.

    A key made earlier but never confirmed is replaced: it was never stored by its owner.
    """
    ring = KeyRing.get(KeyRing.person == person)
    if bytes(PrivateKey(private_key).public_key) != bytes(ring.public_key):
        raise WrongRecoveryKey()
    recovery = crypto.new_recovery_key()
    wrapped = crypto.encrypt(
        crypto.recovery_wrapping_key(recovery), private_key, PRIVATE_KEY_CONTEXT
    )
    KeyRing.update(recovery_wrapped=wrapped, recovery_confirmed_at=None).where(
        KeyRing.id == ring.id
    ).execute()
    return recovery


def has_recovery_key(person: Person) -> bool:
    """Tell whether the person's private key can be brought back with a recovery key."""
    ring = KeyRing.get_or_none(KeyRing.person == person)
    return bool(ring and ring.recovery_wrapped is not None)


def public_key_of(person_id: int) -> bytes | None:
    ring = KeyRing.get_or_none(KeyRing.person == person_id)
    return bytes(ring.public_key) if ring else None


def recovery_pending(person: Person) -> bool:
    """Tell whether an adviser has a recovery key they have not yet confirmed storing."""
    ring = KeyRing.get_or_none(KeyRing.person == person)
    return bool(ring and ring.recovery_wrapped is not None and ring.recovery_confirmed_at is None)

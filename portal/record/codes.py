"""A record kept without an account, opened by a record code as the receipt code opens a report.

The code is shown once and never stored: the record is found by a digest of the code, and its
data key is wrapped under an Argon2id key derived from the code (crypto.derive_key, taking its
turn at the kdf_gate). Wrong codes count against the receipt codes' guard (refused per
daily-hashed address, slowed once everyone together made too many), so guessing either kind of
code draws on one budget.
Nothing written here names a person or holds a time finer than a day.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app

from portal.platform import crypto, kdf_gate, throttle
from portal.platform.database import db
from portal.record import entries, starts
from portal.record.models import JournalCodeKey, JournalRecord
from portal.reports import opening


@dataclass(frozen=True)
class Started:
    opened: entries.OpenRecord
    code: str  # shown once, never kept


def code_lookup(code: str) -> str:
    """Return the digest a code-kept record is found by (not the one a report is found by)."""
    return hashlib.blake2b(code.encode(), digest_size=32, person=b"vertrouwd-rcode").hexdigest()


def _wrap_context(record: JournalRecord) -> bytes:
    return crypto.associated_data(f"record:{record.uid}", "record-code")


def start_limits(address: str, today: date) -> list[throttle.Limit]:
    """Records started from one (daily-hashed) address are limited per calendar day."""
    config = current_app.config
    key = throttle.digest_key("record-code-start", config["SECRET_KEY"], address, today)
    return [throttle.Limit(key, config["REPORTS_MAX_PER_ADDRESS"], timedelta(days=1), by_day=True)]


def start(today: date, address: str) -> Started:
    """Start an empty record kept by a new record code; return it open, with the code.

    Raise throttle.Throttled when too many records were started from the address today, or
    kdf_gate.Busy when no turn for the code's key derivation came in time.
    """
    limits = start_limits(address, today)
    throttle.check(limits)
    code = crypto.new_receipt_code()
    salt = crypto.new_salt()
    with kdf_gate.gate().turn():
        code_key = crypto.derive_key(code, salt)
    data_key = crypto.random_key()
    with db.atomic():
        opened = starts.create_record(code_lookup(code), b"", data_key)
        record = opened.record
        JournalCodeKey.create(
            record=record,
            salt=salt,
            wrapped_key=crypto.encrypt(code_key, data_key, _wrap_context(record)),
            kdf_ops=crypto.KDF_OPS,
            kdf_mem=crypto.KDF_MEM,
        )
        throttle.count(limits)
    return Started(opened, code)


def open_with_code(typed: str, address: str) -> entries.OpenRecord:
    """Open the record a record code belongs to.

    Raise entries.RecordNotFound, throttle.Throttled (too many wrong codes from this address)
    or kdf_gate.Busy. An unknown code costs no key derivation: it is a miss by its digest.
    """
    guard = opening.receipt_guard(address)
    guard.before()
    code = crypto.normalise_code(typed)
    found = (
        JournalCodeKey.select(JournalCodeKey, JournalRecord)
        .join(JournalRecord)
        .where(JournalRecord.lookup == code_lookup(code))
        .first()
        if code
        else None
    )
    if found is None:
        guard.missed()
        raise entries.RecordNotFound()
    with kdf_gate.gate().turn():
        key = crypto.derive_key(code, bytes(found.salt), found.kdf_ops, found.kdf_mem)
    try:
        data_key = crypto.decrypt(key, bytes(found.wrapped_key), _wrap_context(found.record))
    except crypto.DecryptionFailed as exc:
        guard.missed()
        raise entries.RecordNotFound() from exc
    return entries.OpenRecord(found.record, data_key)


def is_its_code(opened: entries.OpenRecord, typed: str) -> bool:
    """Tell whether a typed code is this (already open) record's code: the confirm step."""
    code = crypto.normalise_code(typed)
    return bool(code) and hmac.compare_digest(code_lookup(code), opened.record.lookup)


def reopen(uid: str, data_key: bytes) -> entries.OpenRecord:
    """Return the code-kept record a browser holds open; raise entries.RecordNotFound."""
    found = JournalRecord.select().join(JournalCodeKey).where(JournalRecord.uid == uid).first()
    if found is None:
        raise entries.RecordNotFound()
    return entries.OpenRecord(found, data_key)


def delete(opened: entries.OpenRecord, today: date) -> None:
    """Delete the whole code-kept record: its wrapped key, then every entry, version and file."""
    with db.atomic():
        JournalCodeKey.delete().where(JournalCodeKey.record == opened.record.id).execute()
        entries.delete_record(opened, today)

"""Every key holder has a record from the day their key pair is made, written in or not (#21).

A record that appeared only when someone first opened My record would show who keeps one. So
an empty record comes with every key pair (keyring.every_key_holder_gets), and a deleted record
is followed by a new empty one. No row can be placed beside the key ring made with it: the id is
drawn at random (an id in order would pair it with the key ring), there is no day on it, and its
manifest is padded to whole blocks (entries.MANIFEST_BLOCK), so an empty record and one written
in look alike. Only the owner's private key finds it (entries.record_lookup).
"""

import secrets

import peewee as pw

from portal.core.accounts import keyring
from portal.platform import crypto
from portal.platform.database import db
from portal.record import entries
from portal.record.models import JournalRecord

ID_RANGE = (1 << 20, (1 << 31) - 1)  # an integer column everywhere (PostgreSQL's serial too)


def random_id() -> int:
    low, high = ID_RANGE
    return low + secrets.randbelow(high - low)


def create_record(lookup: str, sealed_key: bytes, data_key: bytes) -> entries.OpenRecord:
    """Store a new, empty record found by lookup (its key kept by the caller's means)."""
    for attempt in range(3):
        try:
            with db.atomic():
                record = JournalRecord(lookup=lookup, uid=secrets.token_hex(16), manifest=b"")
                record.id = random_id()
                record.sealed_key = sealed_key
                opened = entries.OpenRecord(record, data_key)
                record.manifest = entries.seal_manifest(opened, {}, 0)
                record.save(force_insert=True)
                return opened
        except pw.IntegrityError:
            if attempt == 2 or JournalRecord.get_or_none(JournalRecord.lookup == lookup):
                raise
    raise AssertionError("unreachable")


def find_or_start(public_key: bytes, private_key: bytes) -> entries.OpenRecord:
    """Open the owner's record, starting an empty one when there is none."""
    opened = entries.find(private_key)
    if opened is not None:
        return opened
    data_key = crypto.random_key()
    sealed_key = crypto.seal(public_key, data_key)
    return create_record(entries.record_lookup(private_key), sealed_key, data_key)


def ensure(public_key: bytes, private_key: bytes) -> None:
    """Give a key holder their (empty) record if they have none: everyone has one."""
    lookup = entries.record_lookup(private_key)
    if not JournalRecord.select().where(JournalRecord.lookup == lookup).exists():
        find_or_start(public_key, private_key)


keyring.every_key_holder_gets(ensure)

"""A person's own record: entries, their versions and evidence. Content only in encrypted blobs.

No column names the owner. The record is found by a digest keyed with the owner's own private
key (see entries.record_lookup): a foreign key, or even an HMAC of the person's id under the
portal's secret key, would let whoever holds the database (and the secret key) see who keeps a
record, which DESIGN.md forbids ("no plain row ties a person to a record they are the subject
of"). Only ids, version numbers and written days (day granularity) are in clear.
"""

from peewee import BlobField, CharField, DateField, ForeignKeyField, IntegerField

from portal.database import BaseModel


class JournalRecord(BaseModel):
    lookup = CharField(unique=True)  # keyed digest from the owner's private key
    uid = CharField(unique=True)  # random; bound into every ciphertext's associated data
    sealed_key = BlobField()  # the record's data key, sealed to the owner's public key
    started_on = DateField()
    # Encrypted JSON {entry uid: [versions, head hash]}: the list the chain is checked against,
    # so an entry or a last version removed behind the portal's back shows as missing.
    manifest = BlobField()


class JournalEntry(BaseModel):
    record = ForeignKeyField(JournalRecord, backref="entries", on_delete="CASCADE")
    uid = CharField(unique=True)
    written_on = DateField()  # the day the first version was written


class JournalVersion(BaseModel):
    entry = ForeignKeyField(JournalEntry, backref="versions", on_delete="CASCADE")
    number = IntegerField()
    written_on = DateField()
    body = BlobField()  # encrypted JSON: every field of the entry as it was in this version
    prev_hash = CharField()  # the hash of the version before (or of the entry's start)
    hash = CharField()  # SHA-256 over prev_hash, entry uid, number, day and the ciphertext

    class Meta:
        indexes = ((("entry", "number"), True),)


class JournalFile(BaseModel):
    entry = ForeignKeyField(JournalEntry, backref="files", on_delete="CASCADE")
    uid = CharField(unique=True)
    added_on = DateField()
    size = IntegerField()
    meta = BlobField()  # encrypted JSON: file name, type, SHA-256 as uploaded
    content = BlobField()


class JournalCodeKey(BaseModel):
    """A record kept without an account: its data key wrapped under its record code.

    Like a report's receipt code: the code is never stored; the record is found by a digest of
    it (JournalRecord.lookup) and its data key is wrapped under an Argon2id key derived from it.
    Nothing here names a person; the record's sealed_key is empty.
    """

    record = ForeignKeyField(JournalRecord, unique=True, on_delete="CASCADE")
    salt = BlobField()
    wrapped_key = BlobField()
    kdf_ops = IntegerField()
    kdf_mem = IntegerField()

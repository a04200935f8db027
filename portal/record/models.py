"""A person's own record: entries, their versions and evidence. Content only in encrypted blobs.

No column names the owner. The record is found by a digest keyed with the owner's own private
key (see entries.record_lookup): a foreign key, or even an HMAC of the person's id under the
portal's secret key, would let whoever holds the database (and the secret key) see who keeps a
record, which DESIGN.md forbids ("no plain row ties a person to a record they are the subject
of"). Only ids, version numbers and written days (day granularity) are in clear.
"""

import peewee as pw

from portal.platform.database import BaseModel


class JournalRecord(BaseModel):
    lookup = pw.CharField(unique=True)  # keyed digest from the owner's private key
    uid = pw.CharField(unique=True)  # random; bound into every ciphertext's associated data
    sealed_key = pw.BlobField()  # the record's data key, sealed to the owner's public key
    # Encrypted JSON {entry uid: [versions, head hash]}: the list the chain is checked against,
    # so an entry or a last version removed behind the portal's back shows as missing.
    manifest = pw.BlobField()


class JournalEntry(BaseModel):
    record = pw.ForeignKeyField(JournalRecord, backref="entries", on_delete="CASCADE")
    uid = pw.CharField(unique=True)
    written_on = pw.DateField()  # the day the first version was written


class JournalVersion(BaseModel):
    entry = pw.ForeignKeyField(JournalEntry, backref="versions", on_delete="CASCADE")
    number = pw.IntegerField()
    written_on = pw.DateField()
    body = pw.BlobField()  # encrypted JSON: every field of the entry as it was in this version
    prev_hash = pw.CharField()  # the hash of the version before (or of the entry's start)
    hash = pw.CharField()  # SHA-256 over prev_hash, entry uid, number, day and the ciphertext

    class Meta:
        indexes = ((("entry", "number"), True),)


class JournalFile(BaseModel):
    entry = pw.ForeignKeyField(JournalEntry, backref="files", on_delete="CASCADE")
    uid = pw.CharField(unique=True)
    added_on = pw.DateField()
    size = pw.IntegerField()
    meta = pw.BlobField()  # encrypted JSON: file name, type, SHA-256 as uploaded
    content = pw.BlobField()


class JournalCodeKey(BaseModel):
    """A record kept without an account: its data key wrapped under its record code.

    Like a report's receipt code: the code is never stored; the record is found by a digest of
    it (JournalRecord.lookup) and its data key is wrapped under an Argon2id key derived from it.
    Nothing here names a person; the record's sealed_key is empty.
    """

    record = pw.ForeignKeyField(JournalRecord, unique=True, on_delete="CASCADE")
    salt = pw.BlobField()
    wrapped_key = pw.BlobField()
    kdf_ops = pw.IntegerField()
    kdf_mem = pw.IntegerField()

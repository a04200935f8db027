"""Aftercare: a case's sealed key rows record the fingerprint of the key they were sealed to.

A lead's or HR person's key pair that is replaced (after an administrator's password reset) is
then noticed on the case page, and the case is shared with the new key only after someone on
the case confirms it is really them. The employee's row carries no person, so the fingerprint
of their key is kept inside the case's encrypted body instead (written by the portal).

Existing lead and HR rows get the fingerprint of the person's current key when that key was
never replaced, or was replaced before the row was written; otherwise it stays empty, which the
portal treats as a changed key (to be confirmed before sharing again).
"""

import hashlib

from peewee import BlobField, CharField, DateField, IntegerField, Model
from playhouse.migrate import migrate


def _fingerprint(public_key: bytes) -> str:
    return hashlib.blake2b(bytes(public_key), digest_size=16, person=b"vertrouwd-fpr").hexdigest()


def up(migrator, db):
    migrate(migrator.add_column("aftercare_member", "key_fingerprint", CharField(null=True)))
    backfill(db)


def backfill(db) -> None:
    """Record the fingerprints that are certain: keys never replaced since the row was written."""

    class Base(Model):
        class Meta:
            database = db

    class KeyRing(Base):
        person_id = IntegerField()
        public_key = BlobField()
        replaced_on = DateField(null=True)

        class Meta:
            table_name = "key_ring"

    class Member(Base):
        person_id = IntegerField(null=True)
        added_on = DateField()
        key_fingerprint = CharField(null=True)

        class Meta:
            table_name = "aftercare_member"

    rings = {ring.person_id: ring for ring in KeyRing.select()}
    for row in Member.select().where(Member.person_id.is_null(False)):
        ring = rings.get(row.person_id)
        if ring is not None and (ring.replaced_on is None or ring.replaced_on < row.added_on):
            row.key_fingerprint = _fingerprint(ring.public_key)
            row.save(only=[Member.key_fingerprint])

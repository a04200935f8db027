"""Report together: held reports and the advisers who hold the matching secret (matching.py).

Nothing here ties a held report to its writer or to the person it names in a form anyone but
the writer (their private key) or the advisers (the matching secret) can read. Rows take a
random id (record.starts.random_id): an id in order would place a held report among rows with
exact times. Days only, never times.
"""

import peewee as pw

from portal.core.accounts.models import Person
from portal.platform.database import BaseModel


class HeldReport(BaseModel):
    uid = pw.CharField(unique=True)  # random; bound into the body's associated data
    # What the report says (about whom, what happened, the chosen adviser, how to reach the
    # writer), encrypted under a data key that only the writer holds (writer_sealed).
    body = pw.BlobField()
    # The data key and the writer's own reference, sealed to the writer's public key: a sealed
    # box does not say to whom it is sealed, so the writer finds theirs by opening.
    writer_sealed = pw.BlobField()
    # The named person and the writer's mark, sealed to the advisers' holding key until an
    # adviser's request turns them into tags; emptied then.
    pending = pw.BlobField(null=True)
    subject_tag = pw.CharField(null=True, index=True)  # F(k, the named person)
    writer_tag = pw.CharField(null=True)  # F(k, the writer's mark): one writer counts once
    held_on = pw.DateField()
    expires_on = pw.DateField(index=True)
    matched_on = pw.DateField(null=True)


class MatchingKeyholder(BaseModel):
    """An adviser holding the matching secret, sealed to their public key.

    Given only by an adviser who holds it, in an explicit request, after checking the other
    adviser's key in person (their check code): never sealed as a side effect of a page.
    """

    person = pw.ForeignKeyField(Person, unique=True, backref="+", on_delete="CASCADE")
    sealed_secret = pw.BlobField()
    holding_public = pw.BlobField()  # the same on every row: what writers seal to
    key_fingerprint = pw.CharField()  # the adviser's key it was sealed to (keyring.fingerprint)
    given_on = pw.DateField()
    given_by = pw.ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")

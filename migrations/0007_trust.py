"""The trust table against the administrator, a database copy and a stranger (issue 11).

- TOTP secrets are encrypted under a key derived from the app's secret key.
- Drafts record their size and a keyed, daily digest of the address, for the storage caps.
- Follow-up records: a report opened with its receipt code, held half in the cookie, half here.
- A replaced key pair is never trusted silently: key rings record when they replaced another,
  consents record the fingerprint of the grantee's key, and account notices tell a person
  what an administrator did to their account.
- Separation of duties: adviser and HR roles given by an administrator wait in role requests
  for a second person; the directory shows since when an adviser is listed.
- No plain column or row ties a person to a report: report.reporter_id and the report_key rows
  with role "reporter" go. Each such key is resealed, with the report's uid, to the person's
  public key in my_reports_inbox (which says that they have something, never which report);
  their next sign-in moves it into their own encrypted list (my_reports).
"""

import datetime
import hashlib

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
)
from playhouse.migrate import SqliteMigrator, migrate


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        totp_secret = CharField(null=True)

        class Meta:
            table_name = "person"

    _seal_totp_secrets(Person)
    migrate(
        migrator.add_column("report_draft", "size", IntegerField(default=0)),
        migrator.add_column("report_draft", "address_key", CharField(null=True)),
        migrator.add_index("report_draft", ("address_key",), False),
    )

    class FollowUp(Base):
        token_digest = CharField(unique=True)
        opened_on = DateField(index=True)
        sealed = BlobField()

    db.create_tables([FollowUp])

    migrate(
        migrator.add_column("key_ring", "replaced_on", DateField(null=True)),
        migrator.add_column("consent", "grantee_key", CharField(null=True)),
    )

    class KeyRing(Base):
        person = ForeignKeyField(Person, unique=True, on_delete="CASCADE")
        public_key = BlobField()

        class Meta:
            table_name = "key_ring"

    class Consent(Base):
        grantee = ForeignKeyField(Person, on_delete="CASCADE")
        grantee_key = CharField(null=True)

        class Meta:
            table_name = "consent"

    keys = {ring.person_id: bytes(ring.public_key) for ring in KeyRing.select()}
    for consent in list(Consent.select()):
        if consent.grantee_id in keys:
            fingerprint = hashlib.blake2b(
                keys[consent.grantee_id], digest_size=16, person=b"vertrouwd-fpr"
            ).hexdigest()
            Consent.update(grantee_key=fingerprint).where(Consent.id == consent.id).execute()

    class AccountNotice(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        kind = CharField()
        happened_on = DateField()

    db.create_tables([AccountNotice])

    class RoleRequest(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        role = CharField()
        requested_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        requested_on = DateField()

        class Meta:
            indexes = ((("person", "role"), True),)

    db.create_tables([RoleRequest])
    migrate(migrator.add_column("adviser_profile", "listed_since", DateField(null=True)))

    class AdviserProfile(Base):
        listed = BooleanField()
        listed_since = DateField(null=True)

        class Meta:
            table_name = "adviser_profile"

    AdviserProfile.update(listed_since=datetime.date.today()).where(
        AdviserProfile.listed == True  # noqa: E712 - a peewee expression
    ).execute()

    class MyReports(Base):
        tag = CharField(unique=True)
        body = BlobField()

    class MyReportsInbox(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        sealed = BlobField()

    db.create_tables([MyReports, MyReportsInbox])
    _move_reporter_keys(db, KeyRing, MyReportsInbox)
    if isinstance(migrator, SqliteMigrator):
        # SQLite refuses DROP COLUMN on a foreign key, and rebuilding the table inside the
        # migration's transaction (foreign keys on) would cascade-delete every message and key.
        # The column stays, emptied; nothing reads or writes it any more.
        db.execute_sql("UPDATE report SET reporter_id = NULL")
    else:
        migrate(migrator.drop_column("report", "reporter_id"))


def _seal_totp_secrets(person_model) -> None:
    from portal.core.accounts.second_factor import SEALED_PREFIX, seal_secret

    rows = person_model.select(person_model.id, person_model.totp_secret).where(
        person_model.totp_secret.is_null(False)
    )
    for row in list(rows):
        if not row.totp_secret.startswith(SEALED_PREFIX):
            person_model.update(totp_secret=seal_secret(row.totp_secret)).where(
                person_model.id == row.id
            ).execute()


def _move_reporter_keys(db, key_ring, inbox) -> None:
    import base64
    import json

    from nacl.public import PublicKey, SealedBox

    rows = db.execute_sql(
        "SELECT report_key.id, report_key.person_id, report_key.sealed_key, report.uid"
        " FROM report_key JOIN report ON report.id = report_key.report_id"
        " WHERE report_key.role = 'reporter'"
    ).fetchall()
    public = {ring.person_id: bytes(ring.public_key) for ring in key_ring.select()}
    for _key_id, person_id, sealed_key, uid in rows:
        if person_id in public:
            entry = {"uid": uid, "sealed_key": base64.b64encode(bytes(sealed_key)).decode()}
            sealed = SealedBox(PublicKey(public[person_id])).encrypt(json.dumps(entry).encode())
            inbox.create(person=person_id, sealed=sealed)
    db.execute_sql("DELETE FROM report_key WHERE role = 'reporter'")

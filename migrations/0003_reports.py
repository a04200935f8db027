"""Key rings, the session vault, adviser profiles, reports and everything that hangs off them."""

import datetime

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.migrate import migrate

# Frozen copies of the models as they were when this migration was written.


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        class Meta:
            table_name = "person"

    migrate(migrator.add_column("session_record", "vault", BlobField(null=True)))

    class KeyRing(Base):
        person = ForeignKeyField(Person, unique=True, on_delete="CASCADE")
        public_key = BlobField()
        password_salt = BlobField()
        password_wrapped = BlobField()
        kdf_ops = IntegerField()
        kdf_mem = IntegerField()
        recovery_wrapped = BlobField(null=True)
        recovery_confirmed_at = DateTimeField(null=True)
        created_at = DateTimeField(default=datetime.datetime.now)

    class AdviserProfile(Base):
        person = ForeignKeyField(Person, unique=True, on_delete="CASCADE")
        external = BooleanField(default=False)
        organisation = CharField(null=True)
        introduction_nl = TextField(default="")
        introduction_en = TextField(default="")
        languages = CharField(default="nl")
        topics = CharField(default="")
        contact = TextField(default="")
        photo = BlobField(null=True)
        away_until = DateField(null=True)
        stand_in = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        integrity_contact = BooleanField(default=False)
        listed = BooleanField(default=True)

    class Report(Base):
        uid = CharField(unique=True)
        reference = CharField(unique=True)
        track = CharField(index=True)
        category = CharField(index=True)
        mode = CharField()
        status = CharField(index=True)
        received_on = DateField(index=True)
        acknowledged_on = DateField(null=True)
        closed_on = DateField(null=True)
        reporter = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        receipt_lookup = CharField(unique=True)
        receipt_salt = BlobField()
        receipt_wrapped_key = BlobField()
        kdf_ops = IntegerField()
        kdf_mem = IntegerField()
        body = BlobField()
        identity = BlobField(null=True)

    class ReportKey(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE")
        role = CharField()
        sealed_key = BlobField()

        class Meta:
            indexes = ((("report", "person"), True), (("person", "role"), False))

    class Message(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        sender = CharField()
        adviser = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        sent_on = DateField()
        body = BlobField()

    class Attachment(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        message = ForeignKeyField(Message, null=True, on_delete="CASCADE")
        sender = CharField()
        uploaded_on = DateField()
        size = IntegerField()
        meta = BlobField()
        content = BlobField()

    class ReportEvent(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        action = CharField()
        at = DateTimeField()

    class ReportDraft(Base):
        token_digest = CharField(unique=True)
        expires_at = DateTimeField(index=True)
        content = BlobField()

    db.create_tables(
        [KeyRing, AdviserProfile, Report, ReportKey, Message, Attachment, ReportEvent, ReportDraft]
    )

"""The adviser's workspace: workflow columns, notes, the hash-chained access log, reminders."""

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

    class Report(Base):
        class Meta:
            table_name = "report"

    migrate(
        migrator.add_column("report", "outcome", CharField(null=True)),
        migrator.add_column("report", "first_contact_on", DateField(null=True)),
        migrator.add_column("report", "last_message_from", CharField(null=True)),
        migrator.add_column("report", "last_message_on", DateField(null=True)),
        migrator.add_column("report", "ack_due_on", DateField(null=True)),
        migrator.add_column("report", "feedback_due_on", DateField(null=True)),
        migrator.add_column("report", "contact_due_on", DateField(null=True)),
        migrator.add_column("report", "oral", BooleanField(default=False)),
        migrator.add_column("report", "reporter_confirmed_on", DateField(null=True)),
        migrator.add_column("report", "content_deleted_on", DateField(null=True)),
        migrator.add_index("report", ("status", "received_on"), False),
    )
    db.execute_sql("DROP TABLE IF EXISTS report_event")

    class AccessLog(Base):
        report_uid = CharField(index=True)
        reference = CharField()
        person_id = IntegerField(null=True)
        action = CharField()
        detail = CharField(default="")
        at = DateTimeField()
        prev_hash = CharField()
        hash = CharField()

    class Note(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        adviser = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        body = BlobField()

    class ReminderSent(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        kind = CharField()
        due_on = DateField()
        sent_on = DateField()

        class Meta:
            indexes = ((("report", "kind", "due_on"), True),)

    class MessageTemplate(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        kind = CharField()
        text = TextField()

        class Meta:
            indexes = ((("person", "kind"), True),)

    db.create_tables([AccessLog, Note, ReminderSent, MessageTemplate])

"""Consultations, who the behaviour came from on reports, the yearly report's drafts and versions."""

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

    migrate(
        migrator.add_column("report", "source", CharField(null=True)),
        migrator.add_column("report", "several_forms", BooleanField(default=False)),
        # The yearly figures scan one year of reports from an index alone (bench/yearly.py).
        migrator.add_index(
            "report",
            ("received_on", "track", "category", "mode", "source", "several_forms", "outcome"),
            False,
        ),
        migrator.add_index(
            "report",
            (
                "track",
                "received_on",
                "acknowledged_on",
                "ack_due_on",
                "closed_on",
                "feedback_due_on",
            ),
            False,
        ),
        migrator.add_index("report", ("received_on", "first_contact_on"), False),
    )

    class Consultation(Base):
        uid = CharField(unique=True)
        adviser = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        held_on = DateField()
        channel = CharField()
        track = CharField()
        category = CharField()
        visitor = CharField()
        source = CharField()
        outcome = CharField()
        referral = CharField(null=True)
        note_key = BlobField(null=True)
        note = BlobField(null=True)
        created_on = DateField(default=datetime.date.today)

        class Meta:
            indexes = (
                (
                    (
                        "held_on",
                        "track",
                        "category",
                        "channel",
                        "visitor",
                        "source",
                        "outcome",
                        "referral",
                    ),
                    False,
                ),
                (("adviser", "held_on"), False),
            )

    class YearlyDraft(Base):
        year = IntegerField(unique=True)
        body = BlobField(null=True)
        updated_at = DateTimeField(null=True)
        updated_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")

    class YearlyDraftKey(Base):
        draft = ForeignKeyField(YearlyDraft, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE")
        sealed_key = BlobField()

        class Meta:
            indexes = ((("draft", "person"), True),)

    class YearlyReport(Base):
        year = IntegerField()
        version = IntegerField()
        published_on = DateField()
        published_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        min_cell = IntegerField()
        figures = TextField()
        observations = TextField(default="")
        recommendations = TextField(default="")
        prevention = TextField(default="")
        correction = TextField(default="")

        class Meta:
            indexes = ((("year", "version"), True),)

    db.create_tables([Consultation, YearlyDraft, YearlyDraftKey, YearlyReport])

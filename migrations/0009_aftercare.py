"""Aftercare cases after online harassment: members, steps, evidence, check-ins; HR's pages."""

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


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        class Meta:
            table_name = "person"

    class Case(Base):
        uid = CharField(unique=True)
        reference = CharField(unique=True)
        status = CharField(index=True, default="open")
        opened_on = DateField(index=True)
        closed_on = DateField(null=True)
        outcome = CharField(null=True)
        body = BlobField()
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "aftercare_case"

    class CaseMember(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        person = ForeignKeyField(Person, null=True, on_delete="CASCADE")
        role = CharField()
        sealed_key = BlobField()
        added_on = DateField()

        class Meta:
            table_name = "aftercare_member"
            indexes = ((("case", "person"), False), (("role",), False))

    class CaseStep(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        number = IntegerField()
        owner = CharField()
        status = CharField(default="todo")
        due_on = DateField(null=True)
        done_on = DateField(null=True)
        started_on = DateField(null=True)
        decided_on = DateField(null=True)
        removed = BooleanField(null=True)
        complaint_offence = BooleanField(default=False)
        note = BlobField(null=True)
        details = BlobField(null=True)

        class Meta:
            table_name = "aftercare_step"
            indexes = ((("case", "number"), True),)

    class EvidenceItem(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        added_on = DateField()
        still_online = BooleanField(null=True)
        checked_on = DateField(null=True)
        body = BlobField()

        class Meta:
            table_name = "aftercare_evidence"

    class EvidenceFile(Base):
        item = ForeignKeyField(EvidenceItem, on_delete="CASCADE")
        uploaded_on = DateField()
        size = IntegerField()
        meta = BlobField()
        content = BlobField()

        class Meta:
            table_name = "aftercare_file"

    class CheckIn(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        kind = CharField()
        due_on = DateField()
        latest_on = DateField()
        done_on = DateField(null=True)
        body = BlobField(null=True)
        employee_words = BlobField(null=True)

        class Meta:
            table_name = "aftercare_checkin"
            indexes = ((("case", "kind"), True),)

    class CaseReminder(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        kind = CharField()
        due_on = DateField()
        sent_on = DateField()

        class Meta:
            table_name = "aftercare_reminder"
            indexes = ((("case", "kind", "due_on"), True),)

    class PolicyVersion(Base):
        page = CharField()
        locale = CharField()
        title = CharField()
        body = TextField()
        author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "aftercare_page_version"
            indexes = ((("page", "locale"), False),)

    db.create_tables(
        [
            Case,
            CaseMember,
            CaseStep,
            EvidenceItem,
            EvidenceFile,
            CheckIn,
            CaseReminder,
            PolicyVersion,
        ]
    )

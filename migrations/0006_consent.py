"""Consent by the reporter to share with a named person, and the summaries shared under it."""

from peewee import BlobField, CharField, DateField, ForeignKeyField, Model


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

    class Consent(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        scope = CharField()
        grantee = ForeignKeyField(Person, on_delete="CASCADE")
        granted_on = DateField()
        revoked_on = DateField(null=True)

    class SharedSummary(Base):
        consent = ForeignKeyField(Consent, unique=True, on_delete="CASCADE")
        author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        written_on = DateField()
        sealed_key = BlobField()
        body = BlobField()

    db.create_tables([Consent, SharedSummary])

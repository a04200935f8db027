"""A person's own record (issue 12): entries, versions, evidence; content only encrypted."""

from peewee import BlobField, CharField, DateField, ForeignKeyField, IntegerField, Model


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class JournalRecord(Base):
        lookup = CharField(unique=True)
        uid = CharField(unique=True)
        sealed_key = BlobField()
        started_on = DateField()
        manifest = BlobField()

    class JournalEntry(Base):
        record = ForeignKeyField(JournalRecord, on_delete="CASCADE")
        uid = CharField(unique=True)
        written_on = DateField()

    class JournalVersion(Base):
        entry = ForeignKeyField(JournalEntry, on_delete="CASCADE")
        number = IntegerField()
        written_on = DateField()
        body = BlobField()
        prev_hash = CharField()
        hash = CharField()

        class Meta:
            indexes = ((("entry", "number"), True),)

    class JournalFile(Base):
        entry = ForeignKeyField(JournalEntry, on_delete="CASCADE")
        uid = CharField(unique=True)
        added_on = DateField()
        size = IntegerField()
        meta = BlobField()
        content = BlobField()

    db.create_tables([JournalRecord, JournalEntry, JournalVersion, JournalFile])

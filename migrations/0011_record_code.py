"""A record kept without an account (issue 12): its data key wrapped under a record code."""

from peewee import BlobField, CharField, ForeignKeyField, IntegerField, Model


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class JournalRecord(Base):
        lookup = CharField(unique=True)

        class Meta:
            table_name = "journal_record"

    class JournalCodeKey(Base):
        record = ForeignKeyField(JournalRecord, unique=True, on_delete="CASCADE")
        salt = BlobField()
        wrapped_key = BlobField()
        kdf_ops = IntegerField()
        kdf_mem = IntegerField()

    db.create_tables([JournalCodeKey])

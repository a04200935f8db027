"""Report together (#25): held reports, readable by nobody until matched, and the advisers who
hold the matching secret (portal/together/)."""

from peewee import BlobField, CharField, DateField, ForeignKeyField, Model


def up(migrator, db):
    class Person(Model):
        class Meta:
            database = db
            table_name = "person"

    class HeldReport(Model):
        uid = CharField(unique=True)
        body = BlobField()
        writer_sealed = BlobField()
        pending = BlobField(null=True)
        subject_tag = CharField(null=True, index=True)
        writer_tag = CharField(null=True)
        held_on = DateField()
        expires_on = DateField(index=True)
        matched_on = DateField(null=True)

        class Meta:
            database = db
            table_name = "held_report"

    class MatchingKeyholder(Model):
        person = ForeignKeyField(Person, unique=True, backref="+", on_delete="CASCADE")
        sealed_secret = BlobField()
        holding_public = BlobField()
        key_fingerprint = CharField()
        given_on = DateField()
        given_by = ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "matching_keyholder"

    db.create_tables([HeldReport, MatchingKeyholder])

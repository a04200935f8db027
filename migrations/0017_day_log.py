"""Entries kept by the day get a log of their own (the reporter's and the record's path).

Entries written before stay in the access log: its chain is keyed with the portal's secret,
which a migration does not hold, so they cannot be moved without breaking it.
"""

from peewee import CharField, DateTimeField, IntegerField, Model


def up(migrator, db):
    class DayLog(Model):
        report_uid = CharField(index=True)
        reference = CharField()
        person_id = IntegerField(null=True)
        action = CharField()
        detail = CharField(default="")
        at = DateTimeField()
        prev_hash = CharField()
        hash = CharField()

        class Meta:
            database = db
            table_name = "day_log"

    db.create_tables([DayLog])

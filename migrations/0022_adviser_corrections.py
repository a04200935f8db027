"""The adviser's corrections (#22): a report's kind, track and "one incident or a pattern"
changed with the old value kept, and every version of a summary the adviser wrote for HR or a
lead, which the reporter approves before it is shared.

- report.incident_pattern: "one" or "pattern" (a plain metadata column, like several_forms).
- report_change: what was changed, from what to what, on which day, by whom (codes only).
- summary_version: each summary the adviser wrote under a consent, encrypted under the report's
  data key (the reporter and the advisers read it; the grantee only gets the approved text,
  sealed to them as before), with its state: waiting, approved, declined or replaced.
"""

from peewee import BlobField, CharField, DateField, ForeignKeyField, IntegerField, Model
from playhouse.migrate import migrate


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
        class Meta:
            table_name = "consent"

    class ReportChange(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        field = CharField()
        old = CharField(null=True)
        new = CharField(null=True)
        changed_on = DateField()
        person = ForeignKeyField(Person, null=True, on_delete="SET NULL")

    class SummaryVersion(Base):
        consent = ForeignKeyField(Consent, on_delete="CASCADE")
        number = IntegerField()
        author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        written_on = DateField()
        state = CharField(index=True)
        decided_on = DateField(null=True)
        body = BlobField()

        class Meta:
            indexes = ((("consent", "number"), True),)

    migrate(migrator.add_column("report", "incident_pattern", CharField(null=True)))
    db.create_tables([ReportChange, SummaryVersion])

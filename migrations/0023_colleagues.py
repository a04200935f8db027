"""An adviser's request to hand a report over to a colleague, or add one, and the reporter's
answer (also when a stand-in reads while the adviser is away): who and when, never content.
The data key reaches the colleague only when the reporter agrees, sealed in their request."""

from peewee import CharField, DateField, ForeignKeyField, Model


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

    class Handover(Base):
        report = ForeignKeyField(Report, on_delete="CASCADE")
        kind = CharField()
        asked_by = ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="+")
        colleague = ForeignKeyField(Person, on_delete="CASCADE", backref="+")
        colleague_key = CharField(null=True)
        asked_on = DateField()
        answer = CharField(null=True)
        answered_on = DateField(null=True)

        class Meta:
            indexes = ((("report", "answer"), False), (("colleague", "answer"), False))

    db.create_tables([Handover])

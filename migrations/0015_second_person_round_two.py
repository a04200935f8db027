"""Issue 21: a first second-step enrolment after a password someone else set waits for a second
person, and so do a team's new lead and new members."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, Model
from playhouse.migrate import migrate


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        class Meta:
            table_name = "person"

    class Team(Base):
        class Meta:
            table_name = "team"

    migrate(
        migrator.add_column("person", "password_set_by_other", BooleanField(default=False)),
        migrator.add_column(
            "person",
            "password_set_by_id",
            ForeignKeyField(Person, null=True, field=Person.id, on_delete="SET NULL"),
        ),
    )

    class TeamChange(Base):
        team = ForeignKeyField(Team, backref="+", on_delete="CASCADE")
        person = ForeignKeyField(Person, backref="+", on_delete="CASCADE")
        kind = CharField()
        requested_by = ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")
        requested_on = DateField()

        class Meta:
            indexes = ((("team", "person", "kind"), True),)

    class SecondStepEnrolment(Base):
        person = ForeignKeyField(Person, unique=True, backref="+", on_delete="CASCADE")
        requested_by = ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")
        requested_on = DateField()

    db.create_tables([TeamChange, SecondStepEnrolment])

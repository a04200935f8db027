"""Issue 21: a first second-step enrolment after a password someone else set waits for a second
person, and so do a team's new lead and new members."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, Model, PostgresqlDatabase
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
    restore_person_triggers(db)


def restore_person_triggers(db) -> None:
    """Make the person table's published-content triggers (0013) again on SQLite.

    SQLite adds a NOT NULL column (password_set_by_other) by rebuilding the table, and a
    rebuilt table has lost its triggers; PostgreSQL alters the table in place and keeps them.
    """
    if isinstance(db, PostgresqlDatabase):  # pooled or not
        return
    raise_counter = "UPDATE published_generation SET counter = counter + 1 WHERE id = 1"
    for event in ("INSERT", "UPDATE OF display_name, active", "DELETE"):
        name = f"person_published_{event.split()[0].lower()}"
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON person BEGIN {raise_counter}; END"
        )

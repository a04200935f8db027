"""When a person's password was last set, and by whom: the check of a first key shows it."""

from peewee import DateField, ForeignKeyField, Model
from playhouse.migrate import migrate


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        class Meta:
            table_name = "person"

    migrate(
        migrator.add_column("person", "password_set_on", DateField(null=True)),
        migrator.add_column(
            "person",
            "password_set_by_id",
            ForeignKeyField(Person, null=True, field=Person.id, on_delete="SET NULL"),
        ),
    )

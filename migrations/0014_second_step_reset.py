"""An administrator's reset of someone's second step waits for a second person."""

from peewee import DateField, ForeignKeyField, Model


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        class Meta:
            table_name = "person"

    class SecondStepReset(Base):
        person = ForeignKeyField(Person, unique=True, backref="+", on_delete="CASCADE")
        requested_by = ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")
        requested_on = DateField()

    db.create_tables([SecondStepReset])

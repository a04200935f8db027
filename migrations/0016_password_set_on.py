"""The day a person's password was last set: whoever checks a first key with its owner sees it."""

from peewee import DateField
from playhouse.migrate import migrate


def up(migrator, db):
    migrate(migrator.add_column("person", "password_set_on", DateField(null=True)))

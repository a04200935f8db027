"""How contact goes with the reporter (a return date, or another way the adviser offered):
encrypted under the report's data key, like its content; no plain column says anything of it."""

from peewee import BlobField
from playhouse.migrate import migrate


def up(migrator, db):
    migrate(migrator.add_column("report", "contact", BlobField(null=True)))

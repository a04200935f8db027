"""Each published yearly report keeps the true counts behind its figures (issue 23).

A new version of a year is compared with every earlier publication of it, cell by cell, and a
hidden cell's true count is not in the published figures. These are the same counts the
tallies hold in plain columns; no page shows them. Versions published before this migration
have none, so the portal refuses a new version of their year rather than compare blindly.
"""

from peewee import TextField
from playhouse.migrate import migrate


def up(migrator, db):
    migrate(migrator.add_column("yearly_report", "counts", TextField(default="")))

"""The yearly report's narrative in English beside the Dutch (issue 23).

The advisers write the narrative in Dutch and may add an English version on the draft page;
an English reader sees it, and the Dutch with a note "(in Dutch)" where it is empty. One column
of JSON (section -> text) so that sections added later get an English version without another
migration. Versions published before have none: they read in Dutch.
"""

from peewee import TextField
from playhouse.migrate import migrate


def up(migrator, db):
    migrate(migrator.add_column("yearly_report", "english", TextField(default="")))

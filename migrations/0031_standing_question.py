"""Team meetings record whether the standing question on online harassment was asked (#24):
a yes or no, never who answered."""

from peewee import BooleanField
from playhouse.migrate import migrate


def up(migrator, db):
    migrate(
        migrator.add_column(
            "team_discussion", "standing_question_asked", BooleanField(default=False)
        )
    )

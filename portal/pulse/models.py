"""The team's pulse, kept as tallies: no row is an answer, none names a person or a time finer
than the month (see answering.py for why one person answers once without being named)."""

import peewee as pw

from portal.core.accounts.models import Team
from portal.platform.database import BaseModel


class PulseTally(BaseModel):
    """How many members of a team gave this answer to this question in this month."""

    month = pw.DateField()  # the first day of the month
    team = pw.ForeignKeyField(Team, backref="+", on_delete="CASCADE")
    question = pw.CharField()
    answer = pw.IntegerField()
    count = pw.IntegerField(default=0)

    class Meta:
        table_name = "pulse_tally"
        indexes = ((("month", "team", "question", "answer"), True),)


class PulseAnswered(BaseModel):
    """How many members of a team answered in a month (the threshold counts these)."""

    month = pw.DateField()
    team = pw.ForeignKeyField(Team, backref="+", on_delete="CASCADE")
    count = pw.IntegerField(default=0)

    class Meta:
        table_name = "pulse_answered"
        indexes = ((("month", "team"), True),)


class PulseBallot(BaseModel):
    """A month's token of one person who answered: computed from their own private key, so
    nobody without that key can tell whose it is. It names no team, no answer, no time."""

    month = pw.DateField()
    token = pw.CharField()

    class Meta:
        table_name = "pulse_ballot"
        indexes = ((("month", "token"), True),)

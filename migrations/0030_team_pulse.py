"""The team's pulse (#24): tallies per month, team, question and answer; a count of who
answered per team and month; and per month the tokens of those who answered (no person, no
team, no answer, no time: see portal/pulse/answering.py)."""

from peewee import CharField, DateField, ForeignKeyField, IntegerField, Model


def up(migrator, db):
    class Team(Model):
        class Meta:
            database = db
            table_name = "team"

    class PulseTally(Model):
        month = DateField()
        team = ForeignKeyField(Team, on_delete="CASCADE")
        question = CharField()
        answer = IntegerField()
        count = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "pulse_tally"
            indexes = ((("month", "team", "question", "answer"), True),)

    class PulseAnswered(Model):
        month = DateField()
        team = ForeignKeyField(Team, on_delete="CASCADE")
        count = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "pulse_answered"
            indexes = ((("month", "team"), True),)

    class PulseBallot(Model):
        month = DateField()
        token = CharField()

        class Meta:
            database = db
            table_name = "pulse_ballot"
            indexes = ((("month", "token"), True),)

    db.create_tables([PulseTally, PulseAnswered, PulseBallot])

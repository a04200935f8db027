"""People, roles, teams, server-side sessions and throttling counters."""

import datetime

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
)

# Frozen copies of the models as they were when this migration was written: later changes
# to portal/ must not change what this script creates.


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        email = CharField(unique=True)
        display_name = CharField()
        password_hash = CharField(null=True)
        must_change_password = BooleanField(default=False)
        totp_secret = CharField(null=True)
        totp_last_step = IntegerField(default=0)
        locale = CharField(null=True)
        active = BooleanField(default=True)
        created_at = DateTimeField(default=datetime.datetime.now)

    class PersonRole(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        role = CharField()

        class Meta:
            indexes = ((("person", "role"), True),)

    class Team(Base):
        name = CharField(unique=True)
        lead = ForeignKeyField(Person, null=True, on_delete="SET NULL")

    class TeamMember(Base):
        team = ForeignKeyField(Team, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE")

        class Meta:
            indexes = ((("team", "person"), True),)

    class SessionRecord(Base):
        token_digest = CharField(unique=True)
        person = ForeignKeyField(Person, on_delete="CASCADE")
        created_at = DateTimeField()
        last_seen_at = DateTimeField()
        second_factor_at = DateTimeField(null=True)

    class ThrottleCounter(Base):
        key = CharField(unique=True)
        window_start = DateTimeField()
        count = IntegerField(default=0)

    db.create_tables([Person, PersonRole, Team, TeamMember, SessionRecord, ThrottleCounter])


def down(migrator, db):
    for table in (
        "throttle_counter",
        "session_record",
        "team_member",
        "team",
        "person_role",
        "person",
    ):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")

"""Prompt tables: the library with its text versions, the monthly schedule, team meetings."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from portal.accounts.models import Person, Team
from portal.clock import utcnow
from portal.database import BaseModel


class Prompt(BaseModel):
    slug = CharField(unique=True)
    guide_page = CharField()  # the slug of the guide page it relates to
    position = IntegerField()  # the order of the default rotation
    created_at = DateTimeField(default=utcnow)


class PromptVersion(BaseModel):
    """One saved text of a prompt in one language; the newest one (highest id) is shown."""

    prompt = ForeignKeyField(Prompt, backref="versions", on_delete="CASCADE")
    locale = CharField()
    title = CharField()
    intro = TextField()  # Markdown
    questions = TextField()  # one question per line
    case_text = TextField()  # Markdown; "case" is a reserved word in SQL
    author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    from_files = BooleanField(default=False)  # the first version, seeded from the library files
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("prompt", "locale"), False),)


class MonthPrompt(BaseModel):
    """HR's choice for the whole organisation in one month (absent: the rotation decides)."""

    month = DateField(unique=True)  # always the first day of the month
    prompt = ForeignKeyField(Prompt, on_delete="CASCADE")
    set_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    set_at = DateTimeField(default=utcnow)


class TeamPrompt(BaseModel):
    """A team lead's own choice for their team in one month."""

    team = ForeignKeyField(Team, on_delete="CASCADE")
    month = DateField()
    prompt = ForeignKeyField(Prompt, on_delete="CASCADE")
    chosen_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    chosen_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("team", "month"), True),)


class TeamDiscussion(BaseModel):
    """A team meeting where the month's prompt was discussed: no names, only numbers and points."""

    team = ForeignKeyField(Team, on_delete="CASCADE")
    month = DateField()
    prompt = ForeignKeyField(Prompt, null=True, on_delete="SET NULL")
    held_on = DateField()
    present = IntegerField()
    action_points = TextField(default="")
    recorded_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    recorded_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("team", "month"), True),)


class LeadReminder(BaseModel):
    """A monthly reminder e-mail sent to a team lead; at most one per lead per month."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    month = DateField()
    sent_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("person", "month"), True),)

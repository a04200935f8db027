"""Prompt tables: the library with its text versions, the monthly schedule, team meetings."""

import peewee as pw

from portal.core.accounts.models import Person, Team
from portal.core.bilingual import TextVersion
from portal.platform.clock import utcnow
from portal.platform.database import BaseModel


class Prompt(BaseModel):
    slug = pw.CharField(unique=True)
    guide_page = pw.CharField()  # the slug of the guide page it relates to
    position = pw.IntegerField()  # the order of the default rotation
    created_at = pw.DateTimeField(default=utcnow)


class PromptVersion(BaseModel, TextVersion):
    """One saved text of a prompt in one language; the newest one (highest id) is shown."""

    prompt = pw.ForeignKeyField(Prompt, backref="versions", on_delete="CASCADE")
    intro = pw.TextField()  # Markdown
    questions = pw.TextField()  # one question per line
    case_text = pw.TextField()  # Markdown; "case" is a reserved word in SQL
    from_files = pw.BooleanField(default=False)  # the first version, seeded from the library files

    class Meta:
        indexes = ((("prompt", "locale"), False),)


class MonthPrompt(BaseModel):
    """HR's choice for the whole organisation in one month (absent: the rotation decides)."""

    month = pw.DateField(unique=True)  # always the first day of the month
    prompt = pw.ForeignKeyField(Prompt, on_delete="CASCADE")
    set_by = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    set_at = pw.DateTimeField(default=utcnow)


class TeamPrompt(BaseModel):
    """A team lead's own choice for their team in one month."""

    team = pw.ForeignKeyField(Team, on_delete="CASCADE")
    month = pw.DateField()
    prompt = pw.ForeignKeyField(Prompt, on_delete="CASCADE")
    chosen_by = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    chosen_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("team", "month"), True),)


class TeamDiscussion(BaseModel):
    """A team meeting where the month's prompt was discussed: no names, only numbers and points."""

    team = pw.ForeignKeyField(Team, on_delete="CASCADE")
    month = pw.DateField()
    prompt = pw.ForeignKeyField(Prompt, null=True, on_delete="SET NULL")
    held_on = pw.DateField()
    present = pw.IntegerField()
    action_points = pw.TextField(default="")
    # The standing question on online harassment was asked (#24); who answered is never kept.
    standing_question_asked = pw.BooleanField(default=False)
    recorded_by = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    recorded_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("team", "month"), True),)


class LeadReminder(BaseModel):
    """A monthly reminder e-mail sent to a team lead; at most one per lead per month."""

    person = pw.ForeignKeyField(Person, on_delete="CASCADE")
    month = pw.DateField()
    sent_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("person", "month"), True),)

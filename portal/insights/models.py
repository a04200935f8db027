"""Consultations and the yearly report: plain metadata columns, encrypted notes and drafts."""

from datetime import date

from peewee import (
    BlobField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from portal.accounts.models import Person
from portal.database import BaseModel


class Consultation(BaseModel):
    """A conversation with an adviser, counted without names; the note is the adviser's alone."""

    uid = CharField(unique=True)  # random; bound into the note's associated data
    adviser = ForeignKeyField(Person, null=True, backref="consultations", on_delete="SET NULL")
    held_on = DateField()
    channel = CharField()
    track = CharField()
    category = CharField()
    visitor = CharField()  # who came
    source = CharField()  # who the behaviour came from
    outcome = CharField()
    referral = CharField(null=True)
    note_key = BlobField(null=True)  # the note's data key sealed to the adviser
    note = BlobField(null=True)
    created_on = DateField(default=date.today)

    class Meta:
        indexes = ((("adviser", "held_on"), False),)


class YearlyDraft(BaseModel):
    """The narrative the advisers write together, encrypted to every adviser."""

    year = IntegerField(unique=True)
    body = BlobField(null=True)
    updated_at = DateTimeField(null=True)
    updated_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")


class YearlyDraftKey(BaseModel):
    draft = ForeignKeyField(YearlyDraft, backref="keys", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    sealed_key = BlobField()

    class Meta:
        indexes = ((("draft", "person"), True),)


class YearlyReport(BaseModel):
    """A published version: frozen narrative and the suppressed figures as JSON."""

    year = IntegerField()
    version = IntegerField()
    published_on = DateField()
    published_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    min_cell = IntegerField()
    figures = TextField()
    observations = TextField(default="")
    recommendations = TextField(default="")
    prevention = TextField(default="")
    correction = TextField(default="")  # what a later version corrected

    class Meta:
        indexes = ((("year", "version"), True),)


# A tally kept by database triggers (migrations/0010_insights.py); never written from Python.


class InsightTally(BaseModel):
    series = CharField()  # "reports" or "consultations"
    period = IntegerField()  # year * 10 + quarter (of receipt, or of the conversation)
    dimension = CharField()  # category, mode, source, outcome, several, reply_days, ...
    code = CharField()
    n = IntegerField(default=0)

    class Meta:  # one row per combination: the triggers add to it
        indexes = ((("period", "series", "dimension", "code"), True),)

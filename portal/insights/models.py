"""Consultations and the yearly report: plain metadata columns, encrypted notes and drafts."""

from datetime import date

import peewee as pw

from portal.core.accounts.models import Person
from portal.platform.database import BaseModel


class Consultation(BaseModel):
    """A conversation with an adviser, counted without names; the note is the adviser's alone."""

    uid = pw.CharField(unique=True)  # random; bound into the note's associated data
    adviser = pw.ForeignKeyField(Person, null=True, backref="consultations", on_delete="SET NULL")
    held_on = pw.DateField()
    channel = pw.CharField()
    track = pw.CharField()
    category = pw.CharField()
    visitor = pw.CharField()  # who came
    source = pw.CharField()  # who the behaviour came from
    outcome = pw.CharField()
    referral = pw.CharField(null=True)
    note_key = pw.BlobField(null=True)  # the note's data key sealed to the adviser
    note = pw.BlobField(null=True)
    created_on = pw.DateField(default=date.today)

    class Meta:
        indexes = ((("adviser", "held_on"), False),)


class YearlyDraft(BaseModel):
    """The narrative the advisers write together, encrypted to every adviser."""

    year = pw.IntegerField(unique=True)
    body = pw.BlobField(null=True)
    updated_at = pw.DateTimeField(null=True)
    updated_by = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")


class YearlyDraftKey(BaseModel):
    draft = pw.ForeignKeyField(YearlyDraft, backref="keys", on_delete="CASCADE")
    person = pw.ForeignKeyField(Person, on_delete="CASCADE")
    sealed_key = pw.BlobField()

    class Meta:
        indexes = ((("draft", "person"), True),)


class YearlyReport(BaseModel):
    """A published version: frozen narrative and the suppressed figures as JSON."""

    year = pw.IntegerField()
    version = pw.IntegerField()
    published_on = pw.DateField()
    published_by = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    min_cell = pw.IntegerField()
    figures = pw.TextField()
    observations = pw.TextField(default="")
    recommendations = pw.TextField(default="")
    prevention = pw.TextField(default="")
    correction = pw.TextField(default="")  # what a later version corrected
    counts = pw.TextField(default="")  # the true counts behind the figures: never shown
    sections = pw.TextField(default="")  # context, activities, recommendations, signatures
    english = pw.TextField(default="")  # JSON: section -> the narrative in English, if written

    class Meta:
        indexes = ((("year", "version"), True),)


class AdviserActivity(BaseModel):
    """One entry of the advisers' activity register: a session, a training, a visit, ..."""

    year = pw.IntegerField()
    month = pw.IntegerField()  # 1 to 12: the register is kept by the month, never the day
    kind = pw.CharField()
    description = pw.CharField(default="")  # the adviser's words; never published
    participants = pw.IntegerField(null=True)
    adviser = pw.ForeignKeyField(Person, null=True, backref="activities", on_delete="SET NULL")
    created_on = pw.DateField(default=date.today)

    class Meta:
        indexes = ((("year", "month"), False),)


class YearlySignature(BaseModel):
    """An adviser listed on a year's report signed the draft as it stands (withdrawn on change)."""

    year = pw.IntegerField()
    person = pw.ForeignKeyField(Person, on_delete="CASCADE")
    signed_on = pw.DateField()

    class Meta:
        indexes = ((("year", "person"), True),)


class YearlyRecommendation(BaseModel):
    """A published recommendation with a stable id that later years (and measures) refer to."""

    uid = pw.CharField(unique=True)
    year = pw.IntegerField(index=True)
    position = pw.IntegerField(default=0)
    text = pw.TextField()


# A tally kept by database triggers (migrations/0010_insights.py); never written from Python.


class InsightTally(BaseModel):
    series = pw.CharField()  # "reports" or "consultations"
    period = pw.IntegerField()  # year * 10 + quarter (of receipt, or of the conversation)
    dimension = pw.CharField()  # category, mode, source, outcome, several, reply_days, ...
    code = pw.CharField()
    n = pw.IntegerField(default=0)

    class Meta:  # one row per combination: the triggers add to it
        indexes = ((("period", "series", "dimension", "code"), True),)

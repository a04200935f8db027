"""An adviser's public profile, kept by HR."""

from datetime import date

from peewee import BlobField, BooleanField, CharField, DateField, ForeignKeyField, TextField

from portal.accounts.models import Person
from portal.database import BaseModel


class AdviserProfile(BaseModel):
    person = ForeignKeyField(Person, unique=True, backref="adviser_profiles", on_delete="CASCADE")
    external = BooleanField(default=False)
    organisation = CharField(null=True)  # for external advisers
    introduction_nl = TextField(default="")
    introduction_en = TextField(default="")
    languages = CharField(default="nl")  # comma-separated language codes
    topics = CharField(default="")  # comma-separated category codes
    contact = TextField(default="")  # how to reach them outside the portal
    photo = BlobField(null=True)  # re-encoded JPEG without metadata
    away_until = DateField(null=True)
    stand_in = ForeignKeyField(Person, null=True, backref="standing_in_for", on_delete="SET NULL")
    integrity_contact = BooleanField(default=False)
    listed = BooleanField(default=True)
    listed_since = DateField(null=True)  # shown in the directory: since when reporters see them

    def introduction(self, locale: str) -> str:
        """Return the introduction in the language asked, or the other one when missing."""
        wanted = self.introduction_en if locale == "en" else self.introduction_nl
        return wanted or self.introduction_nl or self.introduction_en

    def is_away(self, today: date) -> bool:
        return self.away_until is not None and self.away_until >= today

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def topic_list(self) -> list[str]:
        return [code for code in self.topics.split(",") if code]

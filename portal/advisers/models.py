"""An adviser's public profile, kept by HR."""

from datetime import date

import peewee as pw

from portal.core.accounts.models import Person
from portal.platform.database import BaseModel


class AdviserProfile(BaseModel):
    person = pw.ForeignKeyField(
        Person, unique=True, backref="adviser_profiles", on_delete="CASCADE"
    )
    external = pw.BooleanField(default=False)
    organisation = pw.CharField(null=True)  # for external advisers
    introduction_nl = pw.TextField(default="")
    introduction_en = pw.TextField(default="")
    languages = pw.CharField(default="nl")  # comma-separated language codes
    topics = pw.CharField(default="")  # comma-separated category codes
    contact = pw.TextField(default="")  # how to reach them outside the portal
    photo = pw.BlobField(null=True)  # re-encoded JPEG without metadata
    away_until = pw.DateField(null=True)
    stand_in = pw.ForeignKeyField(
        Person, null=True, backref="standing_in_for", on_delete="SET NULL"
    )
    integrity_contact = pw.BooleanField(default=False)
    listed = pw.BooleanField(default=True)
    listed_since = pw.DateField(null=True)  # shown in the directory: since when reporters see them

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

"""Guide tables: each page, and every saved text of it per language (who and when)."""

import peewee as pw

from portal.accounts.models import Person
from portal.clock import utcnow
from portal.database import BaseModel


class GuideEntry(BaseModel):
    slug = pw.CharField(unique=True)
    position = pw.IntegerField()  # the reading order on the index page
    created_at = pw.DateTimeField(default=utcnow)


class GuideVersion(BaseModel):
    """One saved text of a guide page in one language; the newest one (highest id) is shown."""

    entry = pw.ForeignKeyField(GuideEntry, backref="versions", on_delete="CASCADE")
    locale = pw.CharField()
    title = pw.CharField()
    body = pw.TextField()  # Markdown
    author = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    from_files = pw.BooleanField(default=False)  # the first version, seeded from the page files
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("entry", "locale"), False),)

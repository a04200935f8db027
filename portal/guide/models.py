"""Guide tables: each page, and every saved text of it per language (who and when)."""

import peewee as pw

from portal.core.bilingual import TextVersion
from portal.platform.clock import utcnow
from portal.platform.database import BaseModel


class GuideEntry(BaseModel):
    slug = pw.CharField(unique=True)
    position = pw.IntegerField()  # the reading order on the index page
    created_at = pw.DateTimeField(default=utcnow)


class GuideVersion(BaseModel, TextVersion):
    """One saved text of a guide page in one language; the newest one (highest id) is shown."""

    entry = pw.ForeignKeyField(GuideEntry, backref="versions", on_delete="CASCADE")
    body = pw.TextField()  # Markdown
    from_files = pw.BooleanField(default=False)  # the first version, seeded from the page files

    class Meta:
        indexes = ((("entry", "locale"), False),)

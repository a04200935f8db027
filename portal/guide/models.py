"""Guide tables: each page, and every saved text of it per language (who and when)."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from portal.accounts.models import Person
from portal.clock import utcnow
from portal.database import BaseModel


class GuideEntry(BaseModel):
    slug = CharField(unique=True)
    position = IntegerField()  # the reading order on the index page
    created_at = DateTimeField(default=utcnow)


class GuideVersion(BaseModel):
    """One saved text of a guide page in one language; the newest one (highest id) is shown."""

    entry = ForeignKeyField(GuideEntry, backref="versions", on_delete="CASCADE")
    locale = CharField()
    title = CharField()
    body = TextField()  # Markdown
    author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    from_files = BooleanField(default=False)  # the first version, seeded from the page files
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("entry", "locale"), False),)

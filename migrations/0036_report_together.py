"""Report together (#25): held reports, readable by nobody until matched, and the advisers who
hold the matching secret (portal/together/); the guide page that explains it, added where an
earlier installation has no page by its name."""

import datetime

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

GUIDE_PAGE = "report-together"


def up(migrator, db):
    class Person(Model):
        class Meta:
            database = db
            table_name = "person"

    class HeldReport(Model):
        uid = CharField(unique=True)
        body = BlobField()
        writer_sealed = BlobField()
        pending = BlobField(null=True)
        subject_tag = CharField(null=True, index=True)
        writer_tag = CharField(null=True)
        held_on = DateField()
        expires_on = DateField(index=True)
        matched_on = DateField(null=True)

        class Meta:
            database = db
            table_name = "held_report"

    class MatchingKeyholder(Model):
        person = ForeignKeyField(Person, unique=True, backref="+", on_delete="CASCADE")
        sealed_secret = BlobField()
        holding_public = BlobField()
        key_fingerprint = CharField()
        given_on = DateField()
        given_by = ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "matching_keyholder"

    db.create_tables([HeldReport, MatchingKeyholder])
    add_guide_page(db)


def add_guide_page(db) -> None:
    from portal.guide.pages import LOCALES, PAGES_DIR, split_source

    class GuideEntry(Model):
        slug = CharField(unique=True)
        position = IntegerField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "guide_entry"

    class GuideVersion(Model):
        entry = ForeignKeyField(GuideEntry, on_delete="CASCADE")
        locale = CharField()
        title = CharField()
        body = TextField()
        from_files = BooleanField(default=False)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "guide_version"

    if GuideEntry.select().where(GuideEntry.slug == GUIDE_PAGE).exists():
        return  # a fresh installation read it from the files in 0002
    now = datetime.datetime.now()
    last = GuideEntry.select().order_by(GuideEntry.position.desc()).first()
    entry = GuideEntry.create(
        slug=GUIDE_PAGE, position=last.position + 1 if last else 1, created_at=now
    )
    for locale in LOCALES:
        title, body = split_source((PAGES_DIR / f"{GUIDE_PAGE}.{locale}.md").read_text("utf-8"))
        GuideVersion.create(
            entry=entry, locale=locale, title=title, body=body, from_files=True, created_at=now
        )

"""Aftercare cases after online harassment: members, steps, evidence, check-ins; HR's pages."""

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


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        class Meta:
            table_name = "person"

    class Case(Base):
        uid = CharField(unique=True)
        reference = CharField(unique=True)
        status = CharField(index=True, default="open")
        opened_on = DateField(index=True)
        closed_on = DateField(null=True)
        outcome = CharField(null=True)
        body = BlobField()
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "aftercare_case"

    class CaseMember(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        person = ForeignKeyField(Person, null=True, on_delete="CASCADE")
        role = CharField()
        sealed_key = BlobField()
        added_on = DateField()

        class Meta:
            table_name = "aftercare_member"
            indexes = ((("case", "person"), False), (("role",), False))

    class CaseStep(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        number = IntegerField()
        owner = CharField()
        status = CharField(default="todo")
        due_on = DateField(null=True)
        done_on = DateField(null=True)
        started_on = DateField(null=True)
        decided_on = DateField(null=True)
        removed = BooleanField(null=True)
        complaint_offence = BooleanField(default=False)
        note = BlobField(null=True)
        details = BlobField(null=True)

        class Meta:
            table_name = "aftercare_step"
            indexes = ((("case", "number"), True),)

    class EvidenceItem(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        added_on = DateField()
        still_online = BooleanField(null=True)
        checked_on = DateField(null=True)
        body = BlobField()

        class Meta:
            table_name = "aftercare_evidence"

    class EvidenceFile(Base):
        item = ForeignKeyField(EvidenceItem, on_delete="CASCADE")
        uploaded_on = DateField()
        size = IntegerField()
        meta = BlobField()
        content = BlobField()

        class Meta:
            table_name = "aftercare_file"

    class CheckIn(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        kind = CharField()
        due_on = DateField()
        latest_on = DateField()
        done_on = DateField(null=True)
        body = BlobField(null=True)
        employee_words = BlobField(null=True)

        class Meta:
            table_name = "aftercare_checkin"
            indexes = ((("case", "kind"), True),)

    class CaseRequest(Base):
        addressee = ForeignKeyField(Person, on_delete="CASCADE")
        status = CharField(default="pending")
        asked_on = DateField()
        for_addressee = BlobField()
        for_employee = BlobField()

        class Meta:
            table_name = "aftercare_request"

    class CaseReminder(Base):
        case = ForeignKeyField(Case, on_delete="CASCADE")
        kind = CharField()
        due_on = DateField()
        sent_on = DateField()

        class Meta:
            table_name = "aftercare_reminder"
            indexes = ((("case", "kind", "due_on"), True),)

    class PolicyVersion(Base):
        page = CharField()
        locale = CharField()
        title = CharField()
        body = TextField()
        author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            table_name = "aftercare_page_version"
            indexes = ((("page", "locale"), False),)

    class GuideEntry(Base):
        slug = CharField(unique=True)
        position = IntegerField()
        created_at = DateTimeField()

        class Meta:
            table_name = "guide_entry"

    class GuideVersion(Base):
        entry = ForeignKeyField(GuideEntry, on_delete="CASCADE")
        locale = CharField()
        title = CharField()
        body = TextField()
        from_files = BooleanField(default=False)
        created_at = DateTimeField()

        class Meta:
            table_name = "guide_version"

    db.create_tables(
        [
            Case,
            CaseMember,
            CaseStep,
            EvidenceItem,
            EvidenceFile,
            CheckIn,
            CaseRequest,
            CaseReminder,
            PolicyVersion,
        ]
    )

    add_guide_pages(GuideEntry, GuideVersion)
    # The prompt "look yourself up" now points to its own guide page.
    db.execute_sql(
        "UPDATE prompt SET guide_page = 'look-yourself-up' "
        "WHERE slug = 'look-yourself-up' AND guide_page = 'online-harassment'"
    )


def add_guide_pages(GuideEntry, GuideVersion) -> None:
    """Add the guide page "look yourself up", and the online-harassment page's link to it where
    HR has not changed that page since it was installed."""
    from portal.guide.pages import LOCALES, PAGES_DIR, split_source

    now = datetime.datetime.now()
    for slug in ("look-yourself-up", "online-harassment"):
        texts = {
            loc: split_source((PAGES_DIR / f"{slug}.{loc}.md").read_text(encoding="utf-8"))
            for loc in LOCALES
        }
        entry = GuideEntry.get_or_none(GuideEntry.slug == slug)
        if entry is None:
            last = GuideEntry.select().order_by(GuideEntry.position.desc()).first()
            position = last.position + 1 if last else 1
            entry = GuideEntry.create(slug=slug, position=position, created_at=now)
        for locale, (title, body) in texts.items():
            newest = (
                GuideVersion.select()
                .where((GuideVersion.entry == entry) & (GuideVersion.locale == locale))
                .order_by(GuideVersion.id.desc())
                .first()
            )
            if newest is None or (newest.from_files and newest.body != body):
                GuideVersion.create(
                    entry=entry,
                    locale=locale,
                    title=title,
                    body=body,
                    from_files=True,
                    created_at=now,
                )

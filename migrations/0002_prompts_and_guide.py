"""The prompt library, its monthly schedule and team meetings; the guide's page versions.

The library files (portal/prompts/library/) and the guide's page files (portal/guide/pages/)
become the first version of each text; HR's edits add versions after them.
"""

import datetime

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

# Frozen copies of the models as they were when this migration was written: later changes
# to portal/ must not change what this script creates. Only the file readers are shared.


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def up(migrator, db):
    from portal.guide.pages import read_files as read_guide_files
    from portal.prompts.library import read_files as read_prompt_files

    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):  # exists since 0001; only referenced here
        email = CharField(unique=True)

    class Team(Base):  # exists since 0001; only referenced here
        name = CharField(unique=True)

    class Prompt(Base):
        slug = CharField(unique=True)
        guide_page = CharField()
        position = IntegerField()
        created_at = DateTimeField()

    class PromptVersion(Base):
        prompt = ForeignKeyField(Prompt, on_delete="CASCADE")
        locale = CharField()
        title = CharField()
        intro = TextField()
        questions = TextField()
        case_text = TextField()
        author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        from_files = BooleanField(default=False)
        created_at = DateTimeField()

        class Meta:
            indexes = ((("prompt", "locale"), False),)

    class MonthPrompt(Base):
        month = DateField(unique=True)
        prompt = ForeignKeyField(Prompt, on_delete="CASCADE")
        set_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        set_at = DateTimeField()

    class TeamPrompt(Base):
        team = ForeignKeyField(Team, on_delete="CASCADE")
        month = DateField()
        prompt = ForeignKeyField(Prompt, on_delete="CASCADE")
        chosen_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        chosen_at = DateTimeField()

        class Meta:
            indexes = ((("team", "month"), True),)

    class TeamDiscussion(Base):
        team = ForeignKeyField(Team, on_delete="CASCADE")
        month = DateField()
        prompt = ForeignKeyField(Prompt, null=True, on_delete="SET NULL")
        held_on = DateField()
        present = IntegerField()
        action_points = TextField(default="")
        recorded_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        recorded_at = DateTimeField()

        class Meta:
            indexes = ((("team", "month"), True),)

    class LeadReminder(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        month = DateField()
        sent_at = DateTimeField()

        class Meta:
            indexes = ((("person", "month"), True),)

    class GuideEntry(Base):
        slug = CharField(unique=True)
        position = IntegerField()
        created_at = DateTimeField()

    class GuideVersion(Base):
        entry = ForeignKeyField(GuideEntry, on_delete="CASCADE")
        locale = CharField()
        title = CharField()
        body = TextField()
        author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        from_files = BooleanField(default=False)
        created_at = DateTimeField()

        class Meta:
            indexes = ((("entry", "locale"), False),)

    db.create_tables(
        [
            Prompt,
            PromptVersion,
            MonthPrompt,
            TeamPrompt,
            TeamDiscussion,
            LeadReminder,
            GuideEntry,
            GuideVersion,
        ]
    )

    now = _now()
    for position, source in enumerate(read_guide_files(), start=1):
        entry = GuideEntry.create(slug=source.slug, position=position, created_at=now)
        for locale, (title, body) in source.texts.items():
            GuideVersion.create(
                entry=entry, locale=locale, title=title, body=body, from_files=True, created_at=now
            )
    for position, source in enumerate(read_prompt_files(), start=1):
        prompt = Prompt.create(
            slug=source.slug, guide_page=source.guide_page, position=position, created_at=now
        )
        for locale, draft in source.drafts.items():
            PromptVersion.create(
                prompt=prompt,
                locale=locale,
                title=draft.title,
                intro=draft.intro,
                questions="\n".join(draft.questions),
                case_text=draft.case,
                from_files=True,
                created_at=now,
            )


def down(migrator, db):
    for table in (
        "guide_version",
        "guide_entry",
        "lead_reminder",
        "team_discussion",
        "team_prompt",
        "month_prompt",
        "prompt_version",
        "prompt",
    ):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")

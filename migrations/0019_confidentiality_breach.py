"""Issue 22: the crime exception as the law has it.

The report records which case the adviser found when a crime may be involved (a duty to report
under art. 160 Sv, a weighed decision after consulting a colleague, or no breach): a code, the
reason stays an encrypted message. December's team prompt and the guide page on the limits of
confidentiality get the corrected text from the files, where HR has not changed them since.
"""

import datetime

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, Model, TextField
from playhouse.migrate import migrate

PROMPT = "confidentiality-limits"
GUIDE_PAGE = "confidentiality-limits"


def up(migrator, db):
    migrate(migrator.add_column("report", "confidentiality_breach", CharField(null=True)))

    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Prompt(Base):
        slug = CharField(unique=True)

        class Meta:
            table_name = "prompt"

    class PromptVersion(Base):
        prompt = ForeignKeyField(Prompt, on_delete="CASCADE")
        locale = CharField()
        title = CharField()
        intro = TextField()
        questions = TextField()
        case_text = TextField()
        from_files = BooleanField(default=False)
        created_at = DateTimeField()

        class Meta:
            table_name = "prompt_version"

    class GuideEntry(Base):
        slug = CharField(unique=True)

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

    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    refresh_prompt(Prompt, PromptVersion, now)
    refresh_guide_page(GuideEntry, GuideVersion, now)


def newest(model, owner_field, owner, locale):
    return (
        model.select()
        .where((owner_field == owner) & (model.locale == locale))
        .order_by(model.id.desc())
        .first()
    )


def refresh_prompt(Prompt, PromptVersion, now) -> None:
    """Add the files' text as a new version where the newest one still came from the files."""
    from portal.prompts.library import read_files

    prompt = Prompt.get_or_none(Prompt.slug == PROMPT)
    source = next((s for s in read_files() if s.slug == PROMPT), None)
    if prompt is None or source is None:
        return
    for locale, draft in source.drafts.items():
        last = newest(PromptVersion, PromptVersion.prompt, prompt, locale)
        columns = {
            "title": draft.title,
            "intro": draft.intro,
            "questions": "\n".join(draft.questions),
            "case_text": draft.case,
        }
        if last is not None and not last.from_files:
            continue  # HR changed it: their text stands
        if last is not None and all(getattr(last, k) == v for k, v in columns.items()):
            continue
        PromptVersion.create(
            prompt=prompt, locale=locale, from_files=True, created_at=now, **columns
        )


def refresh_guide_page(GuideEntry, GuideVersion, now) -> None:
    from portal.guide.pages import LOCALES, PAGES_DIR, split_source

    entry = GuideEntry.get_or_none(GuideEntry.slug == GUIDE_PAGE)
    if entry is None:
        return
    for locale in LOCALES:
        path = PAGES_DIR / f"{GUIDE_PAGE}.{locale}.md"
        title, body = split_source(path.read_text(encoding="utf-8"))
        last = newest(GuideVersion, GuideVersion.entry, entry, locale)
        if last is None or (last.from_files and last.body != body):
            GuideVersion.create(
                entry=entry, locale=locale, title=title, body=body, from_files=True, created_at=now
            )

"""Issue 22: the crime exception as the law has it; aftercare dates that follow the work.

The report records which case the adviser found when a crime may be involved (a duty to report
under art. 160 Sv, a weighed decision after consulting a colleague, or no breach): a code, the
reason stays an encrypted message. December's team prompt and the guide page on the limits of
confidentiality get the corrected text from the files, where HR has not changed them since.

Aftercare: a platform notice already sent completes step 4 (its day is the day done), and the
complaint deadline of a complaint offence becomes step 6's due date where it has none.
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

    class CaseStep(Base):
        number = IntegerField()
        status = CharField()
        due_on = DateField(null=True)
        done_on = DateField(null=True)
        started_on = DateField(null=True)
        complaint_offence = BooleanField(default=False)

        class Meta:
            table_name = "aftercare_step"

    step_dates(CaseStep)


def step_dates(CaseStep) -> None:
    """Step 4 done when its notice was sent; step 6 due on the complaint's last day."""
    from portal.aftercare.protocol import PLATFORM, POLICE, police_complaint_until

    for row in CaseStep.select().where(
        (CaseStep.number == PLATFORM)
        & CaseStep.started_on.is_null(False)
        & (CaseStep.status != "done")
    ):
        row.status, row.done_on = "done", row.started_on
        row.save()
    for row in CaseStep.select().where(
        (CaseStep.number == POLICE)
        & (CaseStep.complaint_offence == True)  # noqa: E712 - a peewee expression
        & CaseStep.started_on.is_null(False)
        & CaseStep.due_on.is_null()
        & CaseStep.status.not_in(["done", "skipped"])
    ):
        row.due_on = police_complaint_until(row.started_on)
        row.save()


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

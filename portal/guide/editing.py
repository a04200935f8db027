"""HR edits guide pages: every save adds a version per changed language, with who and when."""

from peewee import JOIN, fn

from portal.core.accounts.models import Person
from portal.core.bilingual import PageDraft as Draft
from portal.core.bilingual import add_versions, languages_to_save
from portal.guide.models import GuideEntry, GuideVersion
from portal.guide.pages import find, latest_versions, make_slug
from portal.platform.database import db


def drafts_of(entry: GuideEntry) -> dict[str, Draft]:
    """Return the newest editable text per language that has one."""
    return {
        locale: Draft(version.title, version.body)
        for (_, locale), version in latest_versions([entry.id]).items()
    }


def save_page(
    entry: GuideEntry | None, drafts: dict[str, Draft | None], author: Person
) -> tuple[GuideEntry, list[str]]:
    """Create or change a page; add a version for every language whose text changed."""
    given, changed = languages_to_save(drafts, drafts_of(entry) if entry is not None else {})
    with db.atomic():
        if entry is None:
            first = given.get("en") or next(iter(given.values()))
            taken = {e.slug for e in GuideEntry.select(GuideEntry.slug)}
            position = (GuideEntry.select(fn.MAX(GuideEntry.position)).scalar() or 0) + 1
            entry = GuideEntry.create(slug=make_slug(first.title, taken), position=position)
        add_versions(GuideVersion, given, changed, author, entry=entry)
    return entry, changed


def history(slug: str) -> tuple[GuideEntry, list[GuideVersion]]:
    """Return a page and every version of it, newest first, with its author."""
    entry = find(slug)
    versions = (
        GuideVersion.select(GuideVersion, Person)
        .join(Person, JOIN.LEFT_OUTER, on=(GuideVersion.author == Person.id))
        .where(GuideVersion.entry == entry)
        .order_by(GuideVersion.id.desc())
    )
    return entry, list(versions)


def overview() -> list[tuple[GuideEntry, dict[str, GuideVersion]]]:
    """Return every page with its newest version per language, for HR's list."""
    versions = latest_versions()
    authors = {
        p.id: p
        for p in Person.select().where(
            Person.id.in_({v.author_id for v in versions.values() if v.author_id})
        )
    }
    for version in versions.values():
        version.author_person = authors.get(version.author_id)
    rows = GuideEntry.select().order_by(GuideEntry.position, GuideEntry.id)
    return [
        (entry, {locale: v for (entry_id, locale), v in versions.items() if entry_id == entry.id})
        for entry in rows
    ]

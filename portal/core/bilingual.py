"""Texts HR writes in Dutch and English (guide pages, prompts): the rules for saving them.

Every save adds a version for each language whose text changed; nothing is overwritten, and
a language that has a text cannot be emptied again.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import peewee as pw
from flask_babel import gettext as _
from peewee import Field, Model, fn

from portal.core.accounts.models import Person
from portal.platform.clock import utcnow

LOCALES = ("nl", "en")  # Dutch first: the portal's own language
Owner = TypeVar("Owner", bound=Model)
Shown = TypeVar("Shown")


class TextVersion(pw.Model):
    """The columns of one saved text in one language (a guide page, a prompt, an HR page).

    Not a table: it subclasses peewee's Model, not BaseModel, so it is bound to no database.
    Each version table inherits these columns next to BaseModel and adds what it is about.
    """

    locale = pw.CharField()
    title = pw.CharField()
    # "+": this set of columns adds no backref to Person (each table's copy adds its usual one).
    author = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="+")
    created_at = pw.DateTimeField(default=utcnow)


class BilingualTextError(Exception):
    """A change to a bilingual text that cannot be carried out."""


class NoText(BilingualTextError):
    """Neither language has any text."""


class IncompleteText(BilingualTextError):
    """A language has some of its parts filled in but not all (or some are wrong)."""

    def __init__(self, locale: str, fields: list[str]):
        super().__init__(locale, fields)
        self.locale = locale
        self.fields = fields  # the names of the parts that are missing or wrong


class TranslationRemoved(BilingualTextError):
    """The text of a language that exists would be emptied; versions are only ever added."""

    def __init__(self, locale: str):
        super().__init__(locale)
        self.locale = locale


@dataclass(frozen=True)
class PageDraft:
    """The editable text of a page (guide, HR page) in one language: a title and a body."""

    title: str
    body: str

    @classmethod
    def from_fields(cls, title: str | None, body: str | None) -> "PageDraft | None":
        """Return a draft from form fields, or None when both are empty."""
        draft = cls((title or "").strip(), (body or "").replace("\r\n", "\n").strip())
        return draft if draft.title or draft.body else None

    def problems(self) -> list[str]:
        """Return the names of the parts that are missing."""
        return [name for name in ("title", "body") if not getattr(self, name)]

    def columns(self) -> dict[str, str]:
        """Return the draft as the text columns of a version row."""
        return {"title": self.title, "body": self.body}


class Draft(Protocol):
    def problems(self) -> list[str]: ...

    def columns(self) -> dict[str, Any]: ...


def languages_to_save(
    drafts: dict[str, Draft | None], current: dict[str, Draft]
) -> tuple[dict[str, Draft], list[str]]:
    """Check the drafts against the current texts; return the given drafts and the changed
    languages. Raise NoText, IncompleteText or TranslationRemoved."""
    given = {locale: draft for locale, draft in drafts.items() if draft is not None}
    if not given:
        raise NoText()
    for locale, draft in given.items():
        if draft.problems():
            raise IncompleteText(locale, draft.problems())
    for locale in current:
        if locale not in given:
            raise TranslationRemoved(locale)
    return given, [locale for locale, draft in given.items() if current.get(locale) != draft]


def show_problem(
    form, problem: BilingualTextError, no_text: str, field_message: Callable[[str], str], first: str
) -> None:
    """Put a save problem on the editor's form, next to the fields it is about (`first` is
    the field a removed translation is reported on)."""
    if isinstance(problem, NoText):
        form.form_errors.append(no_text)
    elif isinstance(problem, IncompleteText):
        for field in problem.fields:
            form[f"{field}_{problem.locale}"].errors.append(field_message(field))
    elif isinstance(problem, TranslationRemoved):
        form[f"{first}_{problem.locale}"].errors.append(
            _("An existing translation cannot be emptied. Change the text instead.")
        )


def by_slug(owners: type[Owner], slug: str, missing: type[Exception]) -> Owner:
    """Return the owner (guide page, prompt) with this name; raise `missing` when none has it."""
    owner = owners.get_or_none(owners.slug == slug)
    if owner is None:
        raise missing(slug)
    return owner


def newest_versions(
    version: type[Model], owner: Field, owners: Iterable | None = None
) -> dict[tuple[Any, str], Model]:
    """Return the newest version per owner (page, prompt) and language, in one query."""
    newest = version.select(fn.MAX(version.id)).group_by(owner, version.locale)
    if owners is not None:
        newest = newest.where(owner.in_(list(owners)))
    rows = version.select().where(version.id.in_(newest))
    return {(getattr(row, owner.column_name), row.locale): row for row in rows}


def in_language(versions: dict[tuple[Any, str], Model], owner: Any, locale: str) -> Model | None:
    """Return the owner's version in this language, else in the other one; None when unwritten."""
    for candidate in (locale, *[other for other in LOCALES if other != locale]):
        version = versions.get((owner, candidate))
        if version is not None:
            return version
    return None


def shown_texts(
    owners: Iterable[Owner],
    versions: dict[tuple[Any, str], Model],
    locale: str,
    show: Callable[[Owner, Model], Shown],
) -> list[Shown]:
    """Return show(owner, version) for every owner with a text, in this language or the other."""
    picked = ((owner, in_language(versions, owner.id, locale)) for owner in owners)
    return [show(owner, version) for owner, version in picked if version is not None]


def add_versions(
    version: type[Model], given: dict[str, Draft], changed: list[str], author, **owner: Any
) -> None:
    """Add a version row for every changed language (call inside the save's transaction)."""
    for locale in changed:
        version.create(**owner, locale=locale, author=author, **given[locale].columns())

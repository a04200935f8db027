"""Texts HR writes in Dutch and English (guide pages, prompts): the rules for saving them.

Every save adds a version for each language whose text changed; nothing is overwritten, and
a language that has a text cannot be emptied again.
"""

from typing import Protocol


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


class Draft(Protocol):
    def problems(self) -> list[str]: ...


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

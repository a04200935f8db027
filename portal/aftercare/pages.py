"""HR's pages for everyone: the policy "who does what" and the conduct agreements with clients.

Both are kept in Dutch and English side by side with the guide's rules (portal/core/bilingual.py):
every save adds a version per changed language; nothing is overwritten.
"""

from portal.aftercare.models import PolicyVersion
from portal.core import bilingual
from portal.core.accounts.models import Person
from portal.core.bilingual import PageDraft as Draft
from portal.platform.database import db

LOCALES = bilingual.LOCALES  # the page views and the demo read pages.LOCALES
PAGES = ("policy", "conduct")


class PageUnknown(Exception):
    """No such HR page."""


def _check(page: str) -> None:
    if page not in PAGES:
        raise PageUnknown(page)


def latest(page: str) -> dict[str, PolicyVersion]:
    """Return the newest version of a page per language."""
    _check(page)
    versions = bilingual.newest_versions(PolicyVersion, PolicyVersion.page, [page])
    return {locale: version for (_, locale), version in versions.items()}


def drafts_of(page: str) -> dict[str, Draft]:
    """Return the newest editable text per language that has one."""
    return {loc: Draft(v.title, v.body) for loc, v in latest(page).items()}


def shown(page: str, locale: str) -> PolicyVersion | None:
    """Return the text to show in this language, else in the other one; None when unwritten."""
    _check(page)
    return bilingual.in_language(
        bilingual.newest_versions(PolicyVersion, PolicyVersion.page, [page]), page, locale
    )


def save(page: str, drafts: dict[str, Draft | None], author: Person | None) -> list[str]:
    """Add a version for every language whose text changed; return those languages.

    Raise bilingual.NoText, IncompleteText or TranslationRemoved.
    """
    given, changed = bilingual.languages_to_save(drafts, drafts_of(page))
    with db.atomic():
        bilingual.add_versions(PolicyVersion, given, changed, author, page=page)
    return changed


def history(page: str) -> list[PolicyVersion]:
    """Return every version of a page, newest first."""
    _check(page)
    return list(
        PolicyVersion.select().where(PolicyVersion.page == page).order_by(PolicyVersion.id.desc())
    )

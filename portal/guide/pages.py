"""Guide pages: first written as Markdown files, then kept as text versions in the database.

The newest version per language is shown; a missing translation falls back to the other
language, and the page says so.
"""

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nh3
from markupsafe import Markup

from portal.core.bilingual import LOCALES, by_slug, newest_versions, shown_texts
from portal.guide.models import GuideEntry, GuideVersion
from portal.platform.rich_text import render_markdown

PAGES_DIR = Path(__file__).parent / "pages"
# The reading order on the guide's index page, as the installation files bring them.
ORDER = [
    "unwanted-behaviour",
    "integrity-violations",
    "steps-unwanted-behaviour",
    "steps-integrity",
    "timeline",
    "first-conversation",
    "anonymous-or-confidential",
    "confidentiality-limits",
    "reporting-inside-outside",
    "online-harassment",
    "look-yourself-up",
    "bystanders",
    "report-together",
]
# Paths under /guide/ that are not pages: a new page never gets one of these names.
RESERVED_SLUGS = {"check", "manage"}


class PageNotFound(LookupError):
    """No guide page has this name."""


@dataclass(frozen=True)
class PageSource:
    """A guide page as written in its files: per language, the title and the Markdown body."""

    slug: str
    texts: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class GuidePage:
    slug: str
    locale: str  # the language the text is actually in
    title: str
    summary: str
    body: Markup

    def is_fallback_for(self, wanted: str) -> bool:
        return self.locale != wanted


def split_source(source: str) -> tuple[str, str]:
    """Return the title (a first '# ' line) and the rest of a Markdown file."""
    lines = source.strip().splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else ""
    body = "\n".join(lines[1:] if title else lines).strip()
    return title, body


def summary_of(body: str) -> str:
    """Return the first paragraph of a Markdown body as one line of plain text."""
    first = body.strip().split("\n\n", 1)[0]
    text = nh3.clean(str(render_markdown(first)), tags=set())
    return html.unescape(text).replace("\n", " ").strip()


def read_files(directory: Path = PAGES_DIR) -> list[PageSource]:
    """Read the page files in reading order."""
    sources = []
    for slug in ORDER:
        texts = {}
        for locale in LOCALES:
            path = directory / f"{slug}.{locale}.md"
            if path.exists():
                texts[locale] = split_source(path.read_text(encoding="utf-8"))
        sources.append(PageSource(slug, texts))
    return sources


def make_slug(title: str, taken: Iterable[str]) -> str:
    """Return a readable, unused web name for a title: lower case, digits and hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-") or "page"
    taken = set(taken) | RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def latest_versions(entry_ids: Iterable[int] | None = None) -> dict[tuple[int, str], GuideVersion]:
    """Return the newest version per page and language, in one query."""
    return newest_versions(GuideVersion, GuideVersion.entry, entry_ids)


def _page(entry: GuideEntry, version: GuideVersion) -> GuidePage:
    return GuidePage(
        entry.slug,
        version.locale,
        version.title,
        summary_of(version.body),
        render_markdown(version.body),
    )


def find(slug: str) -> GuideEntry:
    """Return the page entry with this name; raise PageNotFound."""
    return by_slug(GuideEntry, slug, PageNotFound)


def load(slug: str, locale: str) -> GuidePage:
    """Return a page in the wanted language, or in the other one when it is not translated."""
    entry = find(slug)
    shown = shown_texts([entry], latest_versions([entry.id]), locale, _page)
    if not shown:
        raise PageNotFound(slug)
    return shown[0]


def entries() -> list[GuideEntry]:
    """Return every page entry in reading order."""
    return list(GuideEntry.select().order_by(GuideEntry.position, GuideEntry.id))


def all_pages(locale: str) -> list[GuidePage]:
    """Return every guide page in reading order, in two queries."""
    return shown_texts(entries(), latest_versions(), locale, _page)


def titles(locale: str) -> dict[str, str]:
    """Return each page's title in this language (or the other one), by slug."""
    return dict(shown_texts(entries(), latest_versions(), locale, _slug_and_title))


def _slug_and_title(entry: GuideEntry, version: GuideVersion) -> tuple[str, str]:
    return entry.slug, version.title

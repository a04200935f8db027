"""Guide pages, written in Markdown per language; a missing translation falls back visibly."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from portal.rich_text import render_markdown

PAGES_DIR = Path(__file__).parent / "pages"
# The reading order on the guide's index page.
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
    "bystanders",
]
LOCALES = ("nl", "en")


class PageNotFound(LookupError):
    """No guide page has this name."""


@dataclass(frozen=True)
class GuidePage:
    slug: str
    locale: str  # the language the text is actually in
    title: str
    summary: str
    body: Markup

    def is_fallback_for(self, wanted: str) -> bool:
        return self.locale != wanted


def _split(source: str) -> tuple[str, str, str]:
    """Return the title (first '# ' line), the first paragraph and the rest of the Markdown."""
    lines = source.strip().splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else ""
    body = "\n".join(lines[1:] if title else lines).strip()
    summary = body.split("\n\n", 1)[0].replace("\n", " ")
    return title, summary, body


@lru_cache(maxsize=64)
def load(slug: str, locale: str) -> GuidePage:
    """Return a page in the wanted language, or in the other one when it is not translated."""
    if slug not in ORDER:
        raise PageNotFound(slug)
    for candidate in (locale, *[other for other in LOCALES if other != locale]):
        path = PAGES_DIR / f"{slug}.{candidate}.md"
        if path.exists():
            title, summary, body = _split(path.read_text(encoding="utf-8"))
            return GuidePage(slug, candidate, title, summary, render_markdown(body))
    raise PageNotFound(slug)


def all_pages(locale: str) -> list[GuidePage]:
    """Return every guide page in reading order."""
    return [load(slug, locale) for slug in ORDER]

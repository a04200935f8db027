"""Markdown to safe HTML: rendered without raw HTML, then sanitised with nh3 as a second wall."""

import functools
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Raw HTML in the source is escaped, not passed through; nh3 then keeps only these.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "br",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"https", "http", "mailto"}


# A link written as a bare name ("timeline"), not an address: relative to the page it is on.
_RELATIVE_HREF = re.compile(r'href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)')


def render_markdown(source: str, demote_headings: bool = True, links_under: str = "") -> Markup:
    """Return sanitised HTML for Markdown text; level-1 headings become level 2 (the page has h1).

    With `links_under` (a path ending in "/"), relative links point under it: a guide page's
    "[timeline](timeline)" still leads to the guide when shown on the editor's history page.
    """
    html = _render(source, demote_headings)
    if links_under:
        html = _RELATIVE_HREF.sub(f'href="{links_under}', html)
    return Markup(html)  # noqa: S704 - sanitised in _render; the prefix is our own path


# Only HR's published texts (guide pages, prompts) are Markdown, and a version never changes,
# so rendering each text once per worker is safe (pages show several summaries at once).
@functools.lru_cache(maxsize=1024)
def _render(source: str, demote_headings: bool) -> str:
    html = _markdown.render(source)
    if demote_headings:
        html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return str(sanitise(html))


def sanitise(html: str) -> Markup:
    """Keep only the allowed tags, attributes and link schemes; drop everything else."""
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above

"""What the portal publishes for everyone, built once per worker and kept until it changes.

The guide, the discussion prompts with the plan of the month and the adviser directory are the
same for every visitor who reads them in one language, yet each page view would read and build
them again. A worker keeps them instead:

- What may be kept: texts HR publishes (guide pages, prompts, which prompt a month has) and the
  advisers' public directory cards (name, introduction, languages, topics, away or not), which
  every visitor, signed in or not, is shown. Never anything about the visitor, a report, a
  record or a case: a key names a language, a page or a day, never a person.
- Freshness: database triggers (migration 0013) raise `published_generation.counter` on every
  write to the tables this content is built from, whatever code or process writes. A page that
  uses kept content reads the counter once per request (one small query) and anything kept
  under an older counter is built again. Read it before the content: what is built is then at
  least as new as the counter it is kept under.
- Use it on pages that read (GET): a request that changes published content and then shows it
  again would still see the counter it read first.
"""

from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app, g, has_request_context, render_template, request
from markupsafe import Markup
from peewee import SQL, IntegerField, ModelSelect

from portal.platform.database import BaseModel, db

T = TypeVar("T")

# Languages × pages × days × directory filters stay far below this; past it, start afresh.
KEPT_AT_MOST = 512


class PublishedGeneration(BaseModel):
    """One row: raised by triggers whenever published content changes."""

    counter = IntegerField(default=0)


# Written out: peewee would spend longer writing this SQL than the database answering.
COUNTER_SQL = "SELECT counter FROM published_generation WHERE id = 1"


def generation() -> int:
    """Return the published content's counter, read once per request."""
    if "published_generation" not in g:
        g.published_generation = db.execute_sql(COUNTER_SQL).fetchone()[0]
    return g.published_generation


def read_along(query: ModelSelect) -> ModelSelect:
    """Return the query reading the counter as well, for `noted` to take from its rows.

    The queries every page begins with (the session's, the draft's) read it this way, so that
    a page showing published content pays no round trip of its own for the counter.
    """
    return query.select_extend(SQL(f"({COUNTER_SQL})").alias("published_generation"))


def noted(row) -> None:
    """Take the counter from a row of a `read_along` query, on a request that only reads.

    A request that changes published content must read the counter after its change, when it
    shows kept content, so only GET and HEAD take it early; and the first reading stands.
    """
    reads_only = has_request_context() and request.method in ("GET", "HEAD")
    if reads_only and "published_generation" not in g:
        g.published_generation = row.published_generation


def kept(key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """Return what `build` makes for this key, built again only when published content changed.

    The key must name what the value depends on besides published content (a language, a page,
    a day); never put anything about the visitor in it or in the value.
    """
    store: dict = current_app.extensions.setdefault("published", {})
    now = generation()
    found = store.get(key)
    if found is not None and found[0] == now:
        return found[1]
    value = build()
    if len(store) >= KEPT_AT_MOST:
        store.clear()
    store[key] = (now, value)
    return value


def kept_html(key: tuple[Hashable, ...], template: str, **context) -> Markup:
    """Return a fragment's HTML, rendered again only when published content changed."""
    # Jinja escapes what it renders: its output is markup, not text to escape again.
    return kept(key, lambda: Markup(render_template(template, **context)))  # noqa: S704

"""The timeline: filtering entries by form and period, and counting incidents per month."""

from dataclasses import dataclass
from datetime import date

from portal.record import chain, entries
from portal.record.entries import EntryView

PAGE_SIZE = 100  # entries on one page of the timeline; the chart counts them all
CHART_HEIGHT = 120
BAR_WIDTH = 24
BAR_GAP = 8


@dataclass(frozen=True)
class Month:
    first_day: date
    count: int


@dataclass(frozen=True)
class Bar:
    month: Month
    x: int
    y: int
    height: int


def matches(view: EntryView, form: str | None, start: date | None, end: date | None) -> bool:
    """Tell whether an entry is of this form and overlaps the period."""
    if view.content is None:
        return not (form or start or end)  # an unreadable entry shows only unfiltered
    if form and view.content.get("form") != form:
        return False
    last = view.when.last
    if start and last < start:
        return False
    return not (end and view.happened_on > end)


def select(views: list[EntryView], form: str | None, start: date | None, end: date | None):
    """Return the entries that pass the filter, in the order they happened."""
    return [view for view in views if matches(view, form, start, end)]


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def per_month(views: list[EntryView]) -> list[Month]:
    """Count entries by the month they happened in, every month from first to last included."""
    days = [view.happened_on for view in views if view.content is not None]
    if not days:
        return []
    counts: dict[date, int] = {}
    for day in days:
        key = day.replace(day=1)
        counts[key] = counts.get(key, 0) + 1
    months, current, last = [], min(counts), max(counts)
    while current <= last:
        months.append(Month(current, counts.get(current, 0)))
        current = _next_month(current)
    return months


def bars(months: list[Month]) -> list[Bar]:
    """Place one bar per month in a chart CHART_HEIGHT high, scaled to the busiest month."""
    top = max((m.count for m in months), default=0) or 1
    placed = []
    for index, month in enumerate(months):
        height = round(month.count * (CHART_HEIGHT - 20) / top)
        x = index * (BAR_WIDTH + BAR_GAP) + BAR_GAP
        placed.append(Bar(month, x, CHART_HEIGHT - height, height))
    return placed


def chart_width(months: list[Month]) -> int:
    return max(1, len(months)) * (BAR_WIDTH + BAR_GAP) + BAR_GAP


@dataclass(frozen=True)
class Timeline:
    entries: list[EntryView]  # this page's entries
    matching: int  # entries that pass the filter
    total: int  # entries in the record
    page: int
    pages: int
    months: list[Month]
    verification: chain.Verification | None

    @property
    def first(self) -> int:
        """The position of this page's first entry among those matching, from 1."""
        return (self.page - 1) * PAGE_SIZE + 1


def build(
    opened: entries.OpenRecord | None,
    form: str | None,
    start: date | None,
    end: date | None,
    page: int = 1,
) -> Timeline:
    """Read the record once: the filtered entries, one page of them, the chart, the chain check."""
    if opened is None:
        return Timeline([], 0, 0, 1, 1, [], None)
    rows = entries.version_rows(opened)
    views = entries.read_entries(opened, rows)
    shown = select(views, form, start, end)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(1, page), pages)
    return Timeline(
        shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        len(shown),
        len(views),
        page,
        pages,
        per_month(shown),
        chain.verify(opened, rows),
    )

"""The adviser's inbox: the reports addressed to them, filtered, searched, sorted, paged."""

from collections import namedtuple
from dataclasses import dataclass
from datetime import date

from peewee import fn

from portal.core.accounts.models import Person
from portal.platform.database import Prepared
from portal.reports import kinds
from portal.reports.models import Report, ReportKey
from portal.reports.status import OPEN, Status

PAGE_SIZE = 50
# What the list shows: no encrypted blob columns are read for it.
LIST_COLUMNS = (
    Report.id,
    Report.reference,
    Report.track,
    Report.category,
    Report.mode,
    Report.status,
    Report.received_on,
    Report.acknowledged_on,
    Report.first_contact_on,
    Report.last_message_from,
    Report.ack_due_on,
    Report.feedback_due_on,
    Report.contact_due_on,
    Report.closed_on,
    Report.request,  # a conversation request, marked in the list (reports/conversation.py)
)
# A list row: read-only, built from a tuple (peewee's namedtuples() makes a new class per query).
InboxRow = namedtuple("InboxRow", [column.name for column in LIST_COLUMNS])
SORTS = {
    "newest": (Report.id.desc(),),  # filing order: ids grow as reports arrive
    "oldest": (Report.id.asc(),),
    "due": (
        fn.COALESCE(
            Report.ack_due_on, Report.contact_due_on, Report.feedback_due_on, date.max
        ).asc(),
        Report.id.asc(),
    ),
}
STATUS_FILTERS = ("open", "all", *kinds.STATUS_LABELS)


@dataclass(frozen=True)
class Filters:
    track: str = ""
    category: str = ""
    status: str = "open"
    overdue: bool = False
    waiting: bool = False
    q: str = ""
    sort: str = "newest"
    page: int = 1

    @classmethod
    def from_args(cls, args) -> "Filters":
        """Read filters from query arguments, ignoring anything unknown (never an error)."""

        def pick(name: str, allowed, default: str) -> str:
            value = args.get(name, default)
            return value if value in allowed else default

        try:
            page = max(1, min(int(args.get("page", 1)), 100_000))
        except (TypeError, ValueError):
            page = 1
        return cls(
            track=pick("track", kinds.TRACK_LABELS, ""),
            category=pick("category", kinds.CATEGORY_BY_CODE, ""),
            status=pick("status", STATUS_FILTERS, "open"),
            overdue=args.get("overdue") == "1",
            waiting=args.get("waiting") == "1",
            q=args.get("q", "").strip()[:40],
            sort=pick("sort", SORTS, "newest"),
            page=page,
        )

    def as_args(self, **changes) -> dict:
        values = {**self.__dict__, **changes}
        return {
            k: (("1" if v else None) if isinstance(v, bool) else v)
            for k, v in values.items()
            if v not in ("", None, False)
        }


def overdue_condition(today: date):
    return (
        ((Report.ack_due_on < today) & Report.acknowledged_on.is_null())
        | (Report.feedback_due_on < today)
        | ((Report.contact_due_on < today) & Report.first_contact_on.is_null())
    ) & Report.status.in_(OPEN)


def addressed_to(adviser: Person | int, *columns):
    """Reports sealed to this adviser.

    Written as EXISTS so the database can walk reports in date order (an index) and stop after
    one page, instead of collecting and sorting all of an adviser's reports: the cost of a
    page then hardly grows with the number of reports stored.
    """
    sealed = ReportKey.select(ReportKey.id).where(
        (ReportKey.report == Report.id)
        & (ReportKey.person == (adviser if isinstance(adviser, int) else adviser.id))
        & (ReportKey.role == "adviser")
    )
    return Report.select(*columns).where(fn.EXISTS(sealed))


@dataclass(frozen=True)
class Page:
    """One page of the inbox. No total is counted: counting would walk every matching report,
    and the cost of a page must not grow with the number stored."""

    rows: list[InboxRow]
    number: int
    has_next: bool

    @property
    def first(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1


def _matching(adviser_id: int, filters: Filters, today: date, offset: int):
    """The query of one page of the adviser's reports matching the filters."""
    query = addressed_to(adviser_id, *LIST_COLUMNS)
    if filters.track:
        query = query.where(Report.track == filters.track)
    if filters.category:
        query = query.where(Report.category == filters.category)
    if filters.status == "open":
        query = query.where(Report.status.in_(OPEN))
    elif filters.status != "all":
        query = query.where(Report.status == filters.status)
    if filters.overdue:
        query = query.where(overdue_condition(today))
    if filters.waiting:
        query = query.where(Report.last_message_from == "reporter")
    if filters.q:
        query = query.where(Report.reference.contains(filters.q.upper()))
    return query.order_by(*SORTS[filters.sort]).limit(PAGE_SIZE + 1).offset(offset).tuples()


# The inbox's query written once per filter combination and page (database.Prepared): the
# filters are choices from fixed lists, so the combinations are few, and with only the
# adviser left to bind PostgreSQL keeps one plan. Typed search text is not among them: such a
# query is written anew.
_WRITTEN: dict[tuple, Prepared] = {}
WRITTEN_AT_MOST = 64


def search(adviser: Person, filters: Filters, today: date) -> Page:
    """Return one page of the adviser's reports matching the filters."""
    offset = (filters.page - 1) * PAGE_SIZE
    if filters.q:
        rows = list(_matching(adviser.id, filters, today, offset))
    else:
        shape = (filters, today if filters.overdue else None)
        prepared = _WRITTEN.get(shape)
        if prepared is None:
            if len(_WRITTEN) >= WRITTEN_AT_MOST:
                _WRITTEN.clear()
            prepared = _WRITTEN[shape] = Prepared(
                lambda adviser_id: _matching(adviser_id, filters, today, offset)
            )
        rows = prepared.rows(adviser.id)
    rows = [InboxRow(*row) for row in rows]
    return Page(rows[:PAGE_SIZE], filters.page, len(rows) > PAGE_SIZE)


@dataclass(frozen=True)
class Counters:
    new: int
    to_acknowledge: int
    overdue: int
    unread: int


def counters(adviser: Person, today: date) -> Counters:
    """Count what needs the adviser: new, to acknowledge, overdue, waiting for a reply."""
    mine = addressed_to(adviser, Report.id)
    return Counters(
        new=mine.where(Report.status == Status.RECEIVED).count(),
        to_acknowledge=mine.where(
            (Report.status == Status.RECEIVED) & (Report.track == kinds.INTEGRITY)
        ).count(),
        overdue=mine.where(overdue_condition(today)).count(),
        unread=mine.where(
            (Report.last_message_from == "reporter") & Report.status.in_(OPEN)
        ).count(),
    )


def needing_attention(adviser: Person, today: date, until: date, limit: int) -> list[InboxRow]:
    """Return the adviser's open reports that need them by `until`, soonest deadline first: new
    ones, overdue ones, ones waiting for their reply, and ones with a deadline up to `until`.
    At most limit + 1 rows, so that the caller can tell there are more."""
    due_by = (
        ((Report.ack_due_on <= until) & Report.acknowledged_on.is_null())
        | ((Report.contact_due_on <= until) & Report.first_contact_on.is_null())
        | (Report.feedback_due_on <= until)
    )
    query = (
        addressed_to(adviser, *LIST_COLUMNS)
        .where(
            Report.status.in_(OPEN)
            & (
                (Report.status == Status.RECEIVED)
                | (Report.last_message_from == "reporter")
                | overdue_condition(today)
                | due_by
            )
        )
        .order_by(*SORTS["due"])
        .limit(limit + 1)
        .tuples()
    )
    return [InboxRow(*row) for row in query]

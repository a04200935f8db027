"""The yearly figures, counted from plain metadata columns only (never from content).

The counts come from a tally that database triggers keep as reports and consultations are
written (migrations/0010_insights.py): per quarter, dimension and code, so a year of a million
reports reads a few thousand rows. The integrity clock is tallied too (migrations/0035), by
the day each report was handled in time or was due, so that it can be read as on any day.

Each figure is a table of independent columns (a series for one year); every column is a
small hierarchy of counts whose parts add up to their totals. disclosure.py hides what is
too small before anyone outside the advisers sees it.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from peewee import JOIN, fn

from portal.aftercare.models import Case as AftercareCase
from portal.aftercare.models import CaseStep
from portal.aftercare.protocol import STEPS
from portal.core.accounts.models import Team
from portal.insights.consultations import CHANNELS, OUTCOMES, REFERRALS, SOURCES, VISITORS
from portal.insights.models import InsightTally
from portal.prompts.models import TeamDiscussion
from portal.reports import deadlines, kinds

CONSULTATIONS = "consultations"
REPORTS = "reports"
AFTERCARE = "aftercare"
NO_STEP = "0"  # an aftercare case with no step of the protocol done yet
TRACKS = [kinds.UNWANTED, kinds.INTEGRITY, kinds.ONLINE, kinds.UNSURE]
UNKNOWN = "unknown"
OPEN = "open"
CLOSED = "closed"
# Case duration, days from receipt to closing: the quartiles of the year's closed reports.
DURATIONS = (("duration_q1", 1), ("duration_median", 2), ("duration_q3", 3))
MET, MISSED, RUNNING = "met", "missed", "running"
DEADLINE_TABLES = ("integrity_acknowledged", "integrity_feedback")
# Tables whose total is not their column's grand total but a row of another table: each
# deadline table counts the year's integrity reports, as by_form's integrity row does. They are
# suppressed together with that table (publication.py), so the sums across both hold.
PART_OF = {key: ("by_form", f"track:{kinds.INTEGRITY}") for key in DEADLINE_TABLES}


@dataclass
class Row:
    code: str
    dimension: str  # which label list names it: track, category, quarter, ...
    level: int = 0  # 0: a top-level part; 1: a part of the row above; -1: the total
    parent: str | None = None  # the key of the row this one is a part of
    also: tuple[str, ...] = ()  # other codes counted in this row (a track's only category)

    @property
    def key(self) -> str:
        """Unique within a table (a track and a category may share a code, such as 'unsure')."""
        return "total" if self.dimension == "total" else f"{self.dimension}:{self.code}"


@dataclass
class Table:
    key: str
    rows: list[Row]
    # (series, year) -> row key -> count
    columns: dict[tuple[str, int], dict[str, int]] = field(default_factory=dict)

    def row(self, code: str | None) -> Row | None:
        """Return the most detailed row a counted code belongs to (never a subtotal)."""
        if not hasattr(self, "_by_code"):
            parents = {r.parent for r in self.rows}
            leaves = [r for r in self.rows if r.level >= 0 and r.key not in parents]
            self._by_code = {code: r for r in leaves for code in (r.code, *r.also)}
        return self._by_code.get(code)

    def constraints(self) -> list[tuple[str, list[str]]]:
        """Return (total, parts) pairs: the sums a reader could use to work out a hidden cell."""
        top = [r.key for r in self.rows if r.level == 0]
        sums = [("total", top)]
        for row in self.rows:
            children = [r.key for r in self.rows if r.parent == row.key]
            if children:
                sums.append((row.key, children))
        return sums


def _flat(key: str, dimension: str, codes: list[str]) -> Table:
    return Table(key, [Row(c, dimension) for c in codes] + [Row("total", "total", -1)])


def table_shapes() -> dict[str, Table]:
    """Return every table of the report, empty, in the order shown."""
    form_rows: list[Row] = []
    for track in TRACKS:
        codes = [k.code for k in kinds.CATEGORIES if k.track == track]
        if len(codes) == 1:  # a track with one form is one row, not the same figures twice
            form_rows.append(Row(track, "track", also=tuple(codes)))
            continue
        form_rows.append(Row(track, "track"))
        form_rows += [Row(code, "category", 1, f"track:{track}") for code in codes]
    outcome_rows: list[Row] = []
    for code, _label in OUTCOMES:
        outcome_rows.append(Row(code, "outcome"))
        if code == "referral":
            outcome_rows += [Row(r, "referral", 1, "outcome:referral") for r, _ in REFERRALS]
    tables = [
        Table("by_form", form_rows + [Row("total", "total", -1)]),
        _flat("by_quarter", "quarter", ["q1", "q2", "q3", "q4"]),
        _flat("by_channel", "channel", [c for c, _ in CHANNELS]),
        _flat("by_mode", "mode", [m.code for m in kinds.MODES]),
        _flat("by_visitor", "visitor", [c for c, _ in VISITORS]),
        _flat("by_source", "source", [c for c, _ in SOURCES] + [UNKNOWN]),
        Table("consultation_outcomes", outcome_rows + [Row("total", "total", -1)]),
        _flat("report_outcomes", "report_outcome", [c for c, _ in kinds.OUTCOMES] + [OPEN]),
        _flat("several_forms", "several", ["several", "one"]),
        *[_flat(key, "deadline", [MET, MISSED, RUNNING]) for key in DEADLINE_TABLES],
        _flat("year_end", "year_end", [CLOSED, OPEN]),
        _flat("aftercare_steps", "aftercare_step", [NO_STEP] + [str(s.number) for s in STEPS]),
    ]
    return {t.key: t for t in tables}


SERIES_OF = {
    "by_form": (CONSULTATIONS, REPORTS),
    "by_quarter": (CONSULTATIONS, REPORTS),
    "by_channel": (CONSULTATIONS,),
    "by_mode": (REPORTS,),
    "by_visitor": (CONSULTATIONS,),
    "by_source": (CONSULTATIONS, REPORTS),
    "consultation_outcomes": (CONSULTATIONS,),
    "report_outcomes": (REPORTS,),
    "several_forms": (REPORTS,),
    "integrity_acknowledged": (REPORTS,),
    "integrity_feedback": (REPORTS,),
    "year_end": (REPORTS,),
    "aftercare_steps": (AFTERCARE,),
}


@dataclass
class Rate:
    """A share or a median over a group; shown only over large enough groups."""

    key: str
    year: int
    numerator: int | None
    denominator: int
    value: float | None = None  # a median, for rates that are not shares


@dataclass
class Figures:
    year: int
    tables: dict[str, Table]
    rates: list[Rate]
    # (table, column, row) a reader knows to be zero whatever the data (disclosure: shown)
    known_zero: set[tuple[str, tuple[str, int], str]] = field(default_factory=set)


def _periods(year: int):
    return (year * 10 + 1, year * 10 + 4)


def _year(year: int):
    return date(year, 1, 1), date(year, 12, 31)


def _add(table: Table, column: tuple[str, int], code: str | None, count: int) -> None:
    counts = table.columns[column]
    row = table.row(code)
    if row is None:
        return
    counts[row.key] += count
    if row.parent:
        counts[row.parent] += count
    counts["total"] += count


# Which table each tallied dimension fills, per series.
TABLE_OF = {
    (CONSULTATIONS, "category"): "by_form",
    (CONSULTATIONS, "channel"): "by_channel",
    (CONSULTATIONS, "visitor"): "by_visitor",
    (CONSULTATIONS, "source"): "by_source",
    (CONSULTATIONS, "outcome"): "consultation_outcomes",  # a referral counts by destination
    (REPORTS, "category"): "by_form",
    (REPORTS, "mode"): "by_mode",
    (REPORTS, "source"): "by_source",
    (REPORTS, "outcome"): "report_outcomes",
    (REPORTS, "several"): "several_forms",
}


# The integrity clock's tally (migrations/0035): dimension -> the table it fills.
CLOCK_TABLES = {"ack_clock": "integrity_acknowledged", "feedback_clock": "integrity_feedback"}


def _count(tables: dict[str, Table], year: int) -> tuple[Counter, Counter, dict[str, Counter]]:
    """Fill the tables from the year's tally (a few thousand rows).

    Return the days to a first reply, and the days from receipt to closing of the reports
    closed by the year's end (both as a count per number of days), and the clock's counts per
    code ("met:<day>" or "due:<day>") for each table of the integrity clock.
    """
    t = InsightTally
    rows = (
        t.select(t.series, t.period, t.dimension, t.code, fn.SUM(t.n))
        .where(t.period.between(*_periods(year)))
        .group_by(t.series, t.period, t.dimension, t.code)
        .tuples()
    )
    reply_days: Counter = Counter()
    closing_days: Counter = Counter()
    clocks: dict[str, Counter] = {key: Counter() for key in CLOCK_TABLES.values()}
    for series, period, dimension, code, n in rows:
        n = int(n or 0)
        if not n:
            continue
        if series == REPORTS and dimension in CLOCK_TABLES:
            clocks[CLOCK_TABLES[dimension]][code] += n
            continue
        if series == REPORTS and dimension == "reply_days":
            reply_days[int(code)] += n
            continue
        if series == REPORTS and dimension == "closing":
            closed_in, days = (int(part) for part in code.split(":"))
            if closed_in <= year:  # closed by 31 December: what the year's end shows
                closing_days[days] += n
            continue
        key = TABLE_OF.get((series, dimension))
        if key is None:
            continue
        _add(tables[key], (series, year), code, n)
        if dimension == "category":  # every row has one: the quarters add up to the total
            _add(tables["by_quarter"], (series, year), f"q{period % 10}", n)
    return reply_days, closing_days, clocks


def _year_end(table: Table, year: int, reports: int, closing_days: Counter) -> None:
    """Split the year's reports into closed by 31 December and still open then.

    Read from the tally of closings (migrations/0026), so the same total as every table of
    the reports column: "open" is the rest. A closing after 31 December counts as open.
    """
    closed = min(sum(closing_days.values()), reports)
    _add(table, (REPORTS, year), CLOSED, closed)
    _add(table, (REPORTS, year), OPEN, reports - closed)


def _quantile(histogram: Counter, quarter: int) -> float | None:
    """Return the lower quartile (1), median (2) or upper quartile (3) of counts per day."""
    total, seen = sum(histogram.values()), 0
    for days in sorted(histogram):
        seen += histogram[days]
        if 4 * seen >= quarter * total:
            return float(days)
    return None


def _durations(year: int, closing_days: Counter) -> list[Rate]:
    """The case duration as quartiles: shown only over a large enough group (publication.py)."""
    total = sum(closing_days.values())
    return [
        Rate(key, year, None, total, _quantile(closing_days, quarter)) for key, quarter in DURATIONS
    ]


def _integrity_clock(
    tables: dict[str, Table], year: int, day: date, clocks: dict[str, Counter], known: set
) -> None:
    """Count the year's integrity reports by whether each legal deadline was met on day.

    Acknowledged within 7 days: met when acknowledged on or before the due day (the day itself
    counts), missed when acknowledged later or not at all once the due day has passed, running
    otherwise. Feedback within 3 months of the acknowledgement (the due day moves with the
    acknowledgement, reports.deadlines): met when the report was concluded on or before the due
    day, missed when concluded later or still open after it. What happened after day does not
    count yet (day is the year's first publication once there is one: yearly.prepare), so a
    new version moves these counts only by the records a correction adds. Every integrity
    report is in one row of each table: each adds up to the year's integrity reports.

    Read from the tally (migrations/0035): a report handled in time on a day ("met:<day>") is
    met once that day is reached and runs before it (its due day is later still); any other
    ("due:<day>") is missed once its due day has passed and runs until then; one without a due
    day ("due:") cannot show it was met. Running is the rest.
    """
    on = day.isoformat()  # the tally's days are ISO text: they compare as the dates do
    for key, counts in clocks.items():
        met = missed = 0
        for code, n in counts.items():
            kind, _, handled_or_due = code.partition(":")
            if kind == "met" and handled_or_due <= on:
                met += n
            elif kind == "due" and handled_or_due < on:  # "" (no due day) is before any day
                missed += n
        running = sum(counts.values()) - met - missed
        for code, n in ((MET, met), (MISSED, missed), (RUNNING, running)):
            _add(tables[key], (REPORTS, year), code, n)
        all_due = day > _year(year)[1] + deadlines.ACKNOWLEDGE_WITHIN
        if key == "integrity_acknowledged" and all_due and not running:
            # Every acknowledgement of the year was due by now: a reader knows none is
            # running, so that zero is shown, not hidden as a small count (a structural zero).
            known.add((key, (REPORTS, year), f"deadline:{RUNNING}"))


def _first_reply(year: int, histogram: Counter) -> Rate:
    total = sum(histogram.values())
    value, seen = None, 0
    for days_taken in sorted(histogram):  # the lower median, from the counts per day
        seen += histogram[days_taken]
        if 2 * seen >= total:
            value = float(days_taken)
            break
    return Rate("median_days_to_first_reply", year, None, total, value)


def _coverage(year: int, today: date) -> Rate:
    months = [date(year, m, 1) for m in range(1, 13) if date(year, m, 1) <= today]
    teams = Team.select().count()
    discussed = 0
    if months:
        discussed = (
            TeamDiscussion.select()
            .where(TeamDiscussion.month.between(months[0], months[-1]))
            .count()
        )
    return Rate("prompt_coverage", year, discussed, teams * len(months))


def _aftercare_steps(table: Table, year: int) -> None:
    """Count the aftercare cases opened in the year by the furthest protocol step done.

    Read from plain columns (the case's opening day, each step's number and status), never from
    a case's content. Cases deleted by retention no longer count.
    """
    furthest = (
        CaseStep.select(CaseStep.case, fn.MAX(CaseStep.number).alias("reached"))
        .where(CaseStep.status == "done")
        .group_by(CaseStep.case)
        .alias("furthest")
    )
    rows = (
        AftercareCase.select(furthest.c.reached, fn.COUNT(AftercareCase.id))
        .join(furthest, JOIN.LEFT_OUTER, on=(furthest.c.case_id == AftercareCase.id))
        .where(AftercareCase.opened_on.between(*_year(year)))
        .group_by(furthest.c.reached)
        .tuples()
    )
    for reached, n in rows:
        _add(table, (AFTERCARE, year), str(reached) if reached else NO_STEP, int(n))


def build(year: int, today: date, clock_day: date | None = None) -> Figures:
    """Count the year and the year before, from metadata columns only.

    clock_day: the day the year's legal deadlines are read on (today when not given).
    """
    tables = table_shapes()
    for key, table in tables.items():
        for series in SERIES_OF[key]:
            for y in (year, year - 1):
                table.columns[(series, y)] = defaultdict(int)
    rates: list[Rate] = []
    known_zero: set = set()
    for y in (year, year - 1):
        reply_days, closing_days, clocks = _count(tables, y)
        _year_end(
            tables["year_end"], y, tables["by_form"].columns[(REPORTS, y)]["total"], closing_days
        )
        day = (clock_day or today) if y == year else today
        _integrity_clock(tables, y, day, clocks, known_zero)
        rates += [_first_reply(y, reply_days), _coverage(y, today), *_durations(y, closing_days)]
        _aftercare_steps(tables["aftercare_steps"], y)
    for table in tables.values():
        for column in table.columns.values():
            for row in table.rows:
                column.setdefault(row.key, 0)
    return Figures(year, tables, rates, known_zero)

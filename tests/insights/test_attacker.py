"""An attacker who lays every published version and year side by side (issue 23).

Management publishes a year, one consultation is dated back into it and the advisers try to
publish a second version, the next year is published, and then the reader downloads every CSV.
The reader knows what a careful reader knows: how the tables add up (every part under its total,
every table of a column with the same grand total), that "< 5" means 0 to 4 and any other hidden
count is at least 5, and that a correction only added records (so no count went down between two
publications of the same year). A linear program bounds every hidden count over all of that at
once. The test fails when a hidden count is narrowed to fewer than 5 possible values, or when a
count changed between two publications by fewer than 5 (or is known to have changed by 1 to 4).
"""

import csv
import io
import math
import random
from collections import defaultdict
from datetime import date, timedelta

import pytest
from flask_babel import force_locale

from portal.insights import figures, presentation, yearly
from portal.insights.consultations import CHANNELS, OUTCOMES, REFERRALS, SOURCES, VISITORS
from portal.insights.models import YearlyReport
from portal.reports import deadlines, kinds
from tests.conftest import make_adviser
from tests.insights.helpers import consultation_row, report_row, sign_all

linprog = pytest.importorskip("scipy.optimize").linprog

LIMIT = 5
FIRST, NEXT = 2025, 2026
CATEGORIES = [k.code for k in kinds.CATEGORIES]


def fill(year: int, rng: random.Random, consultations: int, reports: int) -> None:
    """A year of metadata rows, skewed so that some cells are small and most are not."""
    for _n in range(consultations):
        outcome = rng.choices([c for c, _ in OUTCOMES], weights=[5, 8, 3, 1, 1, 3])[0]
        consultation_row(
            date(year, rng.randint(1, 12), rng.randint(1, 28)),
            rng.choices(CATEGORIES, weights=[6, 8, 3, 2, 2, 1, 1, 2, 1, 2, 3])[0],
            channel=rng.choices([c for c, _ in CHANNELS], weights=[8, 5, 2, 1])[0],
            visitor=rng.choices([c for c, _ in VISITORS], weights=[10, 3, 2, 1, 1])[0],
            source=rng.choices([c for c, _ in SOURCES], weights=[8, 5, 2, 1])[0],
            outcome=outcome,
            referral=rng.choice([r for r, _ in REFERRALS[:5]]) if outcome == "referral" else None,
        )
    clock = random.Random(year)  # the legal clock of integrity reports, apart from the rest
    for _n in range(reports):
        received = date(year, rng.randint(1, 12), rng.randint(1, 28))
        category = rng.choices(CATEGORIES, weights=[6, 8, 3, 2, 2, 1, 1, 2, 1, 2, 3])[0]
        dates = {}
        if kinds.CATEGORY_BY_CODE[category].track == kinds.INTEGRITY:
            acknowledged = received + timedelta(days=clock.randint(1, 10))
            dates = dict(
                acknowledged_on=acknowledged,
                ack_due_on=received + deadlines.ACKNOWLEDGE_WITHIN,
                feedback_due_on=deadlines.add_months(acknowledged, deadlines.FEEDBACK_MONTHS),
                closed_on=acknowledged + timedelta(days=clock.randint(20, 130)),
            )
        report_row(
            received,
            category,
            mode=rng.choice(["anonymous", "confidential", "named", "named"]),
            source=rng.choice([None, "colleague", "manager", "manager"]),
            **dates,
        )


def publish_everything(app, dated_back: int) -> list[dict]:
    """Run the story of issue 23 through the portal's own functions; read back every CSV."""
    refused = getattr(yearly, "VersionRefused", None)
    with app.test_request_context():
        rng = random.Random(23)
        adviser = make_adviser()
        fill(FIRST, rng, consultations=70, reports=45)
        sign_all(FIRST)
        yearly.publish(FIRST, adviser, {}, "", date(FIRST + 1, 1, 20), LIMIT, notify=False)
        # The correction: consultations held in the published year, registered late, and as
        # many reports of that year found in a drawer (received and closed in the year).
        for _n in range(dated_back):
            report_row(
                date(FIRST, 11, 20),
                "discrimination",
                mode="named",
                source="outsider",
                closed_on=date(FIRST, 12, 10),
            )
            consultation_row(
                date(FIRST, 11, 20),
                "discrimination",
                channel="video",
                visitor="former",
                source="outsider",
                outcome="referral",
                referral="police",
            )
        try:
            yearly.publish(
                FIRST, adviser, {}, "One consultation added", date(FIRST + 1, 2, 10), LIMIT, False
            )
        except Exception as exc:
            if refused is None or not isinstance(exc, refused):
                raise
        fill(NEXT, rng, consultations=80, reports=50)
        sign_all(NEXT)
        yearly.publish(NEXT, adviser, {}, "", date(NEXT + 1, 1, 20), LIMIT, notify=False)
        reports = YearlyReport.select().order_by(YearlyReport.id)
        with force_locale("en"):
            return [
                read_csv(presentation.csv_text(yearly.published(r.year, r.version)[1]))
                for r in reports
            ]


# --- reading the CSV as the reader would --------------------------------------------

VISIBLE, SMALL, PROTECTED, WITHHELD = "visible", "small", "protected", "withheld"


def read_csv(text: str) -> dict:
    """Return {(series, year): {(table, row): (kind, n)}} from one published CSV."""
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=csv_dialect(text)))
    header, lines = lines[0], lines[1:]
    count_at = next(i for i, h in enumerate(header) if h in ("Count", "Number"))
    hidden_at = next((i for i, h in enumerate(header) if h == "Hidden"), None)
    titles = {str(presentation.TABLE_TITLES[k]): k for k in presentation.TABLE_TITLES}
    withheld = presentation.reason_text("withheld", LIMIT)  # a whole column: no bound known
    series_of = {str(label): code for code, label in presentation.SERIES.items()}
    shapes = figures.table_shapes()
    seen: dict = defaultdict(list)  # (table, series, year) -> cells in row order
    for line in lines:
        if line[0] not in titles:
            continue  # a share or a median, not a count
        count = line[count_at]
        marker = line[hidden_at] if hidden_at is not None and line[hidden_at] else count
        if count.isdigit():
            cell = (VISIBLE, int(count))
        elif marker == withheld:
            cell = (WITHHELD, None)
        elif "<" in marker or "fewer" in marker.lower():
            cell = (SMALL, None)
        else:
            cell = (PROTECTED, None)
        seen[(titles[line[0]], series_of[line[2]], int(line[3]))].append(cell)
    columns: dict = defaultdict(dict)
    for (table, series, year), cells in seen.items():
        rows = shapes[table].rows
        assert len(cells) == len(rows), (table, "the CSV has one line per row and column")
        for row, cell in zip(rows, cells, strict=True):
            columns[(series, year)][(table, row.key)] = cell
    return columns


def csv_dialect(text: str) -> str:
    return ";" if text.lstrip("\ufeff").split("\n", 1)[0].count(";") else ","


# --- the linear program ----------------------------------------------------------------


def bound_column(publications: list[dict]) -> tuple[dict, list]:
    """Bound every hidden count of one column over every publication of it.

    Return the hidden cells' ranges {(publication, table, row): (low, high)} and the problems
    found in the differences between publications.
    """
    shapes = figures.table_shapes()
    index: dict = {}
    bounds = []
    for p, cells in enumerate(publications):
        for (table, row), (kind, _n) in cells.items():
            if kind != VISIBLE:
                index[(p, table, row)] = len(index)
                bounds.append(
                    {SMALL: (0, LIMIT - 1), PROTECTED: (LIMIT, None)}.get(kind, (0, None))
                )

    def term(p, table, row):
        """A cell as (coefficients, constant)."""
        kind, n = publications[p][(table, row)]
        return ({index[(p, table, row)]: 1}, 0) if kind != VISIBLE else ({}, n)

    def linear(*signed):
        coefficients, constant = defaultdict(float), 0
        for sign, (coeffs, const) in signed:
            for i, a in coeffs.items():
                coefficients[i] += sign * a
            constant += sign * const
        return coefficients, constant

    eq, ub = [], []
    for p, cells in enumerate(publications):
        tables = sorted({table for table, _row in cells})
        for table in tables:
            for total, parts in shapes[table].constraints():
                eq.append(
                    linear((1, term(p, table, total)), *[(-1, term(p, table, x)) for x in parts])
                )
        whole = [t for t in tables if t not in figures.PART_OF]
        for other in whole[1:]:  # every table of a column counts the same people
            eq.append(linear((1, term(p, whole[0], "total")), (-1, term(p, other, "total"))))
        for part in tables:  # a deadline table counts the integrity reports of by_form
            if part in figures.PART_OF and figures.PART_OF[part][0] in tables:
                host, row = figures.PART_OF[part]
                eq.append(linear((1, term(p, part, "total")), (-1, term(p, host, row))))
    pairs = [(p, q) for q in range(len(publications)) for p in range(q)]
    for p, q in pairs:  # a correction only adds: no count goes down
        for key in publications[q]:
            if key in publications[p]:
                ub.append(linear((1, term(p, *key)), (-1, term(q, *key))))

    def matrix(rows):
        a = [[0.0] * len(index) for _ in rows]
        b = []
        for i, (coefficients, constant) in enumerate(rows):
            for j, value in coefficients.items():
                a[i][j] = value
            b.append(-constant)
        return (a, b) if rows else (None, None)

    a_eq, b_eq = matrix([r for r in eq if r[0]])
    a_ub, b_ub = matrix([r for r in ub if r[0]])

    def extreme(objective: dict, sign: int) -> float:
        c = [0.0] * len(index)
        for j, value in objective.items():
            c[j] = sign * value
        result = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds)
        if result.status == 3:
            return sign * math.inf
        assert result.status == 0, result.message  # the true tables are always feasible
        return sign * result.fun

    ranges = {}
    for key, j in index.items():
        low, high = extreme({j: 1}, 1), extreme({j: 1}, -1)
        ranges[key] = (math.ceil(low - 1e-6), math.floor(high + 1e-6) if high < math.inf else high)
    problems = []
    for p, q in pairs:
        for key in publications[q]:
            if key not in publications[p]:
                continue
            coefficients, constant = linear((1, term(q, *key)), (-1, term(p, *key)))
            if not coefficients:
                if 0 < abs(constant) < LIMIT:
                    problems.append((p, q, key, f"changed by {constant}"))
                continue
            low = extreme(coefficients, 1) + constant
            high = extreme(coefficients, -1) + constant
            if low - 1e-6 > 0 and high + 1e-6 < LIMIT:
                problems.append((p, q, key, f"changed by {low:g} to {high:g}"))
    return ranges, problems


@pytest.mark.parametrize(
    ("dated_back", "versions"),
    [
        (1, 1),  # one consultation: a difference of one, so no second version
        (5, 2),  # five alike: every cell moves by nothing or five, so a second version
    ],
)
def test_no_version_or_year_side_by_side_narrows_a_hidden_count(app, dated_back, versions):
    published = publish_everything(app, dated_back)
    by_column: dict = defaultdict(list)
    for columns in published:
        for column, cells in columns.items():
            by_column[column].append(cells)
    assert (("consultations", FIRST)) in by_column
    # The reports open and closed at the year's end are read and bounded like every table.
    assert any(table == "year_end" for table, _row in by_column[("reports", FIRST)][0])
    narrowed, changed = [], []
    for column, publications in by_column.items():
        ranges, problems = bound_column(publications)
        narrowed += [
            (column, key, low, high)
            for key, (low, high) in ranges.items()
            if high - low + 1 < LIMIT
        ]
        changed += [(column, *problem) for problem in problems]
    assert not changed and not narrowed, (
        f"differences between publications that give people away: {changed[:6]}; "
        f"hidden counts narrowed to fewer than {LIMIT} values: {narrowed[:6]}"
    )
    with app.app_context():  # one consultation waits for next year's report; five alike do not
        assert YearlyReport.select().where(YearlyReport.year == FIRST).count() == versions

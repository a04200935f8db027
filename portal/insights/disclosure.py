"""Disclosure control: hide small counts, and what would let a reader work them out.

Pure functions. A column of counts comes with its sums (a total and the parts that add up to
it). Counts under the threshold are hidden ("primary"); then more cells are hidden
("complementary") until no hidden count can be worked out from the published ones: neither
from a single sum with one unknown, nor by solving the sums together, nor by narrowing the
bounds a reader knows (a primary cell lies under the threshold, a complementary one does not),
nor, for tables with few hidden cells, by any combination of sums and bounds (an exact search;
see "the audit" below for what it guarantees). A hidden cell must also keep at least as many
possible values as the threshold: "< 5" must still mean any of 0 to 4, and a complementary
cell must not be narrowed to fewer than 5 values either.

Across versions and years (issue 23). The yearly report (jaarverslag) tells management the
trends among consultations and reports without anything that points to a person; the reader
keeps every version of every year. So every published column (one series, one year) is read
together with every earlier publication of that column, and a difference is a table too:

1. A published year is frozen. "The year before" in a report is copied from the latest
   publication of that year (cells, what was hidden and why, the shares), never counted again
   from the live tallies: a consultation dated back into a published year changes nothing that
   next year's report shows.
2. A new version of a year (a correction) compares each count with each earlier publication
   of it, by the true counts kept with every publication. Every cell must have moved by nothing
   or by at least the threshold. One consultation dated back moves a dozen cells by one (its
   quarter, channel, form, who came, whose behaviour, outcome, referral, and every total): the
   difference is a count of one, and hiding cells cannot help, because the grand total moves
   with it and the reader knows from the correction note how many consultations it concerned.
   So the size of a difference is judged on the true counts, hidden or not.
3. Once hidden, always hidden: a cell hidden in an earlier publication is hidden in the new
   version too (then protected by complementary cells like any other), so that a visible new
   count minus a known difference cannot reveal the old hidden one.
4. A share or a median of a published year keeps its published value unless its group and the
   count above it moved by nothing or by at least the threshold.
5. The legal clock of integrity reports (acknowledged within 7 days, feedback within 3 months)
   is published as counts, met, missed and still running, suppressed together with the
   integrity row they add up to. A new version reads the clock as on the year's first
   publication, not today: otherwise a deadline passing in between would move a cell by one
   and say what became of one report. When every deadline of the year has passed (none can
   still run, which any reader knows), the "running" zero is shown; and when the year has
   fewer integrity reports than twice the threshold, the deadline columns are withheld, since
   "met < 5" and "missed < 5" would bound the integrity row to fewer than the threshold of
   values.
When 2 fails, the portal refuses the version and says which cells moved too little; the change
waits for the next year's report (in words: the figures of a published year stay as they were).
With 1 to 3, everything a reader learns from two publications side by side is the earlier one,
the new one (each safe on its own) and differences that are zero or count at least the
threshold of people, which is what the same threshold allows in any published table.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

PRIMARY = "small"
COMPLEMENTARY = "complementary"
SMALL_GROUP = "small_group"
WITHHELD = "withheld"  # a whole column not shown: no bound on its cells (publication.py)
FLOOR = 3  # the threshold is never set lower than this
PERCENT_MIN = 20  # percentages and medians only over groups at least this large


@dataclass(frozen=True)
class Sum:
    total: str
    parts: tuple[str, ...]

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.total, *self.parts)


def threshold(configured: int) -> int:
    """Return the threshold in force: the configured one, never below FLOOR."""
    return max(FLOOR, int(configured))


def suppress(
    values: Mapping[str, int],
    sums: Sequence[Sum],
    min_cell: int,
    also_hide: Sequence[str] = (),
) -> dict[str, str]:
    """Return the cells to hide, each with its reason (PRIMARY or COMPLEMENTARY).

    also_hide names cells hidden elsewhere (a total shared with another table), so that they
    are hidden here too and protected like the rest.
    """
    limit = threshold(min_cell)
    hidden = {cell: PRIMARY for cell, value in values.items() if value < limit}
    for cell in also_hide:
        hidden.setdefault(cell, COMPLEMENTARY)
    for _round in range(len(values) + 1):
        _protect_single_unknowns(values, sums, hidden)
        pinned = exposed(values, sums, hidden, limit)
        if not pinned or not _hide_next_to(min(pinned), values, sums, hidden):
            break
    return hidden


def _smallest_visible(cells: Sequence[str], values: Mapping[str, int], hidden) -> str | None:
    # Totals come last among equal counts: they are the more useful figures to keep.
    visible = [c for c in cells if c not in hidden]
    return min(visible, key=lambda c: (values[c], c.startswith("total"), c), default=None)


def _protect_single_unknowns(values, sums: Sequence[Sum], hidden: dict[str, str]) -> None:
    changed = True
    while changed:
        changed = False
        for line in sums:
            if sum(1 for c in line.cells if c in hidden) == 1:
                # Prefer hiding a part over the total: the total is the more useful figure.
                pick = _smallest_visible(line.parts, values, hidden) or _smallest_visible(
                    line.cells, values, hidden
                )
                if pick is not None:
                    hidden[pick] = COMPLEMENTARY
                    changed = True


def _hide_next_to(cell: str, values, sums: Sequence[Sum], hidden: dict[str, str]) -> bool:
    candidates = [c for line in sums if cell in line.cells for c in line.cells]
    pick = _smallest_visible(candidates, values, hidden) or _smallest_visible(
        list(values), values, hidden
    )
    if pick is None:
        return False
    hidden[pick] = COMPLEMENTARY
    return True


def _equations(values, sums: Sequence[Sum], hidden) -> list[tuple[dict[str, int], int]]:
    """Each sum as coefficients on hidden cells and the constant the visible cells give."""
    equations = []
    for line in sums:
        coefficients: dict[str, int] = {}
        constant = 0
        for cell, sign in [(line.total, 1)] + [(p, -1) for p in line.parts]:
            if cell in hidden:
                coefficients[cell] = coefficients.get(cell, 0) + sign
            else:
                constant -= sign * values[cell]
        coefficients = {c: a for c, a in coefficients.items() if a}
        if coefficients:
            equations.append((coefficients, constant))
    return equations


def _solved_exactly(equations, unknowns: list[str]) -> set[str]:
    """Cells the sums determine on their own: e_i lies in the row space (reduced row echelon)."""
    index = {c: i for i, c in enumerate(unknowns)}
    rows = []
    for coefficients, _constant in equations:
        row = [Fraction(0)] * len(unknowns)
        for cell, a in coefficients.items():
            row[index[cell]] = Fraction(a)
        rows.append(row)
    pivots: list[tuple[int, int]] = []
    r = 0
    for col in range(len(unknowns)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][col]
        rows[r] = [x / lead for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                factor = rows[i][col]
                rows[i] = [x - factor * y for x, y in zip(rows[i], rows[r], strict=True)]
        pivots.append((r, col))
        r += 1
    return {
        unknowns[col] for row_index, col in pivots if sum(1 for x in rows[row_index] if x != 0) == 1
    }


# --- the audit ---------------------------------------------------------------------
#
# The reader knows every published count, every sum, that a PRIMARY cell lies in 0..limit-1 and
# that any other hidden cell is at least the limit. A hidden cell is "derivable" when every table
# consistent with that knowledge gives it the same value. The audit finds such cells in three
# ways:
#
# 1. linear algebra: a cell the sums alone determine (exact for any table size);
# 2. bounds propagation: each sum narrows each of its hidden cells to whole numbers between the
#    least and most the other cells allow, repeated to a fixed point (cheap, any table size);
# 3. for tables with at most EXACT_MAX hidden cells, an exact search: for each hidden cell it
#    looks for a whole-number table that meets every sum and bound with that cell at another
#    value (branch and bound over the cells' intervals, pruned by 2.). A cell with no such table,
#    or whose search runs out of its budget, counts as derivable and gets a partner hidden.
#
# Guarantee: with at most EXACT_MAX hidden cells, no hidden cell of the result can be worked out
# by the reader above, whatever the sums (any mix of totals and parts, nested or crossed).
# The search caps a non-primary cell at the sum of all counts (no count can exceed it); that
# only gives the reader more knowledge, so the audit errs towards hiding more.
# Not guaranteed: with more hidden cells only 1. and 2. run, and they miss derivations that need
# several sums combined with the bounds (a sum of two rows bounded through a column, as in
# [[0, 0, 0], [0, 1, 0], [0, 4, 1]]). Nor does the audit narrow a cell to a small range without
# pinning it (exposed() adds that from the bounds of 2.), or model knowledge from outside the
# published table (another year, another version: see the module's docstring for those, and
# tests/insights/test_attacker.py for the reader who lays them side by side).

EXACT_MAX = 16  # hidden cells up to which the exact search runs
SEARCH_BUDGET = 4000  # boxes one cell's search may open before it gives up (counts as derivable)
PROPAGATION_ROUNDS = 50


def _initial_box(values, hidden: Mapping[str, str], limit: int) -> dict[str, list[int]]:
    cap = max(limit, sum(values.values()))
    return {c: [0, limit - 1] if why == PRIMARY else [limit, cap] for c, why in hidden.items()}


def _propagate(equations, box: dict[str, list[int]]) -> bool:
    """Narrow box in place over the sums; False when no whole-number table fits it."""
    for _round in range(PROPAGATION_ROUNDS):
        changed = False
        for coefficients, constant in equations:
            low = high = 0
            for other, b in coefficients.items():
                lo, hi = box[other]
                low += b * lo if b > 0 else b * hi
                high += b * hi if b > 0 else b * lo
            for cell, a in coefficients.items():
                lo, hi = box[cell]
                rest_low = low - (a * lo if a > 0 else a * hi)
                rest_high = high - (a * hi if a > 0 else a * lo)
                # a * x = constant - rest, with rest in [rest_low, rest_high]
                ends = (constant - rest_high, constant - rest_low)
                if a > 0:
                    new_lo, new_hi = -(-ends[0] // a), ends[1] // a
                else:
                    new_lo, new_hi = -(-ends[1] // a), ends[0] // a
                new_lo, new_hi = max(lo, new_lo), min(hi, new_hi)
                if new_lo > new_hi:
                    return False
                if (new_lo, new_hi) != (lo, hi):
                    box[cell] = [new_lo, new_hi]
                    changed = True
                    low += a * new_lo - a * lo if a > 0 else a * new_hi - a * hi
                    high += a * new_hi - a * hi if a > 0 else a * new_lo - a * lo
        if not changed:
            break
    return True


def _fits(equations, point: Mapping[str, int]) -> bool:
    return all(
        sum(a * point[c] for c, a in coefficients.items()) == constant
        for coefficients, constant in equations
    )


def _find_table(equations, box: dict[str, list[int]], budget: int) -> dict | None | bool:
    """Return a whole-number table in box meeting every sum, False if none, None if unsure."""
    stack = [box]
    while stack:
        if budget <= 0:
            return None
        budget -= 1
        box = stack.pop()
        if not _propagate(equations, box):
            continue
        open_cells = [c for c, (lo, hi) in box.items() if lo < hi]
        if not open_cells:
            point = {c: lo for c, (lo, _hi) in box.items()}
            if _fits(equations, point):
                return point
            continue
        cell = min(open_cells, key=lambda c: (box[c][1] - box[c][0], c))
        lo, hi = box[cell]
        middle = (lo + hi) // 2
        stack.append({**box, cell: [middle + 1, hi]})
        stack.append({**box, cell: [lo, middle]})
    return False


def bounds(values, sums: Sequence[Sum], hidden: Mapping[str, str], limit: int) -> dict:
    """Narrow each hidden cell to the interval a reader can prove from the sums one at a time."""
    box = _initial_box(values, hidden, limit)
    _propagate(_equations(values, sums, hidden), box)
    return box


def derivable(values, sums: Sequence[Sum], hidden: Mapping[str, str], limit: int) -> set[str]:
    """Return the hidden cells a reader could work out exactly from what is published."""
    if not hidden:
        return set()
    unknowns = sorted(hidden)
    equations = _equations(values, sums, hidden)
    pinned = _solved_exactly(equations, unknowns)
    box = _initial_box(values, hidden, limit)
    _propagate(equations, box)  # the true table always fits, so this never empties the box
    pinned |= {c for c, (lo, hi) in box.items() if lo == hi}
    if len(hidden) > EXACT_MAX:
        return pinned
    free: set[str] = set()
    for cell in unknowns:
        if cell in pinned or cell in free:
            continue
        truth = values[cell]
        lo, hi = box[cell]
        other = None
        for part in ([lo, truth - 1], [truth + 1, hi]):
            if part[0] <= part[1]:
                other = _find_table(equations, {**box, cell: part}, SEARCH_BUDGET)
                if other:
                    break
        if other:
            free |= {c for c, v in other.items() if v != values[c]}
        else:
            pinned.add(cell)  # no other table, or the search gave up: treat as derivable
    return pinned


def exposed(values, sums: Sequence[Sum], hidden: Mapping[str, str], limit: int) -> set[str]:
    """Return the hidden cells a reader could work out, or narrow to fewer than limit values."""
    found = derivable(values, sums, hidden, limit)
    box = bounds(values, sums, hidden, limit)
    return found | {cell for cell, (lo, hi) in box.items() if hi - lo + 1 < limit}


def moved_too_little(new: Mapping[str, int], earlier: Mapping[str, int], min_cell: int) -> list:
    """Return the cells whose count moved since an earlier publication, but by under the limit."""
    limit = threshold(min_cell)
    return [c for c in new if c in earlier and 0 < abs(new[c] - earlier[c]) < limit]


def share(numerator: int | None, denominator: int) -> tuple[int | None, str | None]:
    """Return a whole percentage, or None with the reason when the group is too small."""
    if denominator < PERCENT_MIN or numerator is None:
        return None, SMALL_GROUP
    return round(100 * numerator / denominator), None


def median(value: float | None, group: int) -> tuple[float | None, str | None]:
    """Return a median over a large enough group, or None with the reason."""
    if group < PERCENT_MIN or value is None:
        return None, SMALL_GROUP
    return value, None

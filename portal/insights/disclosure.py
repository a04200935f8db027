"""Disclosure control: hide small counts, and what would let a reader work them out.

Pure functions. A column of counts comes with its sums (a total and the parts that add up to
it). Counts under the threshold are hidden ("primary"); then more cells are hidden
("complementary") until no hidden count can be worked out from the published ones: neither
from a single sum with one unknown, nor by solving the sums together, nor by narrowing the
bounds a reader knows (a primary cell lies under the threshold, a complementary one does not).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import inf

PRIMARY = "small"
COMPLEMENTARY = "complementary"
SMALL_GROUP = "small_group"
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
        pinned = derivable(values, sums, hidden, limit)
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


def bounds(values, sums: Sequence[Sum], hidden: Mapping[str, str], limit: int) -> dict:
    """Narrow each hidden cell to the interval a reader can prove from the published figures."""
    box = {c: [0, limit - 1] if reason == PRIMARY else [limit, inf] for c, reason in hidden.items()}
    equations = _equations(values, sums, hidden)
    for _round in range(50):
        changed = False
        for coefficients, constant in equations:
            for cell, a in coefficients.items():
                low = high = 0
                for other, b in coefficients.items():
                    if other != cell:
                        lo, hi = box[other]
                        low += b * lo if b > 0 else b * hi
                        high += b * hi if b > 0 else b * lo
                # a * x = constant - rest, with rest in [low, high]
                new = sorted([(constant - low) / a, (constant - high) / a])
                lo, hi = max(box[cell][0], new[0]), min(box[cell][1], new[1])
                if [lo, hi] != box[cell]:
                    box[cell] = [lo, hi]
                    changed = True
        if not changed:
            break
    return box


def derivable(values, sums: Sequence[Sum], hidden: Mapping[str, str], limit: int) -> set[str]:
    """Return the hidden cells a reader could work out exactly from what is published."""
    if not hidden:
        return set()
    unknowns = sorted(hidden)
    exact = _solved_exactly(_equations(values, sums, hidden), unknowns)
    box = bounds(values, sums, hidden, limit)
    return exact | {c for c, (lo, hi) in box.items() if lo == hi}


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

"""The figures as published, read together with every earlier publication of the same year.

The rule is in disclosure.py's docstring (across versions and years). Here it meets the
portal's tables: every earlier publication of a column (one series, one year) is read from the
published reports, "the year before" is copied from the latest one, what was hidden stays hidden,
and the cells whose true count moved by less than the threshold are listed; a version with such
a cell is not published (yearly.publish refuses it).
"""

import json
from collections import defaultdict
from dataclasses import dataclass

from portal.insights import disclosure, figures
from portal.insights.disclosure import COMPLEMENTARY, Sum
from portal.insights.models import YearlyReport

Column = tuple[str, int]  # (series, year)


def row_key(row: dict) -> str:
    """The key of a published row, as figures.Row.key names it."""
    return "total" if row["dimension"] == "total" else f"{row['dimension']}:{row['code']}"


@dataclass
class Earlier:
    """One earlier publication of one column: what it showed, and the counts behind it."""

    report_year: int
    version: int
    cells: dict[str, dict[str, dict]]  # table -> row key -> the published cell
    counts: dict[str, dict[str, int]] | None  # table -> row key -> true count; None: not kept
    rates: list[dict]  # the published shares and medians of the column's year
    rate_counts: list[dict] | None  # their true numerators and groups


@dataclass(frozen=True)
class Moved:
    """A cell whose count moved since an earlier version by more than nothing, less than the limit."""

    table: str
    series: str
    year: int
    dimension: str
    code: str
    version: int  # of the report of report_year it moved since
    report_year: int


@dataclass
class Prepared:
    snap: dict  # as it would be published
    counts: dict  # the true counts behind it, kept with the publication
    moved: list[Moved]
    uncompared: list[tuple[int, int]]  # (year, version) published without kept counts


def first_published_on(year: int):
    """Return the day the year was first published, or None."""
    first = (
        YearlyReport.select(YearlyReport.published_on)
        .where(YearlyReport.year == year)
        .order_by(YearlyReport.published_on, YearlyReport.id)
        .first()
    )
    return first.published_on if first else None


def earlier_publications(year: int) -> dict[Column, list[Earlier]]:
    """Return every publication of the year's columns and the year before's, oldest first."""
    found: dict[Column, list[Earlier]] = defaultdict(list)
    reports = (
        YearlyReport.select()
        .where(YearlyReport.year.between(year - 1, year + 1))
        .order_by(YearlyReport.published_on, YearlyReport.id)
    )
    for report in reports:
        snap = json.loads(report.figures)
        kept = json.loads(report.counts) if report.counts else None
        cells: dict[Column, dict] = defaultdict(dict)
        for table in snap["tables"]:
            keys = [row_key(r) for r in table["rows"]]
            for j, column in enumerate(table["columns"]):
                cells[(column["series"], column["year"])][table["key"]] = {
                    key: row_cells[j] for key, row_cells in zip(keys, table["cells"], strict=True)
                }
        for column, tables in cells.items():
            if column[1] not in (year - 1, year):
                continue
            name = f"{column[0]}:{column[1]}"
            found[column].append(
                Earlier(
                    report.year,
                    report.version,
                    tables,
                    None
                    if kept is None
                    else {t: c[name] for t, c in kept["tables"].items() if name in c},
                    [r for r in snap["rates"] if r["year"] == column[1]],
                    None if kept is None else [r for r in kept["rates"] if r["year"] == column[1]],
                )
            )
    return found


def _rate_shown(rate: figures.Rate) -> dict:
    if rate.numerator is None:
        value, reason = disclosure.median(rate.value, rate.denominator)
        return {"key": rate.key, "year": rate.year, "value": value, "hidden": reason}
    percent, reason = disclosure.share(rate.numerator, rate.denominator)
    return {"key": rate.key, "year": rate.year, "percent": percent, "hidden": reason}


def _rate_kept(rate: figures.Rate) -> dict:
    return {
        "key": rate.key,
        "year": rate.year,
        "numerator": rate.numerator,
        "denominator": rate.denominator,
        "value": rate.value,
    }


def _rate(rate: figures.Rate, earlier: list[Earlier], limit: int) -> dict:
    """Show a share or median, or keep the one published before when it moved too little."""
    for pub in reversed(earlier):
        shown = next((r for r in pub.rates if r["key"] == rate.key), None)
        if shown is None:
            continue
        if pub.rate_counts is None:
            return shown
        kept = next((r for r in pub.rate_counts if r["key"] == rate.key), None)
        if kept is None:
            return shown
        moves = [
            abs((new or 0) - (old or 0))
            for new, old in (
                (rate.numerator, kept["numerator"]),
                (rate.denominator, kept["denominator"]),
            )
        ]
        if any(0 < move < limit for move in moves) or (
            not any(moves) and rate.value != kept["value"]
        ):
            return shown
    return _rate_shown(rate)


def snapshot(
    built: figures.Figures,
    min_cell: int,
    earlier: dict[Column, list[Earlier]] | None = None,
) -> dict:
    """Return the figures as published: small counts and their partners hidden, shares guarded.

    With earlier publications, the year before is copied from the latest one and every cell
    hidden in any earlier publication of a column stays hidden in it.
    """
    limit = disclosure.threshold(min_cell)
    earlier = earlier or {}
    frozen = {c: pubs[-1] for c, pubs in earlier.items() if c[1] == built.year - 1 and pubs}
    sums = {
        key: [Sum(total, tuple(parts)) for total, parts in table.constraints()]
        for key, table in built.tables.items()
    }
    keep_hidden: dict[tuple[str, Column], set[str]] = defaultdict(set)
    for column, pubs in earlier.items():
        for pub in pubs:
            for key, cells in pub.cells.items():
                keep_hidden[(key, column)].update(k for k, cell in cells.items() if cell["hidden"])

    def hide(shared_hidden: dict) -> dict:
        found = {}
        for key, table in built.tables.items():
            if key in figures.PART_OF:
                continue  # suppressed together with the table it is part of
            for col in table.columns:
                if col in frozen:
                    continue
                also = keep_hidden[(key, col)] | ({"total"} & shared_hidden.get(col, set()))
                found.update(_suppress_joined(built, key, col, sums, limit, also, keep_hidden))
        return found

    # Every table of a column shares its grand total: hidden in one, it is hidden in all.
    hidden = hide({})
    shared = {
        col: {"total"}
        for (key, col), cells in hidden.items()
        if "total" in cells and key not in figures.PART_OF
    }
    if shared:
        hidden = hide(shared)
    tables = []
    for key, table in built.tables.items():
        columns = list(table.columns)

        def cell(row: figures.Row, col: Column, key=key, table=table) -> dict:
            if col in frozen:
                copied = frozen[col].cells.get(key, {}).get(row.key)
                return copied or {"n": None, "hidden": COMPLEMENTARY}
            reason = hidden[(key, col)].get(row.key)
            return {"n": None if reason else table.columns[col][row.key], "hidden": reason}

        tables.append(
            {
                "key": table.key,
                "rows": [
                    {"code": r.code, "dimension": r.dimension, "level": r.level} for r in table.rows
                ],
                "columns": [{"series": s, "year": y} for s, y in columns],
                "cells": [[cell(row, col) for col in columns] for row in table.rows],
            }
        )
    frozen_rates = next(iter(frozen.values())).rates if frozen else None
    rates = []
    for rate in built.rates:
        if frozen_rates is not None and rate.year == built.year - 1:
            rates += [r for r in frozen_rates if r["key"] == rate.key]
        else:
            rates.append(_rate(rate, earlier.get(_any_column(earlier, rate.year), []), limit))
    return {"year": built.year, "min_cell": limit, "tables": tables, "rates": rates}


def _suppress_joined(built, key: str, col: Column, sums, limit: int, also: set, keep_hidden):
    """Suppress one column of a table together with the tables that are part of it.

    A part's cells are named "row@table"; its total equals the host's row (a sum with one part),
    so what is hidden in one is protected in the other and the audit sees both at once.
    """
    parts = [
        k
        for k, (host, _row) in figures.PART_OF.items()
        if host == key and col in built.tables[k].columns
    ]
    values = dict(built.tables[key].columns[col])
    withheld = [p for p in parts if values[figures.PART_OF[p][1]] < 2 * limit]
    parts = [p for p in parts if p not in withheld]
    joined = list(sums[key])
    hide_too = set(also)
    for part in parts:
        name = {cell: f"{cell}@{part}" for cell in built.tables[part].columns[col]}
        # A structural zero is shown: it leaves the sums (adding nothing) and the cells to hide.
        zero = {c for t, column, c in built.known_zero if (t, column) == (part, col)}
        values.update({name[c]: n for c, n in built.tables[part].columns[col].items()})
        for cell in zero:
            values.pop(name[cell])
        joined += [
            Sum(name[s.total], tuple(name[c] for c in s.parts if c not in zero)) for s in sums[part]
        ]
        joined.append(Sum(name["total"], (figures.PART_OF[part][1],)))
        hide_too |= {name[c] for c in keep_hidden[(part, col)] - zero}
    found = disclosure.suppress(values, joined, limit, also_hide=sorted(hide_too))
    result = {(key, col): {c: why for c, why in found.items() if "@" not in c}}
    for part in parts:
        result[(part, col)] = {
            c.split("@")[0]: why for c, why in found.items() if c.endswith(f"@{part}")
        }
    for part in withheld:
        # Under twice the threshold, two rows "< 5" would bound the total to fewer than the
        # threshold of values, and hiding more cannot widen it: the column is not shown at all.
        # A reader learns only that the row it is part of is under twice the threshold, which
        # leaves a hidden row at least the threshold of values (5 to 9).
        result[(part, col)] = dict.fromkeys(built.tables[part].columns[col], disclosure.WITHHELD)
    return result


def _any_column(earlier: dict[Column, list[Earlier]], year: int) -> Column | None:
    """Earlier publications of a year's shares sit with any of the year's columns."""
    return next((c for c in sorted(earlier) if c[1] == year), None)


def prepare(built: figures.Figures, min_cell: int) -> Prepared:
    """Return the figures as they would be published now, and what stops a new version."""
    limit = disclosure.threshold(min_cell)
    earlier = earlier_publications(built.year)
    snap = snapshot(built, limit, earlier)
    frozen = {c for c, pubs in earlier.items() if c[1] == built.year - 1 and pubs}
    moved: dict[tuple, Moved] = {}
    uncompared: set[tuple[int, int]] = set()
    kept_tables: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    rows = {key: {r.key: r for r in table.rows} for key, table in built.tables.items()}
    for key, table in built.tables.items():
        for col, counts in table.columns.items():
            name = f"{col[0]}:{col[1]}"
            if col in frozen:
                old = earlier[col][-1].counts
                if old is not None and key in old:
                    kept_tables[key][name] = old[key]
                continue
            kept_tables[key][name] = dict(counts)
            for pub in earlier.get(col, []):
                if pub.counts is None:
                    uncompared.add((pub.report_year, pub.version))
                    continue
                for cell in disclosure.moved_too_little(counts, pub.counts.get(key, {}), limit):
                    row = rows[key][cell]
                    moved.setdefault(
                        (key, col, cell),
                        Moved(key, *col, row.dimension, row.code, pub.version, pub.report_year),
                    )
    frozen_pub = next((earlier[c][-1] for c in sorted(frozen)), None)
    kept_rates = (
        [r for r in (frozen_pub.rate_counts or []) if r["year"] == built.year - 1]
        if frozen_pub
        else []
    )
    kept_rates += [
        _rate_kept(r) for r in built.rates if not (frozen_pub and r.year == built.year - 1)
    ]
    return Prepared(
        snap,
        {"tables": kept_tables, "rates": kept_rates},
        list(moved.values()),
        sorted(uncompared),
    )


@dataclass(frozen=True)
class HiddenCell:
    table: str
    series: str
    year: int
    dimension: str
    code: str
    reason: str


def hidden_cells(snap: dict) -> list[HiddenCell]:
    """List every hidden count with the reason, for the advisers to check before publishing."""
    found = []
    for table in snap["tables"]:
        for row, cells in zip(table["rows"], table["cells"], strict=True):
            for column, cell in zip(table["columns"], cells, strict=True):
                if cell["hidden"]:
                    found.append(
                        HiddenCell(
                            table["key"],
                            column["series"],
                            column["year"],
                            row["dimension"],
                            row["code"],
                            cell["hidden"],
                        )
                    )
    return found

"""How the published figures read: labels, charts (SVG drawn on the server) and exports."""

import csv
import functools
import io
import json
from datetime import date
from html import escape

from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup
from PIL import ImageFont

from portal.aftercare.protocol import STEPS
from portal.insights.consultations import LABELS
from portal.platform.i18n import current_locale
from portal.platform.i18n import lazy_gettext as _l
from portal.platform.printing import FONT_STACK
from portal.reports import kinds

TABLE_TITLES = {
    "by_form": _l("By track and form of behaviour"),
    "by_quarter": _l("By quarter"),
    "by_channel": _l("Consultations by channel"),
    "by_mode": _l("Reports by way of reporting"),
    "by_visitor": _l("Consultations by who came"),
    "by_source": _l("By who the behaviour came from"),
    "consultation_outcomes": _l("What came of the consultations, and referrals"),
    "report_outcomes": _l("Outcome of the reports"),
    "several_forms": _l("Reports touching several forms of behaviour"),
    "integrity_acknowledged": _l("Integrity reports: receipt acknowledged within 7 days"),
    "integrity_feedback": _l("Integrity reports: feedback within 3 months of the acknowledgement"),
    "aftercare_steps": _l("Aftercare cases after online harassment, by the furthest step done"),
    "year_end": _l("Reports closed and still open at the year's end"),
}
SERIES = {
    "consultations": _l("Consultations"),
    "reports": _l("Reports"),
    "aftercare": _l("Aftercare cases"),
}
RATES = {
    # The first two were shares until issue 23; published versions of before keep them.
    "acknowledged_in_7_days": _l("Integrity reports acknowledged within 7 days"),
    "feedback_in_3_months": _l("Integrity reports given feedback within 3 months"),
    "median_days_to_first_reply": _l("Median days to an adviser's first reply"),
    "prompt_coverage": _l("Team meetings that discussed the month's prompt"),
    "duration_q1": _l("Case duration, receipt to closing: a quarter of the cases took at most"),
    "duration_median": _l("Case duration, receipt to closing: median"),
    "duration_q3": _l("Case duration, receipt to closing: three quarters took at most"),
}
OTHER_LABELS = {
    "quarter": {f"q{n}": _l("Quarter %(n)s", n=n) for n in range(1, 5)},
    "report_outcome": {**kinds.OUTCOME_LABELS, "open": _l("Still open")},
    "several": {"several": _l("Several forms"), "one": _l("One form")},
    "year_end": {"closed": _l("Closed by 31 December"), "open": _l("Still open on 31 December")},
    "deadline": {
        "met": _l("Deadline met"),
        "missed": _l("Deadline missed"),
        "running": _l("Deadline not reached yet"),
    },
    "total": {"total": _l("Total")},
    "aftercare_step": {
        "0": _l("No step done yet"),
        **{str(step.number): step.title for step in STEPS},
    },
}


NARRATIVE = {
    "observations": _l("What we saw this year"),
    "recommendations": _l("Recommendations to management"),
    "prevention": _l("Prevention"),
}


def narrative(report) -> list[dict]:
    """The report's own texts in the reader's language: an English reader gets the English
    version where the advisers wrote one, else the Dutch, marked in_dutch."""
    english = json.loads(report.english) if report.english else {}
    in_english = current_locale() == "en"
    parts = []
    for key, heading in NARRATIVE.items():
        dutch = getattr(report, key) or ""
        text = english.get(key, "") if in_english else ""
        if text or dutch:
            parts.append(
                {
                    "key": key,
                    "heading": heading,
                    "text": text or dutch,
                    "in_dutch": not text and in_english,
                }
            )
    return parts


def row_label(dimension: str, code: str) -> str:
    """Name a row of a table in the reader's language."""
    if code == "unknown":
        return _("Not recorded")
    names = LABELS.get(dimension) or OTHER_LABELS.get(dimension, {})
    return str(names.get(code, code))


def column_label(column: dict) -> str:
    return f"{SERIES[column['series']]} {column['year']}"


def cell_text(cell: dict, min_cell: int) -> str:
    """Show a count, or why it is hidden: '< 5' when small, a dash when hidden to protect it."""
    if cell["hidden"] == "small":
        return f"< {min_cell}"
    if cell["hidden"] == "withheld":
        return "×"
    if cell["hidden"]:
        return "–"
    return str(cell["n"])


def has_withheld(snap: dict) -> bool:
    """Tell whether a table of the report is not shown at all (too few integrity reports)."""
    return any(c["hidden"] == "withheld" for t in snap["tables"] for row in t["cells"] for c in row)


def reason_text(reason: str, min_cell: int) -> str:
    if reason == "small":
        return _("fewer than %(n)s", n=min_cell)
    if reason == "complementary":
        return _("hidden so that a small count cannot be worked out from the totals")
    if reason == "withheld":
        return _("not shown: the year has too few integrity reports for this table")
    return _("the group is smaller than 20, so no percentage is shown")


def rate_text(rate: dict) -> str:
    if rate["hidden"]:
        return _("not shown (fewer than 20)")
    if "percent" in rate:
        return f"{rate['percent']}%"
    return _("%(days)s days", days=f"{rate['value']:g}")


def refusal_texts(moved: list, uncompared: list, min_cell: int, most: int = 6) -> list[str]:
    """Say why a new version cannot be published, in the reader's language; [] when it can."""
    if not moved and not uncompared:
        return []
    texts = [
        _(
            "This cannot be published as a new version. Laid beside the version published before, the difference would show a group of fewer than %(n)s people. The published figures stay as they are; describe the change in next year's report.",
            n=min_cell,
        )
    ]
    for year, version in uncompared:
        texts.append(
            _(
                "Version %(version)s of %(year)s was published before the portal kept the counts it needs to compare versions.",
                version=version,
                year=year,
            )
        )
    for cell in moved[:most]:
        texts.append(
            _(
                "%(table)s, %(row)s, %(column)s: changed by fewer than %(n)s since version %(version)s of %(year)s.",
                table=TABLE_TITLES.get(cell.table, cell.table),
                row=row_label(cell.dimension, cell.code),
                column=column_label({"series": cell.series, "year": cell.year}),
                n=min_cell,
                version=cell.version,
                year=cell.report_year,
            )
        )
    if len(moved) > most:
        texts.append(_("And %(n)s more cells.", n=len(moved) - most))
    return texts


# --- charts -------------------------------------------------------------------------

# A colour per series, full for the year reported and pale for the year before (portal.css).
COLOURS = {
    ("consultations", True): "#17476a",
    ("consultations", False): "#9dbbd3",
    ("reports", True): "#1d6b3a",
    ("reports", False): "#a5cdb1",
    ("aftercare", True): "#7a3b69",
    ("aftercare", False): "#d3b3ca",
}


def colour(column: dict, year: int) -> str:
    return COLOURS[(column["series"], column["year"] == year)]


BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH = 14, 10, 230, 640
FONT_SIZE, LINE = 12, 14  # a row's label: at most two lines
VALUE_ROOM = 80  # right of the longest bar: its count, "< 5" or "hidden"
HATCH_WIDTH = 30  # a hidden count: a hatched box of this width, never a bar of some length
INK, FRAME = "#1d2329", "#d5dbe1"


@functools.cache
def _font():
    try:  # the first font of the print stack, which the PDF embeds; browsers fall back
        return ImageFont.truetype("DejaVuSans.ttf", FONT_SIZE)
    except OSError:
        return None


def text_width(text: str) -> float:
    """Measure a label at FONT_SIZE: with DejaVu Sans when the system has it (a wide font, so
    narrower fonts fit too), else at a generous average advance."""
    font = _font()
    return font.getlength(text) if font else len(text) * FONT_SIZE * 0.62


def label_lines(label: str, room: float) -> list[str]:
    """Fit a label into room pixels on at most two lines; the second ends in '…' when it is
    still too long (the table beside the chart has the full label)."""
    words, lines = label.split(), [""]
    for word in words:
        candidate = f"{lines[-1]} {word}".strip()
        if text_width(candidate) <= room or not lines[-1]:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    for n, line in enumerate(lines):
        if text_width(line) > room:
            while line and text_width(line + "…") > room:
                line = line[:-1]
            lines[n] = line.rstrip() + "…"
    return lines[:2]


def has_chart(table: dict) -> bool:
    """Tell whether a table gets a chart: not when every count in it is hidden."""
    return any(
        not cell["hidden"]
        for row, cells in zip(table["rows"], table["cells"], strict=True)
        if row["level"] >= 0
        for cell in cells
    )


def _hatched(x: float, y: float, width: float, height: float) -> str:
    """A hatched, outlined box: a hidden count, drawn the same in the browser and the PDF."""
    lines = []
    for start in range(-int(height), int(width), 5):
        x0, x1 = max(start, 0), min(start + height, width)
        if x1 > x0:  # a 45 degree stroke clipped to the box by hand (no pattern support needed)
            lines.append(
                f'<line x1="{x + x0:.1f}" y1="{y + height - (x0 - start):.1f}"'
                f' x2="{x + x1:.1f}" y2="{y + height - (x1 - start):.1f}"/>'
            )
    return (
        f'<g class="chart-hidden" stroke="#6b7680" stroke-width="1">'
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="#ffffff"/>'
        f"{''.join(lines)}</g>"
    )


def _hidden_label(cell: dict, min_cell: int) -> str:
    return f"< {min_cell}" if cell["hidden"] == "small" else _("hidden")


def bar_chart(table: dict, min_cell: int, chart_id: str) -> Markup:
    """Draw a table as horizontal bars, this year beside the year before, with a text summary.

    Labels are measured and wrapped to fit beside the bars; a hidden count is a hatched box
    labelled "< 5" or "hidden", never a bar of length zero. The same SVG is on the page and in
    the PDF. Call has_chart first: a table whose counts are all hidden gets no chart.
    """
    rows = [(i, r) for i, r in enumerate(table["rows"]) if r["level"] >= 0]
    columns = table["columns"]
    year = max(c["year"] for c in columns)
    largest = max([c["n"] or 0 for i, _r in rows for c in table["cells"][i]] + [1])
    scale = (CHART_WIDTH - LABEL_WIDTH - VALUE_ROOM) / largest
    bars = BAR_HEIGHT * len(columns)
    parts, summary, top, any_hidden = [], [], 4, False
    for i, row in rows:
        label = row_label(row["dimension"], row["code"])
        indent = 12 if row["level"] == 1 else 0
        lines = label_lines(label, LABEL_WIDTH - indent - 10)
        spans = "".join(
            f'<tspan x="{indent}" dy="{0 if n == 0 else LINE}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(
            f'<text class="chart-label" y="{top + BAR_HEIGHT - 3}" font-size="{FONT_SIZE}"'
            f' fill="{INK}">{spans}</text>'
        )
        said = []
        for j, column in enumerate(columns):
            cell = table["cells"][i][j]
            y = top + j * BAR_HEIGHT
            if cell["hidden"]:
                any_hidden = True
                width = HATCH_WIDTH
                text = _hidden_label(cell, min_cell)
                parts.append(_hatched(LABEL_WIDTH, y + 2, width, BAR_HEIGHT - 3))
            else:
                width = cell["n"] * scale
                text = str(cell["n"])
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{width:.1f}"'
                    f' height="{BAR_HEIGHT - 3}" fill="{colour(column, year)}"/>'
                )
            parts.append(
                f'<text class="chart-value" x="{LABEL_WIDTH + width + 4:.1f}"'
                f' y="{y + BAR_HEIGHT - 2}" font-size="11" fill="{INK}">{escape(text)}</text>'
            )
            said.append(f"{column_label(column)}: {text}")
        summary.append(f"{label}: {', '.join(said)}")
        top += max(bars, LINE * len(lines)) + GAP
    legend_y = top + 12
    keys = [(column_label(column), colour(column, year)) for column in columns]
    x = 0
    for text, fill in keys + ([(_("hidden"), None)] if any_hidden else []):
        swatch = (
            _hatched(x, legend_y - 10, 12, 12)
            if fill is None
            else f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{fill}"/>'
        )
        parts.append(
            f'{swatch}<text class="chart-legend" x="{x + 16}" y="{legend_y}" font-size="11"'
            f' fill="{INK}">{escape(text)}</text>'
        )
        x += 16 + text_width(text) + 24
    height = legend_y + 8
    title = str(TABLE_TITLES.get(table["key"], table["key"]))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
        f' viewBox="-4 0 {CHART_WIDTH + 8} {height}" width="100%"'
        f" font-family='{FONT_STACK}' aria-labelledby=\"{chart_id}-title {chart_id}-desc\">"
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape("; ".join(summary))}</desc>'
        f'<rect class="chart-frame" x="-3" y="0.5" width="{CHART_WIDTH + 6}"'
        f' height="{height - 1}" fill="none" stroke="{FRAME}" stroke-width="1"/>'
        f"{''.join(parts)}</svg>"
    )
    return Markup(svg)  # noqa: S704 - every text in it is escaped above


# --- exports ------------------------------------------------------------------------


def _safe(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _number(value: float | int | None, excel: bool) -> str:
    if value is None:
        return ""
    text = f"{value:g}"
    return text.replace(".", ",") if excel else text  # Dutch Excel reads a decimal comma


def csv_text(snap: dict, excel: bool = False) -> str:
    """Return the published (suppressed) figures as CSV: one line per figure, numbers only.

    Number holds a count, a percentage or days (Unit says which), empty when hidden; Hidden
    says why. The Excel variant is for Dutch Excel: semicolons, a decimal comma and a byte-order
    mark, so that "cliënt" survives and every column lands in its own column.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",")
    writer.writerow(
        [_("Table"), _("Row"), _("Series"), _("Year"), _("Number"), _("Unit"), _("Hidden")]
    )
    for table in snap["tables"]:
        for row, cells in zip(table["rows"], table["cells"], strict=True):
            for column, cell in zip(table["columns"], cells, strict=True):
                writer.writerow(
                    [
                        _safe(str(TABLE_TITLES.get(table["key"], table["key"]))),
                        _safe(row_label(row["dimension"], row["code"])),
                        _safe(str(SERIES[column["series"]])),
                        column["year"],
                        _number(cell["n"], excel),
                        _("count"),
                        _safe(reason_text(cell["hidden"], snap["min_cell"]))
                        if cell["hidden"]
                        else "",
                    ]
                )
    for rate in snap["rates"]:
        percent = "percent" in rate
        writer.writerow(
            [
                _safe(str(RATES[rate["key"]])),
                "",
                "",
                rate["year"],
                _number(rate.get("percent") if percent else rate.get("value"), excel),
                _("percent") if percent else _("days"),
                _safe(reason_text(rate["hidden"], snap["min_cell"])) if rate["hidden"] else "",
            ]
        )
    return ("\ufeff" if excel else "") + out.getvalue()


def unsigned_text(missing: list) -> str:
    """Say why a report cannot be published yet: who has not signed it."""
    if not missing:
        return _("List at least one adviser on the report; the listed advisers sign it.")
    return _(
        "The report cannot be published yet: every adviser listed on it signs first. Not signed yet: %(names)s.",
        names=", ".join(p.display_name for p in missing),
    )


def month_name(month: int) -> str:
    """Name a month in the reader's language."""
    return format_date(date(2000, month, 1), "MMMM")

"""The published yearly report as a PDF: the narrative, every table and the shares."""

from flask_babel import gettext as _
from fpdf import FPDF

from portal.insights import presentation as p
from portal.insights.models import YearlyReport
from portal.platform.i18n import day_text


def _latin(text: str) -> str:
    # The PDF core fonts cover Latin-1; anything else becomes a question mark, not an error.
    return text.replace("–", "-").encode("latin-1", "replace").decode("latin-1")


BAR = 3.2  # mm per bar
LABEL_MM = 60


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _bars(pdf: FPDF, table: dict, min_cell: int) -> None:
    """Draw the table's main rows as horizontal bars, this year beside the year before."""
    rows = [(i, r) for i, r in enumerate(table["rows"]) if r["level"] == 0]
    largest = max([c["n"] or 0 for i, _r in rows for c in table["cells"][i]] + [1])
    year = max(c["year"] for c in table["columns"])
    width = pdf.epw - LABEL_MM - 15
    if pdf.get_y() + len(rows) * (len(table["columns"]) * BAR + 2) > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    for i, row in rows:
        top = pdf.get_y()
        pdf.set_xy(pdf.l_margin, top)
        pdf.cell(LABEL_MM, BAR, _latin(p.row_label(row["dimension"], row["code"]))[:40])
        for j, cell in enumerate(table["cells"][i]):
            y = top + j * BAR
            length = (cell["n"] or 0) * width / largest
            pdf.set_fill_color(*_rgb(p.colour(table["columns"][j], year)))
            if length:
                pdf.rect(pdf.l_margin + LABEL_MM, y + 0.3, length, BAR - 0.6, style="F")
            pdf.set_xy(pdf.l_margin + LABEL_MM + length + 1, y)
            pdf.cell(14, BAR, _latin(p.cell_text(cell, min_cell)))
        pdf.set_y(top + len(table["columns"]) * BAR + 2)
    pdf.set_x(pdf.l_margin)
    for column in table["columns"]:
        pdf.set_fill_color(*_rgb(p.colour(column, year)))
        pdf.rect(pdf.get_x(), pdf.get_y() + 0.5, 3, 3, style="F")
        pdf.set_x(pdf.get_x() + 4)
        pdf.cell(40, 4, _latin(p.column_label(column)))
    pdf.ln(6)


def report_pdf(report: YearlyReport, snap: dict, organisation: str) -> bytes:
    """Return the published report as a PDF: each table drawn as bars, then its figures."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(_("Yearly report %(year)s", year=report.year)))
    pdf.set_creator("Vertrouwd")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(
        0,
        10,
        _latin(_("Yearly report %(year)s of the confidential advisers", year=report.year)),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(
        0,
        6,
        _latin(
            f"{organisation} · "
            + _(
                "Version %(version)s, published on %(day)s",
                version=report.version,
                day=day_text(report.published_on),
            )
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if report.correction:
        pdf.multi_cell(
            0, 6, _latin(_("Corrected: ") + report.correction), new_x="LMARGIN", new_y="NEXT"
        )
    sections = [
        (_("What we saw this year"), report.observations),
        (_("Recommendations to management"), report.recommendations),
        (_("Prevention"), report.prevention),
    ]
    for heading, text in sections:
        if text:
            pdf.ln(4)
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 8, _latin(heading), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 6, _latin(text), new_x="LMARGIN", new_y="NEXT")
    for table in snap["tables"]:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(
            0, 8, _latin(str(p.TABLE_TITLES[table["key"]])), new_x="LMARGIN", new_y="NEXT"
        )
        _bars(pdf, table, snap["min_cell"])
        pdf.set_font("Helvetica", size=9)
        with pdf.table(first_row_as_headings=True, text_align="LEFT") as grid:
            heading = grid.row()
            heading.cell("")
            for column in table["columns"]:
                heading.cell(_latin(p.column_label(column)))
            for row, cells in zip(table["rows"], table["cells"], strict=True):
                line = grid.row()
                indent = "   " if row["level"] == 1 else ""
                line.cell(_latin(indent + p.row_label(row["dimension"], row["code"])))
                for cell in cells:
                    line.cell(_latin(p.cell_text(cell, snap["min_cell"])))
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(0, 8, _latin(_("Deadlines and coverage")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for rate in snap["rates"]:
        pdf.multi_cell(
            0,
            6,
            _latin(f"{p.RATES[rate['key']]} ({rate['year']}): {p.rate_text(rate)}"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(4)
    pdf.multi_cell(
        0,
        5,
        _latin(
            _(
                "Counts under %(n)s are shown as '< %(n)s'; a dash marks a count hidden so that a small one cannot be worked out from the totals. Percentages only over groups of at least 20.",
                n=snap["min_cell"],
            )
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())

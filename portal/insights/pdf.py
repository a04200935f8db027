"""The published yearly report as a PDF: the narrative, every table and the shares."""

from flask_babel import format_date
from flask_babel import gettext as _
from fpdf import FPDF

from portal.insights import presentation as p
from portal.insights.models import YearlyReport


def _latin(text: str) -> str:
    # The PDF core fonts cover Latin-1; anything else becomes a question mark, not an error.
    return text.replace("–", "-").encode("latin-1", "replace").decode("latin-1")


def report_pdf(report: YearlyReport, snap: dict, organisation: str) -> bytes:
    """Return the published report as a PDF (tables in place of the charts)."""
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
                day=format_date(report.published_on, "long"),
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

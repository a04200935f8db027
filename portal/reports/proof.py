"""The proof of filing as a PDF: date, reference and advisers; no content and no code."""

from datetime import date

from flask_babel import gettext as _
from fpdf import FPDF

from portal.platform.i18n import day_text


def _latin(text: str) -> str:
    # The PDF core fonts cover Latin-1; anything else becomes a question mark, not an error.
    return text.encode("latin-1", "replace").decode("latin-1")


def proof_pdf(reference: str, filed_on: date, advisers: list[str]) -> bytes:
    """Return a one-page PDF that proves a report was filed."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(_("Proof of filing %(reference)s", reference=reference)))
    pdf.set_creator("Vertrouwd")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 12, _latin(_("Proof of filing")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=12)
    rows = [
        (_("Reference"), reference),
        (_("Filed on"), day_text(filed_on)),
        (_("Received by"), ", ".join(advisers)),
    ]
    for label, value in rows:
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(45, 9, _latin(label))
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 9, _latin(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(
        0,
        6,
        _latin(
            _(
                "This document shows that a report was filed in Vertrouwd on the date above. It holds nothing of what the report says and not the receipt code."
            )
        ),
    )
    return bytes(pdf.output())

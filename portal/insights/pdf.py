"""The published yearly report as a PDF, printed from the page's own templates and charts.

The PDF is the published page's body (insights/_report_body.html: the narrative, each table
with its SVG chart, the deadlines) with a cover in front, laid out for paper by
insights/report_print.css and printed by the portal's print pipeline (platform/printing.py).
A section added to the page is in the PDF without more work.
"""

import json

from flask import render_template
from flask_babel import gettext as _

from portal.insights.models import YearlyReport
from portal.platform.printing import FONT_STACK, pdf_from_html


def signatories(report: YearlyReport) -> tuple[str, list[str]]:
    """Name the advisers the cover lists: those who co-signed the version when the report
    keeps signatures (its frozen sections, issue 23 item 4), else the adviser who published."""
    frozen = json.loads(getattr(report, "sections", "") or "{}")
    signed = [s["name"] for s in frozen.get("signatures", []) if s.get("name")]
    if signed:
        return _("Signed by"), signed
    publisher = report.published_by if report.published_by_id else None
    return _("Published by"), [publisher.display_name] if publisher else []


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_counter() -> str:
    """Return the CSS content of the page number, "Page 2 of 7" in the reader's language."""
    text = _("Page %(page)s of %(pages)s", page="\0page\0", pages="\0pages\0")
    parts = []
    for piece in text.split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def report_pdf(report: YearlyReport, snap: dict, organisation: str) -> bytes:
    """Return the published report as a PDF: a cover, then the page's body on A4."""
    label, names = signatories(report)
    html = render_template(
        "insights/report_print.html",
        report=report,
        snap=snap,
        organisation=organisation,
        signed_label=label,
        signed_names=names,
    )
    css = render_template(
        "insights/report_print.css",
        font_stack=FONT_STACK,
        page_counter=page_counter(),
        running_title=_css_string(
            _(
                "Yearly report %(year)s, version %(version)s",
                year=report.year,
                version=report.version,
            )
        ),
    )
    return pdf_from_html(html, stylesheets=(css,))

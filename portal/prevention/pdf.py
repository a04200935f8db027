"""The proof for the inspection as a PDF: a cover, then the page's own body
(prevention/_inspection_body.html), laid out with the yearly report's print stylesheet so both
documents look alike, through the portal's print pipeline (platform/printing.py)."""

from flask import render_template
from flask_babel import gettext as _

from portal.insights.pdf import page_counter
from portal.platform.printing import FONT_STACK, pdf_from_html
from portal.prevention.inspection import Inspection

EXTRA_CSS = """
.status, .nowrap { font-weight: bold; white-space: nowrap; }
.measure-table .nowrap { font-weight: normal; }
.figure-table thead th:first-child { text-align: left; }
.placeholder { border-left: 2pt solid #9dbbd3; padding-left: 6pt; }
"""


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def inspection_pdf(proof: Inspection, organisation: str) -> bytes:
    html = render_template(
        "prevention/inspection_print.html", proof=proof, organisation=organisation
    )
    css = render_template(
        "insights/report_print.css",
        font_stack=FONT_STACK,
        page_counter=page_counter(),
        running_title=_css_string(_("Prevention of unwanted behaviour: proof for the inspection")),
    )
    return pdf_from_html(html, stylesheets=(css, EXTRA_CSS))

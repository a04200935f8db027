"""The portal's print pipeline: a document is HTML and CSS (charts as inline SVG), made a PDF
by WeasyPrint.

Why this and not drawing each PDF by hand (fpdf2, which the first documents used): the page a
person reads in the browser and the PDF they hand over come from the same template, so they
cannot drift apart; CSS paged media gives page numbers "x of N", running headers, covers and
page breaks that avoid orphans; text is laid out by Pango with real fonts embedded (any
language, hyphenation, labels measured, not guessed); SVG charts print as vectors. The price is
a system library (Pango, in every Debian and Ubuntu) and about 0.1-0.5 s per document, which
is fine for documents made on request.

Trust: the renderer fetches nothing. Only `data:` URIs are allowed (images are embedded by the
caller), so a document can never make the server open a URL or a file, whatever text a person
typed into it. WeasyPrint's own log lines can quote a resource or a piece of the document, so
its logger is silenced: no report text may reach a log.
"""

import logging

import weasyprint
from weasyprint.urls import URLFetcher

for _name in ("weasyprint", "fontTools"):
    _logger = logging.getLogger(_name)
    _logger.setLevel(logging.CRITICAL + 1)
    _logger.propagate = False

# Fonts come from the system (fontconfig): DejaVu first, which Debian installs with Chromium
# (fonts-dejavu-core), then Liberation, then whatever sans-serif there is. They are embedded.
FONT_STACK = '"DejaVu Sans", "Liberation Sans", sans-serif'


def pdf_from_html(html: str, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """Render a complete HTML document (and extra CSS given as text) to PDF bytes; the
    document's <title> and <html lang> become the PDF's title and language."""
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    document = weasyprint.HTML(string=html, base_url="data:,", url_fetcher=fetcher)
    css = [weasyprint.CSS(string=text, url_fetcher=fetcher) for text in stylesheets]
    return document.write_pdf(stylesheets=css)

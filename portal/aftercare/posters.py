"""The conduct agreements as print: a poster (A3, A4) for the waiting room and a flyer (A5) for
the welcome pack, in the organisation's name, from one HTML template through the portal's print
pipeline (portal/platform/printing.py).

A poster is read across a room: on A4 the body is 21 pt and the headline 2.6 times that; A3
scales every size up by the paper's ratio (1.41), A5 down by it. A QR code leads to the portal,
so a reader can find the agreements and the confidential advisers on their phone."""

import base64
import io

import segno
from flask import render_template

from portal.platform import printing
from portal.platform.rich_text import render_markdown

FORMATS = {"poster-a3": "A3", "poster-a4": "A4", "flyer-a5": "A5"}
# Sizes scale with the paper: A3 is the A4 size times 1.41, A5 divided by it.
SCALE = {"A3": 1.41, "A4": 1.0, "A5": 0.71}
BODY_PT_A4 = 21
HEADLINE_TIMES_BODY = 2.6


def qr_data_uri(url: str) -> str:
    """The QR code of an address as an embedded PNG (the print pipeline fetches nothing)."""
    png = io.BytesIO()
    segno.make(url, error="m").save(png, kind="png", scale=10, border=2)
    return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()


def conduct_pdf(
    kind: str,
    title: str,
    body: str,
    organisation: str,
    footer: str,
    portal_url: str,
    locale: str,
    scan_text: str,
    logo: str | None = None,
) -> bytes:
    """Return the poster or flyer of the conduct agreements as PDF bytes (with the
    organisation's logo when given, as a data: URI)."""
    paper = FORMATS[kind]
    body_pt = BODY_PT_A4 * SCALE[paper]
    html = render_template(
        "aftercare/poster.html",
        paper=paper,
        body_pt=round(body_pt, 1),
        headline_pt=round(body_pt * HEADLINE_TIMES_BODY, 1),
        title=title,
        body=render_markdown(body),
        organisation=organisation,
        footer=footer,
        portal_url=portal_url,
        qr=qr_data_uri(portal_url),
        locale=locale,
        scan_text=scan_text,
        font_stack=printing.FONT_STACK,
        logo=logo,
    )
    return printing.pdf_from_html(html)

"""The organisation's logo, uploaded by HR and printed on the posters and the flyer.

Judged by its bytes, never by its name or the browser's claim: only PNG and JPEG are taken,
re-drawn without metadata (platform/uploads.py) and made at most SIDE pixels on its longest
side. SVG is refused, not sanitised: an SVG is a program of sorts (scripts, external
references, entity tricks) and the print pipeline needs none of it; a PNG prints as sharply
at poster size when it is large enough.
"""

import base64
from datetime import date

from portal.aftercare.models import OrganisationLogo
from portal.core.accounts.models import Person
from portal.platform import uploads
from portal.platform.database import db

MAX_BYTES = 2 * 1024 * 1024
SIDE = 1600  # pixels on the longest side: sharp at 300 dpi over more than 13 cm
TYPES = ("image/png", "image/jpeg")


class LogoRefused(Exception):
    """The file cannot be the logo; reason is one of: empty, too_large, svg, type, unreadable."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def looks_like_svg(data: bytes) -> bool:
    """Tell whether the bytes are an SVG (or other XML) drawing."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def prepare(data: bytes) -> tuple[bytes, str, int, int]:
    """Return the logo re-drawn (bytes, type, width, height), or raise LogoRefused."""
    if not data:
        raise LogoRefused("empty")
    if len(data) > MAX_BYTES:
        raise LogoRefused("too_large")
    if looks_like_svg(data):
        raise LogoRefused("svg")
    mime = uploads.sniff(data, "")
    if mime not in TYPES:
        raise LogoRefused("type")
    try:
        clean, clean_mime = uploads.reencode_image(data, mime, "logo")
    except uploads.EvidenceRefused as exc:
        raise LogoRefused("too_large" if exc.reason == "too_large" else "unreadable") from exc
    clean, width, height = uploads.fit_within(clean, clean_mime, SIDE, quality=90)
    return clean, clean_mime, width, height


def save(data: bytes, author: Person, today: date) -> OrganisationLogo:
    """Make the uploaded file the organisation's logo, replacing the one before."""
    content, mime, width, height = prepare(data)
    with db.atomic():
        OrganisationLogo.delete().execute()
        return OrganisationLogo.create(
            content=content,
            mime=mime,
            width=width,
            height=height,
            uploaded_on=today,
            author=author,
        )


def current() -> OrganisationLogo | None:
    """Return the logo, or None when HR has not uploaded one."""
    return OrganisationLogo.select().order_by(OrganisationLogo.id.desc()).first()


def remove() -> bool:
    """Remove the logo; return whether there was one."""
    return OrganisationLogo.delete().execute() > 0


def data_uri() -> str | None:
    """Return the logo as a data: URI for the print pipeline (which fetches nothing)."""
    logo = current()
    if logo is None:
        return None
    return f"data:{logo.mime};base64," + base64.b64encode(bytes(logo.content)).decode()

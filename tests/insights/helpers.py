"""Helpers for insights tests: metadata-only report rows and consultations."""

import secrets
from datetime import date

from portal.insights.models import Consultation
from portal.reports import kinds
from portal.reports.models import Report


def report_row(received_on: date, category: str = "bullying", **columns) -> Report:
    """A report row with metadata only (as the register keeps after retention)."""
    values = dict(
        uid=secrets.token_urlsafe(8),
        reference="T-" + secrets.token_hex(4),
        track=kinds.CATEGORY_BY_CODE[category].track,
        category=category,
        mode="anonymous",
        status="received",
        received_on=received_on,
        receipt_lookup=secrets.token_hex(16),
        receipt_salt=b"",
        receipt_wrapped_key=b"",
        kdf_ops=0,
        kdf_mem=0,
        body=b"",
    )
    values.update(columns)
    return Report.create(**values)


def consultation_row(held_on: date, category: str = "bullying", **columns) -> Consultation:
    values = dict(
        uid=secrets.token_urlsafe(8),
        held_on=held_on,
        channel="phone",
        track=kinds.CATEGORY_BY_CODE[category].track,
        category=category,
        visitor="employee",
        source="colleague",
        outcome="advice",
    )
    values.update(columns)
    return Consultation.create(**values)


def sign_all(year: int, day: date | None = None) -> None:
    """Every current adviser signs the year's draft (publishing needs every signature)."""
    from portal.insights import sections, signing

    for person, _external in sections.current_advisers():
        signing.sign(year, person, [person.id], day or date.today())

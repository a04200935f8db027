"""Stepping back and transfer: the data key is sealed to the new adviser, removed for the old."""

import json
from datetime import date

from portal.core.accounts.models import Person
from portal.platform.database import db
from portal.reports import filing
from portal.reports.models import ReportKey
from portal.reports.opening import OpenReport, post_message, record_event


class TransferError(Exception):
    """The chosen adviser cannot take this report."""


def step_back(opened: OpenReport, adviser: Person, today: date) -> None:
    """An adviser withdraws from a report (conflict of interest); their key is removed."""
    with db.atomic():
        deleted = (
            ReportKey.delete()
            .where(
                (ReportKey.report == opened.report)
                & (ReportKey.person == adviser)
                & (ReportKey.role == "adviser")
            )
            .execute()
        )
        if not deleted:
            raise TransferError()
        post_message(opened, "system", "adviser_stepped_back", today)
        record_event(opened.report, adviser, "stepped_back")


def candidates(opened: OpenReport) -> list[Person]:
    """Advisers the reporter may transfer to: receiving reports, not excluded, not already on it."""
    body = json.loads(opened.field("body", opened.report.body))
    excluded = set(body.get("excluded", []))
    current = {
        row.person_id
        for row in ReportKey.select().where(
            (ReportKey.report == opened.report) & (ReportKey.role == "adviser")
        )
    }
    return [p for p in filing.receiving_advisers() if p.id not in excluded | current]


def transfer(opened: OpenReport, new_adviser_id: int, today: date) -> Person:
    """Seal the report to the adviser the reporter chose and remove it from the previous ones."""
    chosen = {p.id: p for p in candidates(opened)}.get(new_adviser_id)
    if chosen is None:
        raise TransferError()
    with db.atomic():
        ReportKey.delete().where(
            (ReportKey.report == opened.report) & (ReportKey.role == "adviser")
        ).execute()
        filing.grant(opened.report, chosen, "adviser", opened.data_key)
        post_message(opened, "system", "transferred", today)
        record_event(opened.report, chosen, "transferred")
    return chosen

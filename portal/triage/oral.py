"""An oral report: an adviser writes down what a reporter told them by phone or in person."""

from dataclasses import dataclass
from datetime import date

from portal.core.accounts.models import Person
from portal.platform.database import db
from portal.reports import filing, kinds, opening
from portal.reports.models import Report
from portal.reports.status import Status


@dataclass(frozen=True)
class OralReport:
    """What the adviser wrote down, as the form gave it."""

    category: str
    description: str
    mode: str
    contact_name: str = ""
    contact_details: str = ""


def register(
    oral: OralReport, adviser: Person, today: date, contact_target_days: int
) -> filing.Filed:
    """File the report on the reporter's behalf, sealed to this adviser; raise kdf_gate.Busy."""
    contact = (
        {}
        if oral.mode == kinds.ANONYMOUS
        else {"name": oral.contact_name.strip(), "phone": oral.contact_details.strip()}
    )
    submission = filing.Submission(
        category=oral.category,
        incidents=[{"description": oral.description.strip()}],
        ongoing="unsure",
        wishes=[],
        wish_note="",
        mode=oral.mode,
        advisers=[adviser.id],
        contact=contact,
        oral=True,
    )
    # file_report writes in its own transaction after the key derivation; the event follows
    # it, as before: one transaction around both would hold the write lock during the KDF.
    filed = filing.file_report(submission, None, today, contact_target_days)
    await_confirmation(filed.report, adviser, today)
    return filed


def await_confirmation(report: Report, adviser: Person, today: date) -> None:
    """The adviser has just spoken with the reporter: first contact is made, and the report
    waits for the reporter to confirm the write-up (not "received, first contact by ...")."""
    report.status = Status.AWAITING_CONFIRMATION
    report.first_contact_on, report.contact_due_on = today, None
    with db.atomic():
        report.save()
        opening.record_event(report, adviser, "registered")

"""Retention: closed reports' content and keys are deleted after a period (GDPR).

Integrity reports keep a metadata-only register entry (track, category, dates, status,
outcome) for a further period, as the Whistleblower Protection Act asks for records.
Advisers are warned two weeks ahead. SQLite's secure_delete overwrites what is removed.
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _

from portal.core.accounts.models import Person
from portal.core.audit import log as audit
from portal.followup import access as followups
from portal.platform import mail
from portal.platform.database import db
from portal.platform.i18n import day_text, in_language_of
from portal.reports import deadlines, drafts, kinds
from portal.reports.models import Attachment, Message, Note, ReminderSent, Report, ReportKey
from portal.reports.opening import advisers_of
from portal.reports.status import FINISHED
from portal.together import holding

log = logging.getLogger(__name__)
WARN_AHEAD = timedelta(days=14)


@dataclass(frozen=True)
class Outcome:
    deleted: int
    kept_as_register: int
    register_removed: int
    warned: int
    drafts_purged: int = 0  # expired drafts and follow-up records


def content_deadline(report: Report, months: int) -> date:
    return deadlines.add_months(report.closed_on, months)


def wipe_content(report: Report) -> None:
    """Remove everything readable about a report, and every key that could open it."""
    Attachment.delete().where(Attachment.report == report).execute()
    Message.delete().where(Message.report == report).execute()
    Note.delete().where(Note.report == report).execute()
    ReportKey.delete().where(ReportKey.report == report).execute()


def warn_ahead(today: date, months: int) -> int:
    """Tell advisers, once, about their reports whose content is deleted within 14 days."""
    warned = 0
    due = [
        r
        for r in Report.select().where(
            Report.status.in_(FINISHED)
            & Report.content_deleted_on.is_null()
            & Report.closed_on.is_null(False)
        )
        if today >= content_deadline(r, months) - WARN_AHEAD
    ]
    for report in due:
        deadline = content_deadline(report, months)
        if (
            ReminderSent.select()
            .where((ReminderSent.report == report) & (ReminderSent.kind == "retention"))
            .exists()
        ):
            continue
        for adviser in advisers_of(report):
            _mail_warning(adviser, deadline)
        ReminderSent.create(report=report, kind="retention", due_on=deadline, sent_on=today)
        warned += 1
    return warned


def _mail_warning(adviser: Person, deadline: date) -> None:
    with in_language_of(adviser):
        subject = _("A closed report will be deleted soon")
        body = _(
            "The content of a closed report addressed to you will be deleted on %(day)s, as the "
            "retention policy says. Sign in if you still need to do something:\n%(link)s",
            day=day_text(deadline),
            link=url_for("triage.inbox", status="all", _external=True),
        )
    try:
        mail.send(adviser.email, subject, body)
    except mail.MailNotSent as exc:
        log.warning("retention warning not sent (%s)", exc)


def run(today: date, months: int, register_months: int) -> Outcome:
    """Warn, delete content past the period, and remove register entries past theirs."""
    warned = warn_ahead(today, months)
    deleted = kept = removed = 0
    finished = Report.select().where(
        Report.status.in_(FINISHED)
        & Report.content_deleted_on.is_null()
        & Report.closed_on.is_null(False)
    )
    for report in [r for r in finished if content_deadline(r, months) <= today]:
        with db.atomic():
            audit.record(report, None, "deleted", "retention")
            if report.track == kinds.INTEGRITY:
                wipe_content(report)
                Report.update(
                    body=b"",
                    identity=None,
                    receipt_wrapped_key=b"",
                    receipt_salt=b"",
                    receipt_lookup=f"deleted:{report.uid}",
                    content_deleted_on=today,
                ).where(Report.id == report.id).execute()
                kept += 1
            else:
                wipe_content(report)
                report.delete_instance()
                deleted += 1
    register = Report.select().where(Report.content_deleted_on.is_null(False))
    for report in [
        r for r in register if deadlines.add_months(r.closed_on, register_months) <= today
    ]:
        with db.atomic():
            audit.record(report, None, "deleted", "register")
            report.delete_instance()
            removed += 1
    purged = drafts.purge_expired() + followups.purge_expired(today)
    # Held reports past their day go too; not counted: no count of held reports appears anywhere.
    holding.expire(today)
    return Outcome(deleted, kept, removed, warned, purged)

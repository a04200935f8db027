"""Asking an adviser for a conversation or a question: filed like a report, never one.

A request has a receipt code, is encrypted like a report and has the same conversation thread,
so the person reads the answer with their code or under My reports. It is marked in a plain
column (`request`), runs on the adviser's answer clock (CONVERSATION_ANSWER_WORKING_DAYS) and
carries no legal report clock: its kind is "not sure yet" in plain, and what it is about stays
in the encrypted body. When the adviser meets the person about an integrity matter, the
meeting's minutes become an oral report (Whistleblower Protection Act), which the person checks
and confirms in the same thread, as any oral report.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from portal.core.accounts.models import Person
from portal.platform import crypto
from portal.platform.database import db
from portal.platform.i18n import lazy_gettext as _l
from portal.reports import deadlines, filing, kinds, opening
from portal.reports.models import Report, ReportKey
from portal.reports.status import Status

CONVERSATION = "conversation"  # the value of Report.request
MESSAGE_MAX = 5000
WHEN_MAX = 300

WHAT = [
    ("conversation", _l("A conversation")),
    ("question", _l("A question")),
]
TOPICS = [
    ("unwanted", _l("Unwanted behaviour, such as bullying, intimidation or harassment")),
    ("integrity", _l("A possible integrity violation, such as fraud or theft")),
    ("other", _l("Something else, or I would rather not say yet")),
]
TIMES = [
    ("morning", _l("In the morning")),
    ("afternoon", _l("In the afternoon")),
    ("end_of_day", _l("At the end of the working day")),
    ("elsewhere", _l("Outside my own workplace")),
]
LABELS = {"what": dict(WHAT), "topic": dict(TOPICS), "times": dict(TIMES)}
MINUTES_RECORDED = "minutes_recorded"  # the system message when minutes became an oral report


class RequestError(Exception):
    """The request cannot be filed or changed as it stands."""


class NotARequest(RequestError):
    """The report is not (or no longer) a conversation request."""


class RequestFinished(RequestError):
    """The request was closed or withdrawn."""


class UnknownChoice(RequestError):
    """A choice that is not on the list."""


@dataclass(frozen=True)
class ConversationRequest:
    """What the person asked, as the form gave it."""

    adviser: int
    what: str
    topic: str
    message: str
    mode: str
    in_person: bool = False
    times: list[str] = field(default_factory=list)
    when: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def _check(asked: ConversationRequest) -> None:
    if asked.what not in LABELS["what"] or asked.topic not in LABELS["topic"]:
        raise UnknownChoice()
    if any(code not in LABELS["times"] for code in asked.times):
        raise UnknownChoice()
    if asked.mode not in kinds.MODE_BY_CODE or not asked.message.strip():
        raise RequestError()
    if len(asked.message) > MESSAGE_MAX or len(asked.when) > WHEN_MAX:
        raise RequestError()


def ask(
    asked: ConversationRequest,
    reporter_key: bytes | None,
    today: date,
    answer_days: int,
    address: str | None = None,
) -> filing.Filed:
    """File the request to the one adviser chosen; return it with its receipt code.

    Raise RequestError, filing.FilingError, throttle.Throttled or kdf_gate.Busy (as filing).
    """
    _check(asked)
    anonymous = asked.mode == kinds.ANONYMOUS
    contact = (
        {}
        if anonymous
        else {
            "name": asked.contact_name.strip(),
            "email": asked.contact_email.strip(),
            "phone": asked.contact_phone.strip(),
        }
    )
    submission = filing.Submission(
        category=kinds.UNSURE,
        incidents=[{"description": asked.message.strip()}],
        ongoing="unsure",
        wishes=[],
        wish_note="",
        mode=asked.mode,
        advisers=[asked.adviser],
        contact=contact,
        request=CONVERSATION,
        meeting={
            "what": asked.what,
            "topic": asked.topic,
            "in_person": bool(asked.in_person),
            "times": list(dict.fromkeys(asked.times)),
            "when": asked.when.strip(),
        },
    )
    # Filing counts against the address's daily limit of reports, as a report does.
    return filing.file_report(submission, reporter_key, today, answer_days, address=address)


def record_minutes(
    opened: opening.OpenReport,
    adviser: Person,
    category: str,
    minutes: str,
    today: date,
    first_contact_days: int,
) -> Report:
    """Make the request an oral report with the meeting's minutes, for the person to confirm.

    It becomes a report on the day of the minutes: from then on it counts as one and runs on
    the legal clock of its kind (an integrity report: acknowledge within 7 days). The question
    the person asked stays in the body, beside the minutes.
    """
    report = opened.report
    if report.request != CONVERSATION:
        raise NotARequest()
    if not report.status.reporter_may_act:
        raise RequestFinished()
    if category not in kinds.CATEGORY_BY_CODE or not minutes.strip():
        raise UnknownChoice()
    body = json.loads(opened.field("body", report.body))
    body["asked"] = body.get("incidents", [])
    body["incidents"] = [{"description": minutes.strip()}]
    with db.atomic():
        report.request = None
        report.oral, report.reporter_confirmed_on = True, None
        report.category = category
        report.track = kinds.CATEGORY_BY_CODE[category].track
        report.received_on = today
        report.body = crypto.encrypt_field(opened.data_key, report.uid, "body", json.dumps(body))
        deadlines.set_due_dates(report, first_contact_days)
        report.save()
        opening.post_message(opened, "system", MINUTES_RECORDED, today)
    opening.record_event(report, adviser, "registered")
    return report


def close(opened: opening.OpenReport, today: date) -> None:
    """Close an answered request: the conversation took place or the question was answered."""
    report = opened.report
    if report.request != CONVERSATION:
        raise NotARequest()
    if not report.status.is_open:
        raise RequestFinished()
    report.status, report.closed_on = Status.CLOSED, today
    report.save()


def count_for(adviser: Person, year: int) -> int:
    """Count the requests addressed to an adviser that came in during a year."""
    return (
        Report.select()
        .join(ReportKey)
        .where(
            (Report.request == CONVERSATION)
            & (ReportKey.person == adviser)
            & (ReportKey.role == "adviser")
            & Report.received_on.between(date(year, 1, 1), date(year, 12, 31))
        )
        .count()
    )

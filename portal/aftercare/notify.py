"""Content-free e-mails about aftercare cases: to the employee at opening, to the lead when due."""

import logging
from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from peewee import IntegrityError

from portal.aftercare import steps
from portal.aftercare.models import Case, CaseMember, CaseReminder, CheckIn
from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.platform import mail
from portal.platform.database import db
from portal.platform.i18n import in_language_of
from portal.platform.i18n import lazy_gettext as _l

log = logging.getLogger(__name__)


# The two notices, each with a link to the aftercare page and nothing about the case.
NOTICES = {
    "opening": _l(
        "Your team lead or HR has started aftercare with you in Vertrouwd. Sign in to see "
        "it:\n%(link)s\n\nThis message deliberately says nothing about its content."
    ),
    "help": _l(
        "In an aftercare case in Vertrouwd, professional help is needed. HR arranges it: sign "
        "in to see which case:\n%(link)s\n\nThis message deliberately says nothing about its "
        "content."
    ),
    "request": _l(
        "Someone asks you for aftercare in Vertrouwd. Sign in to see it:\n%(link)s\n\n"
        "This message deliberately says nothing about its content."
    ),
}
# Added to the opening notice for someone who signs in only through single sign-on.
SINGLE_SIGN_ON = _l(
    "You sign in through your organisation's own sign-in: first set a record passphrase on your "
    "record page in Vertrouwd. The case is shared with you once you have."
)


def case_opened(employee: Person) -> bool:
    """Tell the employee that a case was opened with them; the mail says nothing more."""
    sign_on = employee.password_hash is None and keyring.public_key_of(employee.id) is None
    return _send_notice(employee, "opening", SINGLE_SIGN_ON if sign_on else None)


def request_received(addressee: Person) -> bool:
    """Tell a lead or HR person that someone asks them for aftercare; nothing more."""
    return _send_notice(addressee, "request")


def help_needed(case: Case) -> int:
    """Tell HR that a check-in found professional help needed (step 5): the HR people on the
    case, or every HR person when none is on it yet. The mail names no case and no person."""
    from portal.core.accounts.models import PersonRole
    from portal.core.accounts.roles import Role

    on_case = [
        m.person
        for m in CaseMember.select(CaseMember, Person)
        .join(Person)
        .where((CaseMember.case == case) & (CaseMember.role == "hr") & (Person.active == True))
    ]
    people = on_case or list(
        Person.select()
        .join(PersonRole)
        .where((PersonRole.role == Role.HR.value) & (Person.active == True))
        .distinct()
    )
    link = url_for("aftercare.overview_page", _external=True)
    return sum(_send_notice(person, "help", link=link) for person in people)


def _send_notice(
    person: Person, what: str, extra: object | None = None, link: str | None = None
) -> bool:
    """Mail a notice in the person's language; say whether it went out."""
    link = link or url_for("aftercare.index", _external=True)
    with in_language_of(person):
        subject = _("Vertrouwd: something for you to look at")
        body = str(NOTICES[what]) % {"link": link}
        if extra is not None:
            body += "\n\n" + str(extra)
    try:
        mail.send(person.email, subject, body)
    except mail.MailNotSent as exc:
        log.warning("aftercare %s notice not sent (%s)", what, exc)
        return False
    return True


@dataclass(frozen=True)
class Due:
    case: Case
    kind: str  # checkin:first, checkin:two_weeks, checkin:six_weeks, or a clock's kind
    due_on: date


def due_items(today: date, days_ahead: int, legal_help_days: int) -> list[Due]:
    """Return what is due in open cases: check-ins from their day, deadlines a little ahead."""
    found = []
    for row in (
        CheckIn.select(CheckIn, Case)
        .join(Case)
        .where((Case.status == "open") & CheckIn.done_on.is_null() & (CheckIn.due_on <= today))
    ):
        found.append(Due(row.case, f"checkin:{row.kind}", row.due_on))
    for case in Case.select().where(Case.status == "open"):
        for clock in steps.clocks(case, legal_help_days).items:
            ahead = 0 if clock.kind == "legal_help" else days_ahead
            if (clock.due_on - today).days <= ahead:
                found.append(Due(case, clock.kind, clock.due_on))
    return found


@dataclass(frozen=True)
class Outcome:
    items: int
    mailed: int
    failed: int


def send_reminders(today: date, days_ahead: int, legal_help_days: int) -> Outcome:
    """E-mail each lead on a case once per due item (no content: a link to the case)."""
    claimed: dict[int, list[Due]] = {}
    for due in due_items(today, days_ahead, legal_help_days):
        try:
            with db.atomic():
                CaseReminder.create(case=due.case, kind=due.kind, due_on=due.due_on, sent_on=today)
        except IntegrityError:
            continue
        for member in CaseMember.select().where(
            (CaseMember.case == due.case) & (CaseMember.role == "lead")
        ):
            claimed.setdefault(member.person_id, []).append(due)
    mailed = failed = 0
    for person_id, dues in claimed.items():
        person = Person.get_by_id(person_id)
        with in_language_of(person):
            subject = _("Vertrouwd: an aftercare case needs your attention")
            links = "\n".join(
                sorted(
                    {
                        url_for("aftercare.case", reference=d.case.reference, _external=True)
                        for d in dues
                    }
                )
            )
            body = _(
                "A conversation or a deadline in aftercare is due. Sign in to see what:\n"
                "%(links)s\n\nThis message deliberately says nothing about its content.",
                links=links,
            )
        try:
            mail.send(person.email, subject, body)
            mailed += 1
        except mail.MailNotSent as exc:
            failed += 1
            for due in dues:  # tried again on the next run
                CaseReminder.delete().where(
                    (CaseReminder.case == due.case)
                    & (CaseReminder.kind == due.kind)
                    & (CaseReminder.due_on == due.due_on)
                ).execute()
            # Names nobody: no log line ties a person to an aftercare case.
            log.warning("an aftercare reminder was not sent: %s", exc)
    return Outcome(sum(len(d) for d in claimed.values()), mailed, failed)

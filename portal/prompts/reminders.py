"""The monthly reminder to team leads that a new prompt is ready (nothing more in the mail)."""

import logging
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from peewee import IntegrityError

from portal.core.accounts.models import Person, Team
from portal.platform import mail
from portal.platform.database import db
from portal.platform.i18n import in_language_of
from portal.prompts.models import LeadReminder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    sent: int
    failed: int
    already: int


def leads_to_remind(month: date) -> list[Person]:
    """Return the active people leading a team who have not been reminded this month."""
    reminded = LeadReminder.select(LeadReminder.person).where(LeadReminder.month == month)
    return list(
        Person.select()
        .join(Team, on=(Team.lead == Person.id))
        .where((Person.active == True) & Person.id.not_in(reminded))
        .distinct()
        .order_by(Person.id)
    )


def message_for(person: Person, month: date, organisation: str) -> tuple[str, str]:
    """Return the subject and body of the reminder, in the lead's language."""
    with in_language_of(person):
        subject = _("A new discussion prompt is ready for your team meeting")
        body = "\n\n".join(
            [
                _("Hello %(name)s,", name=person.display_name),
                _(
                    "The discussion prompt for %(month)s is ready. Sign in to %(portal)s and open 'This month' to see it and to use it in your next team meeting.",
                    month=format_date(month, "LLLL yyyy"),
                    portal=organisation,
                ),
                _("This message is sent once a month to every team lead."),
            ]
        )
    return subject, body


def send_reminders(month: date, organisation: str) -> Outcome:
    """E-mail each team lead once for this month; a failed send is retried on the next run."""
    already = LeadReminder.select().where(LeadReminder.month == month).count()
    sent = failed = 0
    for person in leads_to_remind(month):
        # Claim first, so two runs at once never mail the same lead twice.
        try:
            with db.atomic():
                claim = LeadReminder.create(person=person, month=month)
        except IntegrityError:
            already += 1
            continue
        subject, body = message_for(person, month, organisation)
        try:
            mail.send(person.email, subject, body)
        except mail.MailNotSent as exc:
            claim.delete_instance()
            failed += 1
            log.warning("monthly reminder to person %s not sent: %s", person.id, exc)
        else:
            sent += 1
    return Outcome(sent, failed, already)

"""Tell advisers that something new waits for them: no content, no reporter, no category."""

import contextlib

from flask import url_for
from flask_babel import gettext as _

from portal.core.accounts.models import Person
from portal.platform import mail
from portal.platform.i18n import in_language_of


def something_new(advisers: list[Person]) -> None:
    """E-mail each adviser, in their own language, that there is something new in their inbox."""
    for adviser in advisers:
        with in_language_of(adviser):
            subject = _("Something new is waiting for you in Vertrouwd")
            body = _(
                "There is something new for you in Vertrouwd. Sign in to read it:\n%(link)s\n\n"
                "This message deliberately says nothing about its content.",
                link=url_for("triage.inbox", _external=True),
            )
        # The report is filed whatever happens to the mail; the inbox shows it anyway. A failure
        # is not logged: a log line carries an exact time, and the reporter's path keeps none.
        with contextlib.suppress(mail.MailNotSent):
            mail.send(adviser.email, subject, body)


def standing_in(stand_ins: list[Person]) -> None:
    """E-mail each stand-in that a report of a colleague they stand in for has something new."""
    for person in stand_ins:
        with in_language_of(person):
            subject = _("Something new is waiting for you in Vertrouwd")
            body = _(
                "A report of a colleague you stand in for has something new. Sign in to see "
                "which:\n%(link)s\n\nThis message deliberately says nothing about its content.",
                link=url_for("home.today", _external=True),
            )
        with contextlib.suppress(mail.MailNotSent):
            mail.send(person.email, subject, body)

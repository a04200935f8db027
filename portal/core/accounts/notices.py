"""What was done to a person's account, told to them: access log, sign-in notice, e-mail.

An administrator runs the system, never its trust: a password or second-step reset, a change
of roles and a replaced key pair are written to the access log and shown to the person at
every sign-in for a month (so whoever signs in with a temporary password cannot hide them),
and announced by an e-mail without content when mail is configured.
"""

import contextlib
from datetime import date, timedelta

from flask import current_app, has_app_context, has_request_context, url_for
from flask_babel import gettext as _

from portal.core.accounts.models import AccountNotice, Person
from portal.platform import mail
from portal.platform.clock import utcnow
from portal.platform.i18n import day_text, in_language_of

SHOWN_FOR = timedelta(days=31)
# The access log sits above accounts (its pages name people), so accounts does not import it:
# the app hands in the function that writes an account's entry (portal.core.audit.log.init_app).
ACCOUNT_LOG = "portal.account_log"
KINDS = ("password_reset", "second_factor_reset", "roles_changed", "key_replaced")


def record(person: Person, kind: str, by: Person | None, today: date | None = None) -> None:
    """Write the event to the access log and keep a notice for the person; e-mail them."""
    today = today or utcnow().date()
    AccountNotice.create(person=person, kind=kind, happened_on=today)
    if has_app_context():  # the portal, its commands; a bare domain call in a test has none
        current_app.extensions[ACCOUNT_LOG](person, by, kind)
        _mail(person)


def log(person: Person, by: Person | None, action: str) -> None:
    """Write a step towards a change (asked, declined) to the access log, without telling the
    person: the change itself, once a second person confirms it, is recorded and told."""
    if has_app_context():  # the portal; a bare domain call in a test has none
        current_app.extensions[ACCOUNT_LOG](person, by, action)


def _mail(person: Person) -> None:
    link = (
        url_for("auth.sign_in", _external=True)
        if has_request_context()
        else current_app.config["PORTAL_URL"] + "/sign-in"
    )
    with in_language_of(person):
        subject = _("Your Vertrouwd account was changed")
        body = _(
            "Something was changed in your Vertrouwd account. Sign in to see what:\n%(link)s\n\n"
            "If you did not expect this, tell your confidential adviser or HR.",
            link=link,
        )
    with contextlib.suppress(mail.MailNotSent):
        mail.send(person.email, subject, body)


def recent(person: Person, today: date | None = None) -> list[AccountNotice]:
    """Return the person's notices of the last month, newest first."""
    since = (today or utcnow().date()) - SHOWN_FOR
    return list(
        AccountNotice.select()
        .where((AccountNotice.person == person) & (AccountNotice.happened_on >= since))
        .order_by(AccountNotice.id.desc())
    )


def text_of(notice: AccountNotice) -> str:
    """Say what happened, in the current language."""
    day = day_text(notice.happened_on)
    texts = {
        "password_reset": _("On %(day)s an administrator gave you a temporary password."),
        "second_factor_reset": _(
            "On %(day)s an administrator reset your second step (authenticator app)."
        ),
        "roles_changed": _("On %(day)s an administrator changed your roles."),
        "key_replaced": _(
            "On %(day)s you were given a new key pair, because your old one could not be opened "
            "after a password reset. What reporters shared with your old key stopped; they are "
            "asked to confirm before anything is shared with you again."
        ),
    }
    return texts.get(notice.kind, texts["roles_changed"]) % {"day": day}

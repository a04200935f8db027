"""Optional sign-in through a header set by a trusted reverse proxy (single sign-on).

Only switch this on when the proxy in front of the portal removes the header from every
incoming request and sets it itself: whoever can set it can be anyone.
"""

from flask import Flask, current_app, request
from flask_login import current_user

from portal.core.accounts import sessions
from portal.core.accounts.models import Person
from portal.core.accounts.people import normalise_email


def sign_in_from_header() -> None:
    """Sign in (or switch to) the person the proxy names, if they have an active account."""
    name = request.headers.get(current_app.config["TRUSTED_USER_HEADER"], "").strip()
    if not name:
        return
    email = normalise_email(name)
    if current_user.is_authenticated:
        if current_user.email == email:
            return
        sessions.sign_out()
    person = Person.get_or_none((Person.email == email) & (Person.active == True))
    if person is not None:
        sessions.sign_in(person)


def init_app(app: Flask) -> None:
    if not app.config["TRUSTED_USER_HEADER"]:
        return

    @app.before_request
    def _from_header() -> None:
        if request.endpoint != "static":
            sign_in_from_header()

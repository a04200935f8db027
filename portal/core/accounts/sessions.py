"""Server-side session records behind Flask-Login: revocable, with idle and absolute timeouts."""

import base64
import hashlib
import json
import secrets
from datetime import datetime, timedelta

from flask import Flask, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from peewee import JOIN

from portal.core.accounts import second_factor
from portal.core.accounts.models import Person, PersonRole, SessionRecord
from portal.core.accounts.roles import Role
from portal.platform import crypto, published, reporter_path
from portal.platform.clock import utcnow
from portal.platform.database import Prepared
from portal.platform.extensions import login_manager

# Writing last_seen_at on every request would turn every page view into a write.
TOUCH_INTERVAL = timedelta(seconds=60)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(person: Person, now: datetime | None = None) -> str:
    """Open a session record for the person and return the token the cookie carries."""
    token = secrets.token_urlsafe(32)
    now = now or utcnow()
    person.session_record = SessionRecord.create(
        token_digest=_digest(token), person=person, created_at=now, last_seen_at=now
    )
    person.session_token = token
    return token


# Kept across sign-in and sign-out: the language, and a report being written (nothing typed is lost).
KEPT_ACROSS_SIGN_IN = ("locale", "report_draft")


def _fresh_cookie_session() -> None:
    """Drop everything in the cookie session but what must survive (a new token: no fixation)."""
    kept = {name: session[name] for name in KEPT_ACROSS_SIGN_IN if name in session}
    session.clear()
    session.update(kept)


def sign_in(person: Person) -> None:
    """Sign the person in on a new session record and a fresh cookie session."""
    _fresh_cookie_session()
    start(person)
    login_user(person)


# In the cookie session: this session began at the organisation's sign-in provider, so no key
# was opened (the portal never saw a password) and signing out ends it at the provider too.
THROUGH_PROVIDER = "signed_in_through_provider"


def note_provider_sign_in() -> None:
    session[THROUGH_PROVIDER] = True


def through_provider() -> bool:
    return bool(session.get(THROUGH_PROVIDER))


def sign_out() -> None:
    """Revoke the current session record and forget it in the browser."""
    if current_user.is_authenticated:
        end(current_user.session_token)
    logout_user()
    _fresh_cookie_session()


def end(token: str | None) -> None:
    """Revoke the session record behind a token."""
    if token:
        SessionRecord.delete().where(SessionRecord.token_digest == _digest(token)).execute()


def end_all(person: Person) -> None:
    """Revoke every session of a person (deactivation, password change elsewhere)."""
    SessionRecord.delete().where(SessionRecord.person == person).execute()


def is_expired(record: SessionRecord, now: datetime, idle: timedelta, absolute: timedelta) -> bool:
    """Tell whether a record has been idle too long or lived too long."""
    return record.last_seen_at + idle <= now or record.created_at + absolute <= now


_SESSION_WITH_PERSON = Prepared(
    lambda digest: published.read_along(
        SessionRecord.select(SessionRecord, Person, PersonRole.role)
        .join(Person)
        .join(PersonRole, JOIN.LEFT_OUTER, on=(PersonRole.person == Person.id), attr="role_row")
        .where(SessionRecord.token_digest == digest)
    )
)


def resume(token: str, now: datetime | None = None) -> Person | None:
    """Return the person behind a live token, refreshing its idle timer; None if gone."""
    now = now or utcnow()
    # One query for the session, the person, their roles (a row per role) and published
    # content's counter: this runs on every signed-in request, so it is the page's fixed cost.
    rows = _SESSION_WITH_PERSON.rows(_digest(token))
    if not rows:
        return None
    record = rows[0]
    published.noted(record)
    roles = (getattr(row.person, "role_row", None) for row in rows)
    record.person._roles = frozenset(Role(r.role) for r in roles if r is not None and r.role)
    idle = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    absolute = timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])
    if is_expired(record, now, idle, absolute) or not record.person.active:
        record.delete_instance()
        return None
    # The reporter's pages leave the activity time alone: it could be laid beside a report's.
    if now - record.last_seen_at >= TOUCH_INTERVAL and not reporter_path.active():
        SessionRecord.update(last_seen_at=now).where(SessionRecord.id == record.id).execute()
    person = record.person
    person.session_record, person.session_token = record, token
    return person


def _vault_key(token: str) -> bytes:
    return hashlib.blake2b(token.encode(), digest_size=32, person=b"vertrouwd-vault").digest()


def store_in_vault(person: Person, **secrets_: bytes | str | None) -> None:
    """Keep secrets for this session, encrypted under a key only the session cookie carries."""
    record = person.session_record
    content = open_vault(person)
    for name, value in secrets_.items():
        if value is None:
            content.pop(name, None)
        else:
            raw = value.encode() if isinstance(value, str) else value
            content[name] = base64.b64encode(raw).decode()
    blob = crypto.encrypt(
        _vault_key(person.session_token), json.dumps(content).encode(), record.token_digest.encode()
    )
    record.vault = blob
    SessionRecord.update(vault=blob).where(SessionRecord.id == record.id).execute()


def open_vault(person: Person) -> dict[str, str]:
    """Return the session's stored secrets (base64 text), or nothing."""
    record = person.session_record
    if record is None or record.vault is None:
        return {}
    # Opened once per request and vault: several checks of a page read it.
    opened = getattr(record, "_opened_vault", None)
    if opened is not None and opened[0] is record.vault:
        return dict(opened[1])
    try:
        raw = crypto.decrypt(
            _vault_key(person.session_token), bytes(record.vault), record.token_digest.encode()
        )
    except crypto.DecryptionFailed:
        return {}
    content = json.loads(raw)
    record._opened_vault = (record.vault, content)
    return dict(content)


def vault_secret(person: Person, name: str) -> bytes | None:
    """Return one secret from the session vault, or None."""
    value = open_vault(person).get(name)
    return base64.b64decode(value) if value else None


def mark_second_factor(person: Person, now: datetime | None = None) -> None:
    """Record that this session has passed the second factor."""
    record = person.session_record
    record.second_factor_at = now or utcnow()
    SessionRecord.update(second_factor_at=record.second_factor_at).where(
        SessionRecord.id == record.id
    ).execute()


def needs_second_factor(person: Person) -> bool:
    """Tell whether the person's roles call for a second factor this session has not passed."""
    roles = {r.strip() for r in current_app.config["SECOND_FACTOR_ROLES"].split(",") if r.strip()}
    required = any(role in roles for role in person.roles)
    return required and person.session_record.second_factor_at is None


def init_app(app: Flask) -> None:
    """Wire Flask-Login to the session records."""
    second_factor.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = None  # the server-side record is the protection
    login_manager.login_view = "auth.sign_in"

    @login_manager.user_loader
    def _load(token: str) -> Person | None:
        person = resume(token)
        if person is None:
            g.session_expired = True
            session.pop("_user_id", None)
        return person

    @login_manager.unauthorized_handler
    def _unauthorized():
        if g.get("session_expired"):
            flash(_("Your session has ended. Please sign in again."), "info")
        else:
            flash(_("Please sign in to open this page."), "info")
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.sign_in", next=target))

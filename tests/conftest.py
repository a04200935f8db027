"""Fixtures: a fresh SQLite file per test, migrated; a client; small factories."""

import os
import time
import uuid
from collections.abc import Iterable

import pyotp
import pytest
from playhouse.pool import PooledDatabase

from portal import create_app
from portal.core.accounts import people
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.platform import database

# The tests' own "today" (date.today()) is the portal's day (PORTAL_TIMEZONE, Europe/Amsterdam by
# default), whatever zone the machine keeps: on a UTC machine the two differ from 23:00 to
# midnight UTC in winter, and a test comparing them failed in that hour.
os.environ["TZ"] = "Europe/Amsterdam"
time.tzset()

PASSWORD = "correct horse battery staple"
TEST_SECRET = "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def fresh_database_url(tmp_path) -> str:
    """A new, empty database for one test: a SQLite file, or on TEST_DATABASE_URL's PostgreSQL
    server a database of its own (the suite runs on both; see .ci/run)."""
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        return f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    import psycopg

    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    CREATED_DATABASES.append((server, name))
    return server.rsplit("/", 1)[0] + "/" + name


CREATED_DATABASES: list[tuple[str, str]] = []


def drop_created_databases() -> None:
    """Drop the test's PostgreSQL database; a busy one (autovacuum) is retried, then left."""
    import time
    import warnings

    import psycopg

    while CREATED_DATABASES:
        server, name = CREATED_DATABASES.pop()
        for attempt in range(5):
            try:
                with psycopg.connect(server, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                break
            except psycopg.Error as exc:
                if attempt == 4:
                    warnings.warn(f"test database {name} left behind: {exc}", stacklevel=1)
                time.sleep(0.5)


def make_app(tmp_path, **overrides):
    """Build a test app on a fresh database (see fresh_database_url), with migrations applied."""
    config = {
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": fresh_database_url(tmp_path),
        "SECRET_KEY": TEST_SECRET,
        "PORTAL_ENV": "testing",
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "SESSION_COOKIE_SECURE": False,
    }
    app = create_app({**config, **overrides})
    with app.app_context():
        database.upgrade()
    return app


@pytest.fixture(autouse=True)
def cheap_key_derivation(monkeypatch):
    """Argon2 at its lowest cost in tests: the real cost is measured in bench/, not here."""
    from argon2 import PasswordHasher

    from portal.core.accounts import passwords
    from portal.platform import crypto

    monkeypatch.setattr(crypto, "KDF_OPS", 1)
    monkeypatch.setattr(crypto, "KDF_MEM", 8 * 1024)
    monkeypatch.setattr(
        passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    # No app context stays pushed: each test request gets its own, as in production (a
    # shared one would keep Flask-Login's cached user and the connection across requests).
    yield app
    if not database.db.is_closed():
        database.db.close()
    if isinstance(database.db.obj, PooledDatabase):
        database.db.obj.close_all()  # the next test opens a new database file
    drop_created_databases()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF protection switched on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def make_person(
    email: str = "sanne@example.test",
    name: str = "Sanne de Vries",
    roles: Iterable[Role] = (Role.EMPLOYEE,),
    password: str = PASSWORD,
    totp_secret: str | None = None,
) -> Person:
    """Create a person who can sign in with PASSWORD; with a TOTP secret already enrolled."""
    person = people.create_person(email, name, password, roles, must_change_password=False)
    if totp_secret:
        person.totp_secret = totp_secret
        person.save()
    return person


def sign_in(client, email: str, password: str = PASSWORD, follow: bool = False):
    """Post the sign-in form."""
    return client.post(
        "/sign-in", data={"email": email, "password": password}, follow_redirects=follow
    )


def pass_second_factor(client, secret: str):
    """Post the current code for a person whose authenticator has this secret."""
    return client.post("/second-factor", data={"code": pyotp.TOTP(secret).now()})


def signed_in_client(client, roles: Iterable[Role], email: str = "someone@example.test"):
    """Create a person with these roles and sign them in completely (second factor too)."""
    secret = pyotp.random_base32()
    make_person(email=email, roles=roles, totp_secret=secret)
    sign_in(client, email)
    pass_second_factor(client, secret)
    return client


def make_adviser(
    email: str = "adviser@example.test",
    name: str = "Marieke Jansen",
    listed: bool = True,
    **profile,
) -> Person:
    """Create an adviser with a key pair (password PASSWORD), a TOTP secret and a profile."""
    from portal.advisers.models import AdviserProfile
    from portal.core.accounts import keyring

    person = make_person(
        email=email, name=name, roles=(Role.ADVISER,), totp_secret=pyotp.random_base32()
    )
    keyring.create(person, PASSWORD)
    keyring.confirm_recovery_key(person, "x", "x")
    AdviserProfile.create(person=person, listed=listed, **profile)
    return person


def sign_in_fully(client, person: Person):
    """Sign a person in with PASSWORD and pass their second factor if they have one."""
    sign_in(client, person.email)
    if person.totp_secret:
        pass_second_factor(client, person.totp_secret)
    return client


class MailSink:
    """A local SMTP server that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email.policy import default

        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"


@pytest.fixture
def mail_sink(app):
    """Point the app's SMTP settings at a real local SMTP server; yield what it receives."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_FROM="vertrouwd@example.test")
    yield sink
    controller.stop()

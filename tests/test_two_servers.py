"""Two application servers in front of one database, as a larger organisation runs the portal
behind a load balancer (README, "Deploying on-premise"): started together they migrate once;
a person signed in on one is signed in on the other (sessions live in the database, so no
sticky sessions are needed); the sign-in throttle counts attempts on both; a guide page HR
publishes on one shows at once on the other (the published counter).

On the PostgreSQL pass of the suite the two servers share a PostgreSQL database; on the SQLite
pass they share one SQLite file (two servers on one machine)."""

import http.client
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pyotp
import pytest

from portal import create_app
from portal.platform import database
from tests.conftest import (
    PASSWORD,
    TEST_SECRET,
    drop_created_databases,
    fresh_database_url,
    make_person,
)

PORTAL = Path(sys.executable).parent / "portal"


class Browser:
    """One person's cookies, sent to whichever server the load balancer picks."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.getheader("Location") or "", text

    def post_form(self, port: int, path: str, fields: dict):
        """GET the page for its CSRF token, then POST the form, as a browser would."""
        _, _, page = self.request(port, "GET", path)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        return self.request(port, "POST", path, {**fields, "csrf_token": token})

    def sign_in(self, port: int, email: str, password: str = PASSWORD):
        return self.post_form(port, "/sign-in", {"email": email, "password": password})


def answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/sign-in")
        connection.getresponse().read()
        return True
    except OSError:
        return False


def free_ports(count: int) -> list[int]:
    import socket

    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


@pytest.fixture
def two_servers(tmp_path):
    """Start two `portal serve` processes at the same moment on one empty database."""
    url = fresh_database_url(tmp_path)
    ports = free_ports(2)
    servers = []
    for name, port in zip("ab", ports, strict=True):
        instance = tmp_path / f"server-{name}"
        instance.mkdir()
        env = {
            **os.environ,
            "PORTAL_ENV": "development",
            "PORTAL_INSTANCE": str(instance),
            "SECRET_KEY": TEST_SECRET,  # shared by every instance, as the README says
            "DATABASE_URL": url,
            "SIGNIN_MAX_FAILURES": "3",
        }
        log = (instance / "server.log").open("w")
        servers.append(
            subprocess.Popen(  # noqa: S603
                [str(PORTAL), "serve", "--port", str(port), "--workers", "1"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    try:
        deadline = time.time() + 90
        while not all(answers(port) for port in ports):
            for server, name in zip(servers, "ab", strict=True):
                if server.poll() is not None:
                    output = (tmp_path / f"server-{name}" / "server.log").read_text()
                    pytest.fail(f"server {name} stopped:\n{output[-3000:]}")
            if time.time() > deadline:
                pytest.fail("the two servers did not answer within 90 s")
            time.sleep(0.3)
        # The test's own view of the same database, for making people (as an administrator would).
        app = create_app(
            {
                "DATABASE_URL": url,
                "SECRET_KEY": TEST_SECRET,
                "PORTAL_ENV": "testing",
                "INSTANCE_PATH": str(tmp_path / "test-instance"),
            }
        )
        with app.app_context():
            yield ports
    finally:
        for server in servers:
            os.killpg(server.pid, 15)
        for server in servers:
            server.wait(timeout=30)
        if not database.db.is_closed():
            database.db.close()
        drop_created_databases()


def test_started_together_they_apply_each_migration_once(two_servers):
    with database.db.connection_context():
        names = [row[0] for row in database.db.execute_sql("SELECT name FROM schema_migration")]
    expected = sorted(p.stem for p in database.MIGRATIONS.glob("0*.py"))
    assert sorted(names) == expected  # each once, none missing


def test_signed_in_on_one_is_signed_in_on_the_other(two_servers):
    one, other = two_servers
    with database.db.connection_context():
        make_person(email="sanne@example.test", name="Sanne de Vries")
    browser = Browser()
    status, location, _ = browser.sign_in(one, "sanne@example.test")
    assert status == 302 and "/sign-in" not in location
    status, _, page = browser.request(other, "GET", "/")
    assert status == 200 and "Sanne de Vries" in page
    # Signing out on the other ends the session on both.
    _, _, page = browser.request(other, "GET", "/")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    status, _, _ = browser.request(other, "POST", "/sign-out", {"csrf_token": token})
    assert status == 302
    status, _, page = browser.request(one, "GET", "/")
    assert "Sanne de Vries" not in page


def test_the_sign_in_throttle_counts_attempts_on_both(two_servers):
    one, other = two_servers
    with database.db.connection_context():
        make_person(email="kees@example.test", name="Kees Jansen")
    attacker = Browser()
    for port in (one, other, one):  # SIGNIN_MAX_FAILURES=3, spread over both servers
        status, _, page = attacker.sign_in(port, "kees@example.test", "wrong password")
        assert status == 200
    # The right password is refused now on either server: the failures were counted together.
    for port in (other, one):
        status, location, page = attacker.sign_in(port, "kees@example.test")
        assert status != 302 or "/sign-in" in location, port


def test_a_page_hr_publishes_on_one_shows_at_once_on_the_other(two_servers):
    one, other = two_servers
    secret = pyotp.random_base32()
    with database.db.connection_context():
        from portal.core.accounts.roles import Role

        make_person(email="hr@example.test", name="Hanna HR", roles=(Role.HR,), totp_secret=secret)
    reader = Browser()
    _, _, before = reader.request(other, "GET", "/guide/")  # the other server keeps the list
    assert "Na een vergadering" not in before

    hr = Browser()
    hr.sign_in(one, "hr@example.test")
    status, _, _ = hr.post_form(one, "/second-factor", {"code": pyotp.TOTP(secret).now()})
    assert status == 302
    status, location, page = hr.post_form(
        one,
        "/guide/manage/new",
        {
            "action": "save",
            "title_nl": "Na een vergadering",
            "body_nl": "Wat je kunt doen na een lastige vergadering.",
            "title_en": "After a meeting",
            "body_en": "What you can do after a difficult meeting.",
        },
    )
    assert status == 302, page[-2000:]
    _, _, after = reader.request(other, "GET", "/guide/")
    assert "Na een vergadering" in after

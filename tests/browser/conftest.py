"""Browser fixtures: the demo portal served as a user starts it, Debian's Chromium, axe-core.

One portal and one browser serve the whole session. Each test gets fresh browser contexts
(no cookies shared between tests), and every page a test lands on is audited with axe-core,
checked for the chosen language, and watched for Content-Security-Policy violations.
"""

import contextlib
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from playwright.sync_api import sync_playwright

from tests.browser import axe

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # the suite runs as root in CI containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home, and the network here is closed.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_SECONDS = 90  # the demo seeds its reports at the real Argon2 cost
DEMO_PASSWORD = "vertrouwd-demo-2026"
TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    admin: bool = False
    second_factor: bool = False
    staff: bool = False  # lands on the today page after signing in

    @property
    def lands_on(self) -> str:
        return "/today" if self.staff else "/"

    @property
    def key(self) -> str:
        return self.email.split("@")[0]


# The demo organisation that `portal serve --demo` seeds (portal/ops/demo.py).
EMPLOYEE = DemoPerson("medewerker@demo.test", "Sanne de Vries")
TEAM_LEAD = DemoPerson("leidinggevende@demo.test", "Ahmed Yilmaz", staff=True)
ADVISER = DemoPerson(
    "vertrouwenspersoon@demo.test", "Marieke Jansen", second_factor=True, staff=True
)
ADVISER_2 = DemoPerson(
    "vertrouwenspersoon2@demo.test", "Kofi Mensah", second_factor=True, staff=True
)
EXTERNAL_ADVISER = DemoPerson("extern@demo.test", "Els van Dam", second_factor=True, staff=True)
HR = DemoPerson("hr@demo.test", "Pieter Bakker", second_factor=True, staff=True)
ADMIN = DemoPerson("beheer@demo.test", "Noor Hendriks", admin=True, second_factor=True, staff=True)
MANAGEMENT = DemoPerson("directie@demo.test", "Willem de Groot")
DEMO_PEOPLE = [EMPLOYEE, TEAM_LEAD, ADVISER, ADVISER_2, EXTERNAL_ADVISER, HR, ADMIN, MANAGEMENT]


def path_of(url: str) -> str:
    return urlsplit(url).path


@dataclass(frozen=True)
class LiveServer:
    url: str
    stderr: Path
    neutral_url: str  # where its quick exit leaves for (see neutral_site)

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log, to explain a 500 without a second run."""
        return "\n".join(self.stderr.read_text(errors="replace").splitlines()[-lines:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; its absence fails the suite, it never skips it."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Install it with `apt-get install chromium` (browsers cannot be downloaded here).",
            pytrace=False,
        )
    return str(CHROMIUM)


NEUTRAL_PAGE = b"<!doctype html><html lang=nl><title>Het weer</title><h1>Het weer vandaag</h1>"


class NeutralPage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(NEUTRAL_PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def neutral_site():
    """A stand-in for the quick exit's neutral site (the default one is on the internet, and
    the network here is closed): another origin, as the real one is."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NeutralPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, neutral_site):
    """Start `portal serve --demo` in a subprocess on a free port, as a newcomer would."""
    with demo_server(tmp_path_factory.mktemp("instance"), neutral_site) as server:
        yield server


@contextlib.contextmanager
def demo_server(instance: Path, neutral_site: str):
    """Serve the demo from its own instance folder until the block ends (a walk that opens
    every page gets a server of its own, so the journeys find the demo as seeded)."""
    portal = Path(sys.executable).parent / "portal"
    if not portal.exists():
        portal = shutil.which("portal")
    assert portal, "the `portal` command is not installed: pip install -e '.[test]'"
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "PORTAL_ENV", "PORTAL_HTTPS"}
    }
    env["PORTAL_INSTANCE"] = str(instance)
    env["QUICK_EXIT_URL"] = neutral_site
    out, err = instance / "server.out", instance / "server.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        server = subprocess.Popen(
            [str(portal), "serve", "--demo", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"

    def stop() -> None:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()

    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(base_url + "/", timeout=2):  # noqa: S310 - our server
                break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            stop()
            pytest.fail(
                f"`portal serve --demo` did not answer on {base_url}/ within "
                f"{SERVER_START_SECONDS} s (exit code {server.returncode}).\n"
                f"stdout:\n{out.read_text(errors='replace')}\n"
                f"stderr:\n{err.read_text(errors='replace')}",
                pytrace=False,
            )
        time.sleep(0.2)
    try:
        yield LiveServer(base_url, err, neutral_site)
    finally:
        stop()


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright, chromium_executable):
    browser = playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class Auditor:
    """A JavaScript-enabled tab that audits snapshots of pages seen with JavaScript off.

    With JavaScript disabled, timers never fire in the page, so axe-core cannot run there.
    The auditor writes the exact DOM the visitor saw into a page of the portal's own origin,
    under the same Content-Security-Policy, with the same stylesheets and with the page's own
    scripts blocked (as they were), waits for it to load, and runs axe on it.
    """

    BLANK = "/__axe-audit__"

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.csp: str | None = None
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        request = route.request
        if request.url == self.base_url + self.BLANK:
            headers = {"content-type": "text/html; charset=utf-8"}
            if self.csp:
                headers["content-security-policy"] = self.csp
            route.fulfill(status=200, body="<!doctype html><title>audit</title>", headers=headers)
        elif request.resource_type == "script":
            route.abort()
        else:
            route.continue_()

    def violations(self, html: str, csp: str | None) -> list[dict]:
        if self.page.url != self.base_url + self.BLANK or csp != self.csp:
            self.csp = csp  # a fresh document, so that it is this policy that applies
            self.page.goto(self.base_url + self.BLANK)
        self.page.set_content(html)  # returns once the snapshot and its stylesheets loaded
        return axe.violations(self.page)


@pytest.fixture(scope="session")
def auditor(browser, live_server):
    auditor = Auditor(browser, live_server.url)
    yield auditor
    auditor.context.close()


class Authenticator:
    """Every demo person's authenticator app: the key they enrolled and the last step used.

    The portal accepts each 30-second code only once per person, so a second sign-in within
    the same step waits for the next one, as a person with a real app would.
    """

    def __init__(self):
        self.secrets: dict[str, str] = {}
        self.last_step: dict[str, int] = {}

    def enrolled(self, email: str) -> bool:
        return email in self.secrets

    def enrol(self, email: str, secret: str) -> None:
        self.secrets[email] = secret

    def valid_codes(self, email: str) -> set[str]:
        """The codes the portal accepts now (one step of clock drift either way)."""
        totp = pyotp.TOTP(self.secrets[email])
        now = time.time()
        return {totp.at(now + drift) for drift in (-totp.interval, 0, totp.interval)}

    def code(self, email: str) -> str:
        """Return a code of a step not used before by this person, waiting for one if needed."""
        totp = pyotp.TOTP(self.secrets[email])
        while (step := int(time.time() // totp.interval)) <= self.last_step.get(email, -1):
            time.sleep((step + 1) * totp.interval - time.time() + 0.05)
        self.last_step[email] = step
        return totp.at(step * totp.interval)


@pytest.fixture(scope="session")
def authenticator():
    return Authenticator()


class Visitor:
    """A person in one browser tab. Every page it lands on passes `check`: axe-core finds
    nothing, the page speaks the chosen language, JavaScript is on or off as asked, and the
    console shows no Content-Security-Policy violation."""

    def __init__(self, context, server: LiveServer, js: bool, auditor: Auditor, authenticator):
        self.context = context
        self.server = server
        self.base_url = server.url
        self.js = js
        self.auditor = auditor
        self.authenticator = authenticator
        self.lang = "nl"  # the portal's default
        self.visited: list[str] = []
        self.problems: list[str] = []
        self.page = context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"uncaught error: {exc}"))

    def _on_console(self, message) -> None:
        if "content security policy" in message.text.lower():
            self.problems.append(f"{message.type}: {message.text} ({self.page.url})")

    # Moving around

    @property
    def path(self) -> str:
        return path_of(self.page.url)

    def goto(self, path: str):
        """Open an address as if typed, then check the page."""
        response = self.page.goto(self.base_url + path)
        self.check(response)
        return response

    def follow(self, locator, key: str | None = None):
        """Click a link or button (or press a key on it), wait for the new page, check it."""
        assert locator.count() == 1, f"expected one {locator} on {self.page.url}"
        with self.page.expect_navigation() as navigation:
            if key:
                locator.press(key)
            else:
                locator.click()
        self.check(navigation.value)
        return navigation.value

    def check(self, response) -> None:
        """Hold the page just reached to the rules every page keeps."""
        page = self.page
        assert response is not None, f"no response for {page.url}"
        self.visited.append(page.url)
        if response.status >= 500:
            pytest.fail(
                f"{page.url} answered {response.status}; the server's log ends:\n"
                + self.server.log_tail(),
                pytrace=False,
            )
        lang = page.evaluate("() => document.documentElement.lang")
        assert lang == self.lang, f'{page.url}: <html lang="{lang}">, expected "{self.lang}"'
        htmx = page.evaluate("() => typeof window.htmx")
        if self.js:
            assert htmx == "object", f"{page.url}: htmx did not load with JavaScript on"
        else:
            assert htmx == "undefined", f"{page.url}: page scripts ran with JavaScript off"
        if self.js:
            found = axe.violations(page)
        else:
            csp = response.headers.get("content-security-policy")
            found = self.auditor.violations(page.content(), csp)
        assert not found, axe.describe(
            found, f"{page.url} (JavaScript {'on' if self.js else 'off'})"
        )
        self.assert_no_console_problems()

    def assert_no_console_problems(self) -> None:
        assert not self.problems, "the browser console reported:\n" + "\n".join(self.problems)

    # What people do

    def nav_links(self) -> list[str]:
        return self.page.locator("nav.main-nav a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )

    def switch_language(self, code: str) -> None:
        """Press the language button in the header; the same page comes back in that language."""
        before = self.path
        self.lang = code
        self.follow(self.page.locator(f".language-switch button[value='{code}']"))
        assert self.path == before, f"switching language moved from {before} to {self.path}"

    def sign_in(self, person: DemoPerson, password: str = DEMO_PASSWORD) -> None:
        """Sign in through the form (and the second step when the role needs it); land on the
        today page (staff) or the home page (everyone else)."""
        if self.path != "/sign-in":
            self.follow(self.page.locator(".account a[href='/sign-in']"))
        self.submit_sign_in(person.email, password)
        if person.second_factor:
            assert self.path == "/second-factor", f"{person.email} skipped the second step"
            self.pass_second_factor(person)
        self.assert_signed_in_as(person.name, person.lands_on)

    def submit_sign_in(self, email: str, password: str):
        page = self.page
        assert self.path == "/sign-in"
        # The fields are found by their labels, as a screen reader user finds them.
        email_field = page.locator("label[for='email']")
        assert email_field.count() == 1 and page.locator("#email").get_attribute("name") == "email"
        page.locator("#email").fill(email)
        page.locator("#password").fill(password)
        return self.follow(page.locator("main form button[type='submit']"))

    def pass_second_factor(self, person: DemoPerson) -> None:
        page, app = self.page, self.authenticator
        assert "/admin/" not in " ".join(self.nav_links()), "role pages offered before step two"
        if app.enrolled(person.email):
            assert page.locator("figure.qr svg").count() == 0, "enrolled, yet the QR code again"
        else:
            assert page.locator("figure.qr svg").count() == 1, "no QR code to enrol with"
            app.enrol(person.email, page.locator("code.secret").inner_text().strip())
        hint = page.locator(".demo-hint").inner_text()
        shown = re.search(r"\b\d{6}\b", hint)
        assert shown and shown.group() in app.valid_codes(person.email), f"demo hint: {hint!r}"
        page.locator("#code").fill(app.code(person.email))
        self.follow(page.locator("main form.form button[type='submit']"))

    def assert_signed_in_as(self, name: str, landing: str = "/") -> None:
        assert self.path == landing, f"signed in, but on {self.page.url}, not {landing}"
        assert self.page.locator(".account__name").inner_text() == name
        assert self.page.locator(".account a[href='/sign-in']").count() == 0

    def sign_out(self) -> None:
        """Press "Sign out" in the header; the header offers signing in again and pages close."""
        page = self.page
        self.follow(page.locator(".account form[action='/sign-out'] button"))
        assert self.path == "/"
        assert page.locator(".account a[href='/sign-in']").is_visible()
        assert page.locator(".account__name").count() == 0
        self.goto("/admin/people")
        assert self.path == "/sign-in", f"/admin/people after signing out: {page.url}"


@pytest.fixture
def visitor(browser, live_server, auditor, authenticator):
    """Make visitors (a fresh browser context each, JavaScript on or off); close them after.

    Console problems that arrive after a test's last check still fail it, here.
    """
    made = []

    def make(js: bool = True, in_browser=None) -> Visitor:
        context = (in_browser or browser).new_context(java_script_enabled=js)
        made.append(Visitor(context, live_server, js, auditor, authenticator))
        return made[-1]

    yield make
    problems = [p for v in made for p in v.problems]
    for v in made:
        v.context.close()
    if problems:
        pytest.fail("the browser console reported:\n" + "\n".join(problems), pytrace=False)

"""Hostile input rendered in Chromium: 125 XSS payloads in every text field, none of them runs.

The data is written through the app in this process (domain functions and its test client),
and Chromium reads the pages from the same app served on loopback. Two checks per page: no
payload ran (window.__pwned stays 0, no dialog opened), and the DOM holds no element with an
event-handler attribute, an htmx attribute or a javascript: address that came from input.
"""

import socket
import threading
from datetime import date

import pyotp
import pytest
from werkzeug.serving import make_server

from portal.consent import sharing
from portal.core.accounts import teams
from portal.core.accounts.roles import Role
from portal.reports import filing, notes, opening
from tests.conftest import (
    PASSWORD,
    make_adviser,
    make_app,
    make_person,
    pass_second_factor,
    sign_in,
)
from tests.security.xss_corpus import PAYLOADS, chunks

pytestmark = pytest.mark.browser
CORPUS = "\n".join(PAYLOADS)
WATCH = "window.__pwned = 0; window.alert = window.confirm = window.prompt = () => { window.__pwned = 1; };"
# Attributes that would only be in the DOM if input had been turned into markup.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      // htmx reads data-hx-* as it reads hx-*: both count.
      const name = attr.name.toLowerCase().replace(/^data-(?=hx-)/, ''), value = (attr.value || '').trim().toLowerCase();
      if (name.startsWith('on') || name.startsWith('hx-on')) found.push(el.tagName + ' ' + name);
      if (name === 'hx-trigger' && value.includes('load')) found.push(el.tagName + ' hx-trigger=load');
      if (['href', 'src', 'action', 'data', 'formaction'].includes(name) && value.startsWith('javascript:')) {
        found.push(el.tagName + ' ' + name + '=' + value);
      }
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'STYLE'].includes(el.tagName) && el.closest('body')) {
      found.push('element ' + el.tagName);
    }
  }
  return found;
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def hostile(tmp_path):
    """The app with hostile data, served on loopback for Chromium."""
    app = make_app(tmp_path)
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{port}"
    server.shutdown()


def seed(app):
    """Put the corpus into every text field the portal stores and shows."""
    adviser = make_adviser(
        email="adviser@example.test",
        name=chunks(190)[0][:190],
        introduction_nl=CORPUS,
        introduction_en=CORPUS,
        contact=CORPUS,
        organisation=chunks(190)[1][:190],
    )
    hr = make_person(
        email="hr@example.test",
        name="HR " + chunks(180)[2][:180],
        roles=[Role.EMPLOYEE, Role.HR],
        totp_secret=pyotp.random_base32(),
    )
    from portal.core.accounts import keyring

    keyring.create(hr, PASSWORD)
    incident = {
        key: CORPUS
        for key in ("when", "time", "place", "address", "people", "witnesses", "description")
    }
    submission = filing.Submission(
        "bullying",
        [incident, incident],
        "yes",
        ["advice"],
        CORPUS,
        "confidential",
        [adviser.id],
        contact={"name": CORPUS, "email": CORPUS, "phone": CORPUS},
    )
    from portal.reports.evidence import Evidence

    submission.evidence = [
        Evidence(payload[:200] + ".txt", "text/plain", CORPUS.encode(), "0" * 64, False)
        for payload in PAYLOADS[:5]
    ]
    filed = filing.file_report(submission, None, date.today())
    with app.app_context(), app.test_request_context():
        opened = opening.open_with_code(filed.receipt_code, "127.0.0.1")
        opening.post_message(opened, "reporter", CORPUS, date.today())
        opening.post_message(opened, "adviser", CORPUS, date.today(), adviser=adviser)
        notes.add_note(opened, adviser, CORPUS)
        consent = sharing.grant(opened, "share_hr", hr.id, date.today())
        sharing.write_summary(opened, consent.id, adviser, CORPUS, date.today())
    admin = make_person(
        email="admin@example.test",
        name="Admin",
        roles=[Role.ADMIN],
        totp_secret=pyotp.random_base32(),
    )
    for n, piece in enumerate(chunks(190)):
        person = make_person(email=f"p{n}@example.test", name=piece[:190])
        teams.save_team(None, f"{n} {piece[:150]}", None, [person])
    return adviser, hr, admin, filed


def signed_in_context(browser, app, base_url, person):
    """A browser context carrying the session of `person`, signed in through the app."""
    client = app.test_client()
    sign_in(client, person.email)
    if person.totp_secret:
        pass_second_factor(client, person.totp_secret)
    context = browser.new_context(base_url=base_url)
    cookie = client.get_cookie("vertrouwd")
    context.add_cookies([{"name": "vertrouwd", "value": cookie.value, "url": base_url}])
    return context


def assert_harmless(page, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.goto(path)
    assert response.status < 500, f"{path}: {response.status}"
    page.wait_for_timeout(150)  # let onerror/onload/autofocus handlers fire if any were injected
    assert page.evaluate("() => window.__pwned") == 0, f"a payload ran on {path}"
    assert not dialogs, f"a payload opened a dialog on {path}"
    assert page.evaluate(INJECTED) == [], (
        f"injected markup on {path}: {page.evaluate(INJECTED)[:5]}"
    )
    return page.content()


def test_payloads_in_every_stored_field_never_run(browser, hostile):
    app, base_url = hostile
    adviser, hr, admin, filed = seed(app)
    reference = filed.report.reference

    staff = signed_in_context(browser, app, base_url, adviser)
    staff.add_init_script(WATCH)
    page = staff.new_page()
    html = assert_harmless(page, f"/inbox/{reference}")
    assert html.count("window.__pwned=1") >= len(PAYLOADS), "the corpus is not on the page as text"
    assert_harmless(page, "/inbox/")
    assert_harmless(page, "/advisers/")
    staff.close()

    reader = signed_in_context(browser, app, base_url, hr)
    reader.add_init_script(WATCH)
    page = reader.new_page()
    assert "window.__pwned=1" in assert_harmless(page, "/shared/")
    reader.close()

    administrator = signed_in_context(browser, app, base_url, admin)
    administrator.add_init_script(WATCH)
    page = administrator.new_page()
    for path in (
        "/admin/people",
        "/admin/people?page=2",
        "/admin/teams",
        f"/admin/people/{adviser.id}",
    ):
        assert_harmless(page, path)
    administrator.close()

    reporter = browser.new_context(base_url=base_url)
    reporter.add_init_script(WATCH)
    page = reporter.new_page()
    page.goto("/followup/")
    page.fill("#code", filed.receipt_code)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/followup/report")
    assert_harmless(page, "/followup/report")
    reporter.close()


def test_payloads_typed_into_forms_are_echoed_harmlessly(browser, hostile):
    app, base_url = hostile
    make_adviser()
    context = browser.new_context(base_url=base_url)
    context.add_init_script(WATCH)
    page = context.new_page()
    for piece in chunks(480):
        page.goto("/report/form")
        for field in (
            "incidents-0-when",
            "incidents-0-time",
            "incidents-0-place",
            "incidents-0-people",
            "incidents-0-witnesses",
            "contact_name",
            "contact_phone",
        ):
            page.fill(f"[name='{field}']", piece)
        page.fill("[name='incidents-0-description']", CORPUS)
        page.fill("[name='wish_note']", CORPUS)
        page.fill("[name='contact_email']", piece)
        page.click("main form button[value=review]")
        page.wait_for_load_state()
        page.wait_for_timeout(100)
        assert page.evaluate("() => window.__pwned") == 0
        assert page.evaluate(INJECTED) == []
        assert "window.__pwned=1" in page.content()
    page.goto("/followup/")
    page.fill("#code", CORPUS[:60])
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.evaluate("() => window.__pwned") == 0
    context.close()

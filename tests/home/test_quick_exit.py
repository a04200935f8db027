"""The quick exit (issue 28): on every page that shows something sensitive, a plain form that
works without JavaScript; it ends what the browser holds on the server (signed in, a report or
record opened by its code, a report being written), deletes the cookie and leaves for a neutral
page that needs no configuration."""

from portal.core.accounts.models import SessionRecord
from portal.followup.models import FollowUp
from portal.platform.settings import DEFAULT_QUICK_EXIT_URL
from portal.reports import walkthrough
from portal.reports.models import ReportDraft
from tests.aftercare.helpers import client_for, open_case, team
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_report, in_english, receipt_of
from tests.record.helpers import become_owner, entry_data
from tests.record.test_record_code import started

QUICK_EXIT = 'action="/exit" class="quick-exit no-print"'


def leave(client, **headers):
    response = client.post("/exit", headers=headers)
    cookie = response.headers.get("Set-Cookie", "")
    assert cookie.startswith("vertrouwd=;") and "Expires=Thu, 01 Jan 1970" in cookie, cookie
    assert "no-store" in response.headers["Cache-Control"]
    return response


def test_the_default_leaves_for_a_neutral_site_outside_the_portal(app):
    assert app.config["QUICK_EXIT_URL"] == DEFAULT_QUICK_EXIT_URL
    assert (
        DEFAULT_QUICK_EXIT_URL.startswith("https://") and "vertrouw" not in DEFAULT_QUICK_EXIT_URL
    )
    client = app.test_client()
    client.get("/")
    response = client.post("/exit")
    assert response.status_code == 303 and response.headers["Location"] == DEFAULT_QUICK_EXIT_URL
    assert 'data-quick-exit="https://www.buienradar.nl/"' in client.get("/").get_data(as_text=True)


def test_a_configured_address_is_used(app):
    app.config["QUICK_EXIT_URL"] = "https://weather.example.org/"
    client = app.test_client()
    assert client.post("/exit").headers["Location"] == "https://weather.example.org/"
    assert 'data-quick-exit="https://weather.example.org/"' in client.get("/guide/").get_data(
        as_text=True
    )


def test_a_signed_in_person_is_signed_out_and_back_shows_nothing(app):
    client = in_english(app.test_client())
    become_owner(client)
    client.post("/record/new", data=entry_data(what="QUICK-EXIT-SECRET"))
    assert "QUICK-EXIT-SECRET" in client.get("/record/").get_data(as_text=True)
    assert SessionRecord.select().count() == 1
    leave(client)
    assert SessionRecord.select().count() == 0  # ended on the server, not only in the browser
    back = client.get("/record/")
    assert back.status_code == 302 and back.headers["Location"].startswith("/sign-in")
    home = client.get("/").get_data(as_text=True)
    assert "account__name" not in home and 'href="/sign-in"' in home


def test_a_copy_of_the_old_cookie_opens_nothing_afterwards(app):
    client = app.test_client()
    become_owner(client)
    old = client.get_cookie("vertrouwd").value
    leave(client)
    copy = app.test_client()
    copy.set_cookie("vertrouwd", old)
    assert copy.get("/record/").status_code == 302


def test_a_report_opened_by_its_code_is_closed(app):
    filed = file_report([make_adviser().id], text="OPENED-BY-CODE")
    client = app.test_client()
    client.post("/followup/", data={"code": filed.receipt_code})
    assert "OPENED-BY-CODE" in client.get("/followup/report").get_data(as_text=True)
    assert FollowUp.select().count() == 1
    old = client.get_cookie("vertrouwd").value
    leave(client)
    assert FollowUp.select().count() == 0  # deleted: a copy of the cookie opens nothing
    assert client.get("/followup/report").headers["Location"] == "/followup/"
    copy = app.test_client()
    copy.set_cookie("vertrouwd", old)
    assert copy.get("/followup/report").headers["Location"] == "/followup/"


def test_a_record_opened_by_its_code_is_closed(app):
    client = app.test_client()
    started(client)
    assert client.get("/record-code/record").status_code == 200
    leave(client)
    assert FollowUp.select().count() == 0
    assert client.get("/record-code/record").headers["Location"] == "/record-code/open"


def test_a_report_being_written_is_deleted(app):
    client = app.test_client()
    client.post("/report/form", data={"incidents-0-description": "HALF-WRITTEN"})
    assert ReportDraft.select().count() == 1
    leave(client)
    assert ReportDraft.select().count() == 0
    assert "HALF-WRITTEN" not in client.get("/report/form").get_data(as_text=True)


def test_the_script_ends_the_session_and_leaves_by_itself(app):
    client = app.test_client()
    become_owner(client)
    response = leave(client, **{"X-Quick-Exit": "1"})
    assert response.status_code == 204 and SessionRecord.select().count() == 0


def test_leaving_needs_no_token_even_with_csrf_on(app):
    client = app.test_client()
    become_owner(client)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/exit").status_code == 303  # an expired page must still leave
    assert SessionRecord.select().count() == 0


def sensitive_pages(app) -> list[tuple[object, str]]:
    """(a client, an address) for every page that shows something sensitive."""
    people = team(app)
    lead = client_for(app, people["lead"])
    reference = open_case(lead, people["employee"].id)
    employee = client_for(app, people["employee"])
    owner = in_english(app.test_client())
    become_owner(owner, email="owner2@example.test")
    anyone = in_english(app.test_client())
    pages = [
        (employee, "/"),
        (employee, f"/aftercare/{reference}"),
        (employee, "/aftercare/"),
        (employee, "/aftercare/ask"),
        (employee, "/my-reports/"),
        (owner, "/record/"),
        (owner, "/record/new"),
        (anyone, "/guide/"),
        (anyone, "/guide/check"),
        (anyone, "/report/"),
        (anyone, "/report/form"),
        (anyone, "/followup/"),
        (anyone, "/record-code/"),
    ]
    return pages


def test_every_sensitive_page_offers_it_and_is_never_stored(app):
    pages = sensitive_pages(app)
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert page.count(QUICK_EXIT) == 1, url
        assert '<button type="submit" class="button button--danger">Quick exit</button>' in page
        assert "press Escape twice" in page, url
        assert response.headers["Cache-Control"] == "no-store", url
    guide = pages[7][0].get("/guide/").get_data(as_text=True)
    first_page = guide.split('href="/guide/', 2)[1].split('"')[0]
    assert QUICK_EXIT in pages[7][0].get(f"/guide/{first_page}").get_data(as_text=True)


def test_the_receipt_and_the_thank_you_page_offer_it(app):
    client = in_english(app.test_client())
    for step, data in walkthrough.steps([make_adviser().id]):
        client.post(walkthrough.path(step), data=data)
    receipt = client.post("/report/send").get_data(as_text=True)
    assert QUICK_EXIT in receipt
    reference, code = receipt_of(receipt)
    confirmed = client.post(
        "/report/confirm", data={"reference": reference, "code": code, "typed": code}
    )
    assert confirmed.status_code == 200 and QUICK_EXIT in confirmed.get_data(as_text=True)


def test_the_staff_workspace_has_none(app):
    client = app.test_client()
    sign_in_fully(client, make_adviser())
    assert QUICK_EXIT not in client.get("/inbox/").get_data(as_text=True)


def test_the_neutral_site_may_receive_the_exit_form_and_nothing_else_is_opened(app):
    client = app.test_client()
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "form-action 'self' https://www.buienradar.nl;" in policy
    assert "connect-src 'self';" in policy and "default-src 'self';" in policy
    app.config["QUICK_EXIT_URL"] = "https://evil.example; script-src *"
    assert "form-action 'self';" in client.get("/").headers["Content-Security-Policy"]

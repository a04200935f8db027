"""The home page leads each role to what it came for; the language switch."""

from portal.core.accounts.roles import Role
from tests.conftest import signed_in_client


def test_dutch_by_default_and_english_after_switching(client):
    assert '<html lang="nl">' in client.get("/").get_data(as_text=True)
    response = client.post("/language", data={"locale": "en", "next": "/sign-in"})
    assert response.headers["Location"] == "/sign-in"
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    client.post("/language", data={"locale": "nl"})
    assert '<html lang="nl">' in client.get("/").get_data(as_text=True)


def test_language_switch_ignores_unknown_languages_and_foreign_targets(client):
    response = client.post("/language", data={"locale": "xx", "next": "https://evil.test"})
    assert response.headers["Location"] == "/"
    assert '<html lang="nl">' in client.get("/").get_data(as_text=True)


def test_signed_in_choice_is_remembered_on_the_account(app, client):
    from portal.core.accounts.models import Person

    signed_in_client(client, [Role.EMPLOYEE])
    client.post("/language", data={"locale": "en"})
    assert Person.get().locale == "en"


def test_skip_link_and_main_landmark(client):
    page = client.get("/").get_data(as_text=True)
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page


def test_administrator_is_led_to_people_and_teams(client):
    signed_in_client(client, [Role.ADMIN])
    page = client.get("/").get_data(as_text=True)
    assert 'href="/admin/people"' in page and 'href="/admin/teams"' in page


def test_employee_sees_no_administrator_links(client):
    signed_in_client(client, [Role.EMPLOYEE])
    page = client.get("/").get_data(as_text=True)
    assert "/admin/people" not in page


def test_everyone_is_led_to_the_guide(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/guide/"' in page


def test_the_home_page_leads_to_aftercare_and_to_looking_yourself_up(client):
    """Issue 28: both were reached only through the guide. Asking for aftercare needs an
    account, so a visitor who is not signed in is not shown a door that would refuse them."""
    client.post("/language", data={"locale": "en"})
    signed_out = client.get("/").get_data(as_text=True)
    assert 'href="/guide/look-yourself-up"' in signed_out and "Look yourself up" in signed_out
    assert 'href="/aftercare/ask"' not in signed_out
    signed_in_client(client, [Role.EMPLOYEE])
    page = client.get("/").get_data(as_text=True)
    assert 'href="/aftercare/ask"' in page and "Ask for aftercare" in page
    assert client.get("/aftercare/ask").status_code == 200

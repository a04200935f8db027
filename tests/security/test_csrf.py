"""CSRF protection on every state-changing request, htmx ones included; nothing typed is lost."""

import re

from tests.conftest import PASSWORD, make_person


def token_from(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_post_without_token_gets_a_friendly_400(csrf_app):
    client = csrf_app.test_client()
    client.post("/language", data={"locale": "en"})  # refused too: stays Dutch
    response = client.post("/sign-in", data={"email": "a@example.test", "password": "x" * 12})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "Traceback" not in page and "token is missing" not in page


def test_form_with_token_works_and_the_token_has_no_timer(csrf_app):
    assert csrf_app.config["WTF_CSRF_TIME_LIMIT"] is None
    make_person()
    client = csrf_app.test_client()
    token = token_from(client.get("/sign-in").get_data(as_text=True))
    response = client.post(
        "/sign-in", data={"email": "sanne@example.test", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_htmx_requests_send_the_token_in_a_header_set_on_body(csrf_app):
    client = csrf_app.test_client()
    page = client.get("/").get_data(as_text=True)
    header_token = re.search(r"data-hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", page).group(1)
    refused = client.post("/language", data={"locale": "en"}, headers={"HX-Request": "true"})
    assert refused.status_code == 400
    accepted = client.post(
        "/language",
        data={"locale": "en"},
        headers={"HX-Request": "true", "X-CSRFToken": header_token},
    )
    assert accepted.status_code == 302


def test_stale_token_from_our_own_page_gives_the_typed_text_back(csrf_app):
    client = csrf_app.test_client()
    response = client.post(
        "/sign-in",
        data={
            "email": "typed@example.test",
            "password": "secret words here",
            "csrf_token": "stale",
        },
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "typed@example.test" in page
    assert "secret words here" not in page  # passwords are never echoed
    assert 'action="/sign-in"' in page


def test_cross_site_post_gets_no_resend_form(csrf_app):
    client = csrf_app.test_client()
    response = client.post(
        "/admin/people/new",
        data={"email": "evil@example.test"},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.test"},
    )
    assert response.status_code == 400
    assert "evil@example.test" not in response.get_data(as_text=True)

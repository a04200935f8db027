"""Security headers and cookies on every response."""

import re

from portal.core.accounts.roles import Role
from tests.conftest import signed_in_client


def test_strict_content_security_policy(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'self'" in csp and "style-src 'self'" in csp


def test_no_inline_script_or_style_in_pages(client):
    signed_in_client(client, [Role.ADMIN])
    for page in ["/", "/sign-in", "/admin/people", "/admin/people/new", "/admin/teams/new"]:
        html = client.get(page).get_data(as_text=True)
        assert "<script>" not in html and "<style" not in html and " style=" not in html, page
        assert not re.search(r"\son[a-z]+\s*=", html), page  # no inline event handlers


def test_referrer_nosniff_frame_and_no_store(client):
    response = client.get("/sign-in")
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


def test_signed_in_pages_are_never_cached(client):
    signed_in_client(client, [Role.ADMIN])
    assert client.get("/admin/people").headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert response.headers.get("Cache-Control") != "no-store"


def test_session_cookie_is_httponly_and_samesite(client):
    client.get("/sign-in")
    header = client.get("/sign-in").headers.get("Set-Cookie") or ""
    cookie = client.get_cookie("vertrouwd")
    assert cookie.http_only
    assert cookie.same_site == "Lax"
    assert "Secure" not in header  # plain HTTP in tests


def test_secure_cookie_behind_https(app):
    app.config["SESSION_COOKIE_SECURE"] = True
    client = app.test_client()
    response = client.get("/sign-in", base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_htmx_is_vendored_and_configured_for_the_csp(client):
    page = client.get("/").get_data(as_text=True)
    assert '"includeIndicatorStyles": false' in page
    assert '"allowEval": false' in page
    assert '"historyCacheSize": 0' in page
    js = client.get("/static/vendor/htmx/htmx.min.js")
    assert js.status_code == 200 and b"htmx" in js.data


def test_nul_characters_in_input_are_refused_politely(client):
    response = client.post("/sign-in", data={"email": "a\x00b@example.test", "password": "x"})
    assert response.status_code == 400 and "Traceback" not in response.get_data(as_text=True)
    assert client.get("/guide/?q=a%00b").status_code == 400

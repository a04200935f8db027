"""Signing in through the organisation's OpenID Connect provider in Debian's Chromium: in Dutch
with JavaScript, in English without. A demo portal of its own (configured for the provider the
tests start, tests/oidc/provider.py) so the other journeys keep the plain sign-in page.

At the provider's own pages (not the portal's) nothing is audited; every portal page is, as in
every journey (Visitor.check)."""

import pytest

from tests.browser.conftest import (
    DEMO_PASSWORD,
    EMPLOYEE,
    TEAM_LEAD,
    Auditor,
    LiveServer,
    Visitor,
    demo_server,
    free_port,
)
from tests.oidc.provider import CLIENT_ID, CLIENT_SECRET, Provider, missing

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def provider_and_portal(tmp_path_factory, neutral_site):
    problem = missing()
    if problem:
        pytest.fail(problem, pytrace=False)
    folder = tmp_path_factory.mktemp("provider-sign-in")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    provider = Provider(f"{base}/sign-in/provider/return", f"{base}/", folder / "provider.log")
    provider.start()
    instance = folder / "instance"
    instance.mkdir()
    settings = {
        "QUICK_EXIT_URL": neutral_site,
        "OIDC_ISSUER": provider.issuer,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_LABEL": "Intranet",
    }
    try:
        with demo_server(instance, port, settings) as (url, err):
            yield provider, LiveServer(url, err, neutral_site)
    finally:
        provider.stop()


@pytest.fixture
def person(browser, provider_and_portal, authenticator):
    made = []
    _, server = provider_and_portal
    auditor = Auditor(browser, server.url)

    def make(js: bool) -> Visitor:
        context = browser.new_context(java_script_enabled=js)
        made.append(Visitor(context, server, js, auditor, authenticator))
        return made[-1]

    yield make
    for visitor in made:
        visitor.context.close()
    auditor.context.close()


def at_the_provider(visitor: Visitor, subject: str) -> None:
    """The person signs in at the provider's own pages (its development pages take any login
    name as the subject), and confirms; the provider sends them back to the portal."""
    page = visitor.page
    page.locator("input[name='login']").fill(subject)
    page.locator("input[name='password']").fill("the provider's password")
    with page.expect_navigation():
        page.locator("button[type='submit']").click()
    if "/interaction/" in page.url:  # the provider asks to confirm what the portal gets
        with page.expect_navigation(url=f"{visitor.base_url}/**") as back:
            page.locator("button[type='submit']").click()
        visitor.check(back.value)
    else:
        visitor.check(page.context.pages[0].goto(page.url))


def sign_in_through_provider(visitor: Visitor, label: str) -> None:
    visitor.goto("/sign-in")
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("link", name=label).click()
    assert not visitor.page.url.startswith(visitor.base_url), "not at the provider"


def journey(visitor: Visitor, who, subject: str, lang: str, label: str, linked: str) -> None:
    if lang != "nl":
        visitor.goto("/sign-in")
        visitor.switch_language(lang)
    sign_in_through_provider(visitor, label)
    at_the_provider(visitor, subject)
    assert visitor.path == "/sign-in/provider/link"
    visitor.page.locator("#email").fill(who.email)
    visitor.page.locator("#password").fill(DEMO_PASSWORD)
    visitor.follow(visitor.page.locator("main form button[type='submit']"))
    visitor.assert_signed_in_as(who.name, who.lands_on)
    assert linked in visitor.page.content()

    # Signing out ends the session here and at the provider, which asks to confirm.
    with visitor.page.expect_navigation():
        visitor.page.locator(".account form[action='/sign-out'] button").click()
    assert not visitor.page.url.startswith(visitor.base_url), "the provider was not told"
    with visitor.page.expect_navigation(url=f"{visitor.base_url}/**") as back:
        visitor.page.locator("button[type='submit']").first.click()
    visitor.check(back.value)
    assert visitor.page.locator(".account__name").count() == 0

    # The next time the provider alone signs the person in: no link page.
    sign_in_through_provider(visitor, label)
    at_the_provider(visitor, subject)
    visitor.assert_signed_in_as(who.name, who.lands_on)


def test_signing_in_through_the_provider_in_dutch_with_javascript(person):
    journey(
        person(js=True), EMPLOYEE, "sanne.intranet", "nl", "Inloggen met Intranet",
        "Vanaf nu kun je inloggen via Intranet",
    )


def test_signing_in_through_the_provider_in_english_without_javascript(person):
    journey(
        person(js=False), TEAM_LEAD, "ahmed.intranet", "en", "Sign in with Intranet",
        "From now on you can sign in through Intranet",
    )

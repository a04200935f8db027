"""Sign-in journeys in Debian's Chromium, JavaScript on and off, Dutch and English.

Every page these tests land on is audited with axe-core and checked for its language and for
Content-Security-Policy violations in the console (see Visitor.check in conftest.py).
"""

import re
import uuid
from pathlib import Path

import pytest
from babel.support import Translations

import portal
from tests.browser import axe
from tests.browser.conftest import (
    ADMIN,
    DEMO_PEOPLE,
    EMPLOYEE,
    TEAM_LEAD,
    path_of,
)

pytestmark = pytest.mark.browser

ADMIN_PAGES = {"/admin/people", "/admin/teams"}
TEMPORARY_PASSWORD = re.compile(r"^[0-9a-f]{6}(-[0-9a-f]{6}){3}$")


def catalogue(lang: str) -> Translations:
    """The portal's own translations, so a test can say "in Dutch" without hard-coding Dutch."""
    return Translations.load(str(Path(portal.__file__).parent / "translations"), [lang])


# The administrator's journey runs twice, once before and once after the rounds below: the
# administrator's sign-ins then fall in different 30-second steps, with little waiting.
def test_administrator_journey_in_dutch_with_javascript(visitor):
    administer(visitor, "nl", js=True)


# Rounds of all seven people per language and JavaScript setting: a round takes long enough
# that most people's next sign-in already falls in a new 30-second step of their authenticator.
ROUNDS = [("nl", True), ("en", False), ("en", True), ("nl", False)]
JOURNEYS = [
    pytest.param(lang, js, person, id=f"{lang}-js-{'on' if js else 'off'}-{person.key}")
    for lang, js in ROUNDS
    for person in DEMO_PEOPLE
]


@pytest.mark.parametrize(("lang", "js", "person"), JOURNEYS)
def test_each_person_signs_in_walks_the_navigation_and_signs_out(visitor, lang, js, person):
    v = visitor(js=js)
    v.goto("/")
    if lang == "en":
        v.switch_language("en")
    v.sign_in(person)

    links = walk_navigation(v)
    assert links[0] == "/", f"the navigation starts elsewhere than home: {links}"
    if person.admin:
        assert set(links) >= ADMIN_PAGES, f"the administrator's navigation lacks: {links}"
    else:
        assert not ADMIN_PAGES & set(links), f"{person.email} is offered admin pages: {links}"
        response = v.goto("/admin/people")
        assert response.status == 403 and v.path == "/admin/people"
        assert v.page.locator("main a[href='/']").count() == 1, "the 403 page leads nowhere"

    # Every signed-in person can change their password from the header.
    v.follow(v.page.locator(".account a[href='/password']"))
    assert v.page.locator("#current, #new, #confirm").count() == 3

    v.sign_out()
    v.assert_no_console_problems()


def walk_navigation(v) -> list[str]:
    """Follow every link of the main navigation; each page opens and marks itself current."""
    links = v.nav_links()
    assert links, f"no navigation on {v.page.url}"
    for href in links:
        response = v.follow(v.page.locator(f"nav.main-nav a[href='{href}']"))
        assert response.status == 200, f"{href} answered {response.status}"
        assert v.path == path_of(href)
        current = v.page.locator("nav.main-nav a[aria-current='page']")
        assert current.count() == 1 and current.get_attribute("href") == href
        assert v.nav_links() == links, f"the navigation changed on {href}"
    return links


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_keyboard_reaches_the_skip_link_first_and_signs_in(visitor, js):
    v = visitor(js=js)
    page = v.page
    v.goto("/")
    skip = page.locator("a.skip-link")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('skip-link')")
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert skip.is_visible() and box and box["width"] > 1 and box["height"] > 1
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (
        f"the focused skip link is off screen: {box}"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")

    # To the sign-in form and through it by keyboard alone.
    v.goto("/sign-in")
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate("() => document.activeElement.id || document.activeElement.tagName")
        )
        if focused[-1] == "email":
            break
    assert focused[0] != "email" and focused[-1] == "email", f"Tab order: {focused}"
    page.keyboard.type(EMPLOYEE.email)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "password"
    page.keyboard.type("vertrouwd-demo-2026")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    v.check(navigation.value)
    v.assert_signed_in_as(EMPLOYEE.name)
    v.sign_out()


@pytest.mark.parametrize(
    ("lang", "js"), [("nl", True), ("en", False)], ids=["nl-js-on", "en-js-off"]
)
def test_an_unknown_address_gets_a_friendly_404_in_the_current_language(visitor, lang, js):
    v = visitor(js=js)
    response = v.goto("/does-not-exist")
    assert response.status == 404
    if lang == "en":
        v.switch_language("en")  # the switch brings the same missing page back, now in English
    title = catalogue(lang).gettext("Page not found")
    assert v.page.locator("h1").inner_text() == title
    assert title in v.page.title()
    assert v.page.locator("main a[href='/']").count() == 1
    assert "Traceback" not in v.page.content()


def test_a_signed_in_person_gets_the_404_page_with_their_navigation(visitor):
    v = visitor(js=True)
    v.goto("/")
    v.switch_language("en")
    v.sign_in(EMPLOYEE)
    response = v.goto("/no/such/page")
    assert response.status == 404
    assert v.page.locator("h1").inner_text() == "Page not found"
    assert v.page.locator(".account__name").inner_text() == EMPLOYEE.name
    assert "/" in v.nav_links()
    v.sign_out()


def test_the_console_watch_sees_a_content_security_policy_violation(visitor):
    """The CSP check above is worth something only if a violation is caught: provoke one."""
    v = visitor(js=True)
    v.goto("/")
    v.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.append(s); }"
    )
    v.page.wait_for_timeout(200)
    assert v.page.evaluate("() => window.x") is None, "an inline script ran despite the CSP"
    assert any("Content Security Policy" in p for p in v.problems), v.problems
    v.problems.clear()  # provoked on purpose


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_the_audit_sees_a_field_without_a_label(visitor, auditor, js):
    """The axe audits above are worth something only if a fault is caught: make one."""
    v = visitor(js=js)
    response = v.goto("/sign-in")
    v.page.evaluate("() => document.querySelector(\"label[for='email']\").remove()")
    if js:
        found = axe.violations(v.page)
    else:
        found = auditor.violations(v.page.content(), response.headers["content-security-policy"])
        # The snapshot is styled as the visitor saw it (colour contrast depends on it).
        header = "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        assert auditor.page.evaluate(header) == v.page.evaluate(header) != "rgba(0, 0, 0, 0)"
    assert [f["id"] for f in found] == ["label"], axe.describe(found, "the damaged sign-in page")
    assert "#email" in axe.describe(found, "the damaged sign-in page")


def test_administrator_journey_in_english_without_javascript(visitor):
    administer(visitor, "en", js=False)


def administer(visitor, lang: str, js: bool) -> None:
    """Create a person and a team with them in it, see them sign in, then deactivate them."""
    admin = visitor(js=js)
    page = admin.page
    admin.goto("/")
    if lang == "en":
        admin.switch_language("en")
    admin.sign_in(ADMIN)

    # A new person, with a temporary password shown once.
    tag = uuid.uuid4().hex[:8]
    email, name = f"nieuw-{tag}@demo.test", f"Nieuwe Collega {tag}"
    admin.follow(page.locator("nav.main-nav a[href='/admin/people']"))
    admin.follow(page.locator("main a[href='/admin/people/new']"))
    page.locator("#display_name").fill(name)
    page.locator("#email").fill(email)
    assert page.locator("input[name='roles'][value='employee']").is_checked()
    admin.follow(page.locator("main form.form button[type='submit']"))
    assert admin.path == "/admin/people/new"
    assert name in page.locator("h1").inner_text()
    password = page.locator(".secret-display code").inner_text().strip()
    assert TEMPORARY_PASSWORD.match(password), password
    admin.follow(page.locator("main a.button"))
    person_path = admin.path
    assert re.fullmatch(r"/admin/people/\d+", person_path), person_path

    # The new person signs in with it and must choose their own password first.
    newcomer = visitor(js=js)
    newcomer.goto("/")
    if lang == "en":
        newcomer.switch_language("en")
    newcomer.follow(newcomer.page.locator(".account a[href='/sign-in']"))
    newcomer.submit_sign_in(email, password)
    assert newcomer.path == "/password"
    own_password = f"mijn eigen wachtwoord {tag}"
    newcomer.page.locator("#current").fill(password)
    newcomer.page.locator("#new").fill(own_password)
    newcomer.page.locator("#confirm").fill(own_password)
    newcomer.follow(newcomer.page.locator("main form.form button[type='submit']"))
    newcomer.assert_signed_in_as(name)

    # A team with the new person as its member.
    team = f"Team {tag}"
    admin.follow(page.locator("nav.main-nav a[href='/admin/teams']"))
    admin.follow(page.locator("main a[href='/admin/teams/new']"))
    page.locator("#name").fill(team)
    page.locator("#lead").select_option(label=f"{TEAM_LEAD.name} ({TEAM_LEAD.email})")
    page.locator("#members").fill(email)
    admin.follow(page.locator("main form.form button[type='submit']"))
    assert admin.path == "/admin/teams"
    # A team's lead and members wait for a second person: nothing takes effect yet.
    row = page.locator("main table tbody tr", has=page.get_by_role("link", name=team, exact=True))
    assert row.locator("td").all_inner_texts()[1:] == [
        catalogue(lang).gettext("(no lead yet)"),
        "0",
    ]
    admin.goto("/admin/role-requests")
    assert page.locator("main table tbody tr", has_text=team).count() == 2  # lead and member
    admin.goto(person_path)
    assert page.locator("main .panel ul a", has_text=team).count() == 0

    # Deactivating signs the person out everywhere and stops them signing in.
    admin.follow(page.locator("main form[action$='/active'] button"))
    assert admin.path == person_path
    assert (
        page.locator("main form[action$='/active'] input[name='active']").get_attribute("value")
        == "1"
    )
    newcomer.goto("/")
    assert newcomer.page.locator(".account a[href='/sign-in']").count() == 1
    newcomer.follow(newcomer.page.locator(".account a[href='/sign-in']"))
    response = newcomer.submit_sign_in(email, own_password)
    assert newcomer.path == "/sign-in" and response.status == 200
    summary = newcomer.page.locator("#error-summary")
    assert summary.is_visible()
    # The same words as for a wrong password: nothing tells that the account exists.
    assert catalogue(lang).gettext("The e-mail address or the password is not right.") in (
        summary.inner_text()
    )

    admin.sign_out()
    for v in (admin, newcomer):
        v.assert_no_console_problems()

"""The quick exit (issue 28) played in Debian's Chromium with the back-forward cache on, as a
person at a shared screen would: signed in, My record open, quick exit, then Back, in Dutch and
English, with JavaScript (Escape twice) and without (the button). Nothing of the record, nor the
person's name, comes back.

Playwright switches the back-forward cache off by default; these tests start Chromium without
that switch, and first prove the cache restores pages there. Chromium now keeps even pages sent
with Cache-Control: no-store in that cache; the exit changes the cookie, which evicts them.
"""

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, EMPLOYEE
from tests.browser.journeys import text

pytestmark = pytest.mark.browser

NEUTRAL = "https://neutral.test/"


@pytest.fixture(scope="module")
def bfcache_browser(playwright, chromium_executable):
    browser = playwright.chromium.launch(
        executable_path=chromium_executable,
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield browser
    browser.close()


def test_the_back_forward_cache_is_on_in_this_browser(bfcache_browser):
    context = bfcache_browser.new_context()
    context.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>neutral"),
    )
    page = context.new_page()
    page.goto(NEUTRAL + "a")
    page.evaluate("() => { window.kept = 'still here'; }")
    page.goto(NEUTRAL + "b")
    page.go_back(wait_until="commit")  # a page from the cache fires no load event
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.evaluate("() => window.kept") == "still here", "no back-forward cache"
    context.close()


def back_shows_nothing(v, lang: str, seen: list[str]) -> None:
    """Press Back through the whole history: no page shows the person or the record."""
    page = v.page
    for _ in range(6):
        if page.evaluate("() => history.length") <= 1 or page.url == "about:blank":
            break
        page.go_back(wait_until="commit")
        # Generous: on a loaded machine a page restored from the cache can take a while.
        page.wait_for_function("() => document.readyState === 'complete'", timeout=45_000)
        if page.url == "about:blank":
            break
        body = page.locator("body").inner_text()
        assert EMPLOYEE.name not in body, f"Back showed the person's name on {page.url}"
        assert page.locator(".account__name").count() == 0, page.url
        for shown in seen:
            assert shown not in body, f"Back brought back {shown!r} on {page.url}"
        if page.url.startswith(v.base_url):
            assert text(lang, "My record") != page.locator("h1").inner_text(), page.url


@pytest.mark.parametrize(
    "lang,js", [("nl", True), ("en", True), ("nl", False), ("en", False)], ids=str
)
def test_quick_exit_from_my_record_then_back_shows_nothing(visitor, bfcache_browser, lang, js):
    v = visitor(js=js, in_browser=bfcache_browser)
    v.goto("/")
    if lang != "nl":
        v.switch_language(lang)
    v.sign_in(EMPLOYEE)
    page = v.page
    v.follow(page.locator("nav.main-nav a[href='/record/']"))
    assert page.locator("h1").inner_text() == text(lang, "My record")
    # What a person looking over the shoulder must not get back: the entries' titles.
    seen = [t.strip() for t in page.locator("main #timeline a").all_inner_texts() if t.strip()]
    assert seen, "the demo record shows no entries"
    exit_button = page.locator("aside.quick-exit-bar form[action='/exit'] button")
    assert exit_button.inner_text() == text(lang, "Quick exit")
    with page.expect_navigation(url=v.server.neutral_url):
        if js:
            page.locator("h1").click()  # focus on the page, as a reader's would be
            page.keyboard.press("Escape")
            page.keyboard.press("Escape")
        else:
            exit_button.click()
    assert page.locator("h1").inner_text() == "Het weer vandaag"  # the neutral stand-in
    back_shows_nothing(v, lang, seen)
    # Signed out on the server too: the record asks for a sign-in again (in Dutch: the exit
    # forgets the chosen language with everything else).
    v.lang = "nl"
    v.goto("/record/")
    assert v.path == "/sign-in"

"""Every page every demo person can reach, as they see it (issue 28), in Dutch and English, at
1280 and 375 px: found by following the links each is shown (walk.py), so a new page is
covered as soon as something links to it.

Each page must fit the screen (no sideways scrolling, no text squeezed to a word or two a line
on a wide screen), show no markup as text, link to nothing that refuses its reader (403, 404),
and be valid HTML by the W3C Nu HTML Checker. Endpoints of the URL map that the walk did not
reach are printed with the reason; a GET endpoint not reached and not named in `UNREACHED`
fails, so a page nothing links to is noticed.

Run alone (SQLite, about three minutes; the time is printed):
    env -u TEST_DATABASE_URL .venv/bin/python -m pytest tests/browser/test_every_page.py -s -q
"""

import time

import pytest

from portal import create_app
from tests.browser import vnu
from tests.browser.conftest import (
    DEMO_PEOPLE,
    Authenticator,
    LiveServer,
    Visitor,
    demo_server,
    free_port,
)
from tests.browser.walk import Walk

pytestmark = pytest.mark.browser

LANGUAGES = ("nl", "en")
WALK_SECONDS = 8 * 60
SIGNED_OUT_STARTS = ["/", "/sign-in", "/followup/", "/record-code/", "/report/"]
SIGNED_IN_STARTS = ["/", "/followup/", "/record-code/"]

# GET endpoints the walk cannot reach by following links, each with the reason. A new page
# that is neither linked from somewhere a demo person goes nor named here fails the walk.
UNREACHED = {
    "static": "the stylesheets, scripts and images pages load, not pages",
    "followup.report": "opens after the receipt code is typed (a POST): the code journeys",
    "followup.attachment": "behind the receipt code (a POST): the code journeys",
    "followup.check_consent": "behind the receipt code (a POST): the consent journeys",
    "record_code.index": "opens after the record code is typed (a POST): record code journeys",
    "record_code.export_zip": "behind the record code (a POST): record/test_handover.py",
    "record.export_json": "the JSON alone, for scripts: the page offers the zip that holds it "
    "(record/test_handover.py)",
    "auth.provider_start": "only with OIDC_ISSUER set (the walk's demo has no provider): "
    "tests/oidc and test_provider_sign_in_journeys.py",
    "auth.provider_return": "the provider's way back, with OIDC_ISSUER set: tests/oidc",
    "auth.provider_link": "after a first sign-in at the provider: tests/oidc and its journeys",
    "auth.provider_key": "after a sign-in at the provider: tests/oidc",
    "record_code.new": "behind the record code (a POST): record code journeys",
    "record_code.entry": "behind the record code (a POST): record code journeys",
    "record_code.edit": "behind the record code (a POST): record code journeys",
    "record_code.history": "behind the record code (a POST): record code journeys",
    "record_code.file": "behind the record code (a POST): record code journeys",
    "record_code.export_json": "behind the record code (a POST): record code journeys",
    "record_code.export_pdf": "behind the record code (a POST): record code journeys",
    "record_code.delete_record": "a delete page: the walk never follows delete links",
    "record_code.delete_entry": "a delete page: the walk never follows delete links",
    "record.delete_record": "a delete page: the walk never follows delete links",
    "record.delete_entry": "a delete page: the walk never follows delete links",
    "reports.review": "needs a report in progress (POSTed steps): the reporting journeys",
    "reports.proof_of_filing": "shown once a report is sent (a POST): the reporting journeys",
    "reports.reminder": "shown once a report is sent (a POST): the reporting journeys",
    "auth.second_factor": "the sign-in's second step, reached by a POST: the sign-in walks it",
    "insights.consultation_note": "an htmx fragment of the consultations form",
    "advisers.new_profile": "linked while an adviser has no profile; every demo adviser has one",
    "advisers.photo": "no demo adviser has a photo",
    "record.file": "no demo record entry carries a file",
    "triage.attachment": "no demo report carries a file",
    "followup.my_attachment": "no demo report carries a file",
    "prompts.discussed": "the team lead's form posts here; its GET is the form alone (no link)",
    "record.locked": "shown while the record's key is closed; signing in with the password opens it",
    "record.recovery_key": "shown once, by a redirect, when a record key is made",
    "triage.recovery_key": "shown once, by a redirect, when an adviser's key is made",
    "triage.restore": "shown by a redirect when an adviser's key is lost",
    "together.go_on": "linked once held reports match; the demo's one held report has no match: "
    "test_together_journeys.py",
}


def endpoints_by_method(app) -> tuple[set[str], set[str]]:
    get, post_only = set(), set()
    for rule in app.url_map.iter_rules():
        (get if "GET" in rule.methods else post_only).add(rule.endpoint)
    return get, post_only - get


def walk_everyone(browser, server, url_map) -> list[Walk]:
    """Every demo person (and someone signed out), in each language, by following links.
    Each person is left with Dutch, the language they had."""
    walks = []
    authenticator = Authenticator()  # this server's own enrolments
    for person in [None, *DEMO_PEOPLE]:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        v = Visitor(context, server, True, None, authenticator)  # JavaScript on: no auditor
        try:
            v.goto("/")
            if person:
                v.sign_in(person)
            for lang in LANGUAGES:
                if lang != v.lang:
                    v.goto(person.lands_on if person else "/")
                    v.switch_language(lang)
                walk = Walk(
                    v.page, server.url, url_map, person.key if person else "signed-out", lang
                )
                starts = [person.lands_on, *SIGNED_IN_STARTS] if person else SIGNED_OUT_STARTS
                walk.run(list(dict.fromkeys(starts)))
                walks.append(walk)
            if v.lang != LANGUAGES[0]:
                v.goto(person.lands_on if person else "/")
                v.switch_language(LANGUAGES[0])
        finally:
            context.close()
    return walks


@pytest.fixture(scope="module")
def walked(browser, neutral_site, tmp_path_factory):
    """Walk a demo server of its own: opening every page marks messages read and reports
    seen, which the journeys on the shared server must still find new."""
    folder = tmp_path_factory.mktemp("url-map")
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'unused.sqlite3'}",
            "SECRET_KEY": "x" * 40,
            "PORTAL_ENV": "testing",
            "INSTANCE_PATH": str(folder),
        }
    )
    started = time.monotonic()
    instance = tmp_path_factory.mktemp("walk-instance")
    settings = {"QUICK_EXIT_URL": neutral_site}
    with demo_server(instance, free_port(), settings) as (url, err):
        server = LiveServer(url, err, neutral_site)
        served = time.monotonic()
        walks = walk_everyone(browser, server, app.url_map.bind("127.0.0.1"))
    seconds = time.monotonic() - started
    pages = sum(len(w.pages) for w in walks)
    print(
        f"\nthe walk: {pages} pages of {len(walks)} walks (people x languages) in "
        f"{seconds:.0f} s (the demo server's start {served - started:.0f} s of it)"
    )
    return app, walks, seconds


def test_the_walk_is_cheap_and_sees_every_role(walked):
    _, walks, seconds = walked
    assert seconds < WALK_SECONDS, f"the walk took {seconds:.0f} s"
    for walk in walks:
        assert len(walk.pages) >= 5, f"{walk.who} ({walk.lang}) saw only {len(walk.pages)} pages"


def test_every_page_fits_the_screen_and_shows_no_markup_as_text(walked):
    found = [f for w in walked[1] for f in w.faults if "which answers" not in f]
    assert not found, f"{len(found)} fault(s):\n" + "\n".join(found)


def test_no_page_links_to_what_refuses_its_reader(walked):
    found = sorted({f for w in walked[1] for f in w.faults if "which answers" in f})
    assert not found, f"{len(found)} link(s):\n" + "\n".join(found)


def test_every_endpoint_is_reached_or_known_unreachable(walked):
    app, walks, _ = walked
    get, post_only = endpoints_by_method(app)
    reached = set().union(*(w.reached for w in walks))
    unreached = sorted(get - reached)
    print(
        f"\nendpoints not reached by the walk ({len(unreached)} GET, {len(post_only)} POST only):"
    )
    for endpoint in unreached:
        print(f"  {endpoint}: {UNREACHED.get(endpoint, 'NOT KNOWN: link it or name it')}")
    print("  POST only (form actions, never walked): " + ", ".join(sorted(post_only)))
    unknown = [e for e in unreached if e not in UNREACHED]
    assert not unknown, "GET endpoints the walk did not reach: " + ", ".join(unknown)
    stale = sorted(e for e in UNREACHED if e in reached or e not in get)
    assert not stale, "named unreachable, yet reached (or gone): " + ", ".join(stale)


def test_every_page_is_valid_html(walked):
    pages = {
        f"{page.who} ({page.lang}) {page.path}": page.html for w in walked[1] for page in w.pages
    }
    started = time.monotonic()
    found = vnu.errors(pages)
    print(
        f"\nthe W3C checker: {len(found)} error(s) on {len(pages)} pages "
        f"in {time.monotonic() - started:.0f} s"
    )
    assert not found, "\n".join(found)

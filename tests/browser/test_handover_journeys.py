"""A colleague on a report, with the reporter's consent (issue 22), in Debian's Chromium: an
adviser asks to hand an anonymous report over to a colleague, the reporter agrees with nothing
but the receipt code, and the colleague reads it; the stand-in of an adviser who is away finds
the colleague's reports on the today page, without their content.

Every page these tests reach is audited with axe-core and checked for its language and for
Content-Security-Policy violations (Visitor.check in conftest.py).
"""

import uuid

import pytest

from tests.browser.conftest import ADVISER, ADVISER_2
from tests.browser.journeys import (
    Incident,
    ReportInput,
    file_by_steps,
    open_inbox_report,
    open_with_code,
    review_and_send,
    start_report,
    strict,
    text,
)

pytestmark = pytest.mark.browser

WORDS = {
    "nl": "Mijn leidinggevende belt mij steeds op mijn vrije dagen over het rooster.",
    "en": "My manager keeps calling me on my days off about the rota.",
}


@pytest.fixture
def visitor(visitor):
    """The conftest's visitors, also holding every page to unique ids."""
    return strict(visitor)


def in_language(v, lang: str) -> None:
    v.goto("/")
    if lang != "nl":
        v.switch_language(lang)


@pytest.mark.parametrize(
    ("lang", "js"), [("nl", True), ("en", False)], ids=["nl-js-on", "en-js-off"]
)
def test_adviser_hands_over_the_reporter_agrees_and_the_colleague_reads(visitor, lang, js):
    description = f"{WORDS[lang]} [{uuid.uuid4().hex[:8]}]"

    # An anonymous report to Kofi Mensah.
    reporter = visitor(js=js)
    in_language(reporter, lang)
    if js:
        start_report(reporter)
    else:
        reporter.goto("/report/step/kind")
    report = ReportInput(
        category="intimidation",
        incident=Incident(description=description),
        adviser=ADVISER_2.name,
    )
    file_by_steps(reporter, report)
    filed = review_and_send(reporter, report)

    # Kofi asks the reporter to let Marieke Jansen take it over.
    kofi = visitor(js=js)
    in_language(kofi, lang)
    kofi.sign_in(ADVISER_2)
    open_inbox_report(kofi, filed.reference)
    panel = kofi.page.locator("#colleagues")
    panel.locator("select[name='handover-colleague']").select_option(label=ADVISER.name)
    panel.locator("input[name='handover-kind'][value='hand_over']").check()
    kofi.follow(panel.locator("button[type='submit']"))
    assert kofi.path == f"/inbox/{filed.reference}"
    asked = text(
        lang,
        "Asked. %(name)s can read the report only after the reporter agrees.",
        name=ADVISER.name,
    )
    assert asked in kofi.page.locator(".flashes").inner_text()
    assert text(lang, "waiting for the reporter's answer") in panel.inner_text()

    # Marieke cannot open it yet.
    marieke = visitor(js=js)
    in_language(marieke, lang)
    marieke.sign_in(ADVISER)
    refused = marieke.page.goto(f"{marieke.base_url}/inbox/{filed.reference}")
    assert refused.status == 404

    # The reporter, with the receipt code, is told and agrees.
    open_with_code(reporter, filed.code)
    who = reporter.page.locator("#who-answers")
    assert text(lang, "Your adviser asks you something") in who.inner_text()
    assert ADVISER.name in who.inner_text() and ADVISER_2.name in who.inner_text()
    told = text(
        lang,
        'Your adviser asks whether a colleague may take your report over. Nothing changes until you agree: see "Who answers you".',
    )
    assert told in reporter.page.locator("#conversation").inner_text()
    reporter.follow(who.locator("form[action$='/agree'] button"))
    assert reporter.path == "/followup/report"
    assert text(lang, "%(name)s can now read your report.", name=ADVISER.name) in (
        reporter.page.locator(".flashes").inner_text()
    )
    assert text(lang, "%(name)s reads your report and answers you.", name=ADVISER.name) in (
        reporter.page.locator("#who-answers").inner_text()
    )

    # Marieke reads it; Kofi no longer can.
    marieke.goto(f"/inbox/{filed.reference}")
    assert description in marieke.page.locator("main").inner_text()
    gone = kofi.page.goto(f"{kofi.base_url}/inbox/{filed.reference}")
    assert gone.status == 404

    # Marieke stands in for Els van Dam (the demo): her reports are on the today page, and
    # the first line leads to the stand-in's page, with dates and no content.
    marieke.goto("/today")
    heading = marieke.page.locator("#adviser-standing-in")
    assert text(lang, "Colleagues' reports I stand in for") in heading.inner_text()
    marieke.follow(marieke.page.locator("ul[aria-labelledby='adviser-standing-in'] li a").first)
    assert marieke.path.startswith("/inbox/standing-in/VW-")
    assert text(
        lang, "Standing in: report %(reference)s", reference=marieke.path.rsplit("/", 1)[1]
    ) in (marieke.page.locator("h1").inner_text())
    for v in (reporter, kofi, marieke):
        v.assert_no_console_problems()

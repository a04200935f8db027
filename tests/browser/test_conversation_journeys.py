"""Ask for a conversation (issue 28, item 3) in Debian's Chromium: an anonymous person asks an
adviser, from the adviser's card, for a conversation in person; the adviser finds it on the
today page as a request, answers in the thread, and the person reads the answer with nothing
but the code. The request counts in the adviser's consultations register, never as a report.

Every page these tests reach is audited with axe-core and checked for its language and for
Content-Security-Policy violations (Visitor.check in conftest.py), and holds no id twice.
"""

import re
import uuid

import pytest

from tests.browser.conftest import ADVISER
from tests.browser.journeys import (
    RECEIPT_CODE,
    REFERENCE,
    conversation,
    open_with_code,
    send_message,
    strict,
    text,
)
from tests.browser.layout import faults

pytestmark = pytest.mark.browser

WORDS = {
    "nl": {
        "message": "Ik wil graag eerst praten over iets wat op mijn afdeling gebeurt.",
        "when": "Dinsdag of donderdag na drie uur",
        "answer": "Fijn dat je het vraagt. Zullen we donderdag om 15.30 uur afspreken?",
    },
    "en": {
        "message": "I would like to talk first about something on my team.",
        "when": "Tuesday or Thursday after 3 pm",
        "answer": "Thank you for asking. Shall we meet on Thursday at 3.30 pm?",
    },
}


@pytest.fixture
def visitor(visitor):
    return strict(visitor)


def requests_counted(v) -> int:
    """The number of requests the adviser's consultations register counts this year."""
    v.goto("/insights/")
    said = v.page.locator("#requests-count").inner_text()
    return int(re.search(r"\d+", said).group())


@pytest.mark.parametrize(
    ("lang", "js"), [("nl", True), ("en", False)], ids=["nl-js-on", "en-js-off"]
)
def test_an_anonymous_person_asks_for_a_meeting_and_reads_the_answer_with_the_code(
    visitor, lang, js
):
    tag = uuid.uuid4().hex[:8]
    words = {key: f"{value} [{tag}]" for key, value in WORDS[lang].items()}

    # The adviser's register before: how many requests it counts this year.
    adviser = visitor(js=js)
    adviser.goto("/")
    if lang != "nl":
        adviser.switch_language(lang)
    adviser.sign_in(ADVISER)
    counted_before = requests_counted(adviser)

    # The person finds the door on the home page and on the adviser's card.
    person = visitor(js=js)
    person.goto("/")
    if lang != "nl":
        person.switch_language(lang)
    page = person.page
    assert page.locator("main a[href='/report/conversation']").count() == 1
    person.goto("/advisers/")
    # The card whose heading names her (a colleague's card may name her as stand-in).
    card = page.locator(".adviser-card", has=page.locator("h2", has_text=ADVISER.name))
    person.follow(card.locator("a[href^='/report/conversation?adviser=']"))
    assert person.path == "/report/conversation"
    form = page.locator("main form[action='/report/conversation']")
    chosen = form.locator("select[name='adviser'] option:checked").inner_text()
    assert chosen == ADVISER.name
    misfits = faults(page)  # each new page fits at 1280 and 375 px, its text not squeezed

    # Sent without words first: the message says what is missing; the wish stays ticked.
    form.locator("input[name='in_person']").check()
    form.locator("#times-0").check()
    form.locator("input[name='when']").fill(words["when"])
    response = person.follow(form.locator("button[type='submit']"))
    assert response.status == 400
    summary = page.locator("#error-summary")
    assert text(lang, "Write in a few words what you would like to talk about or ask.") in (
        summary.inner_text()
    )
    form = page.locator("main form[action='/report/conversation']")
    assert form.locator("input[name='in_person']").is_checked()
    assert form.locator("input[name='when']").input_value() == words["when"]

    form.locator("textarea[name='message']").fill(words["message"])
    assert form.locator("input[name='mode'][value='anonymous']").is_checked()  # the default
    response = person.follow(form.locator("button[type='submit']"))
    assert response.status == 201
    assert page.locator("h1").inner_text() == text(lang, "Your request has been sent")
    code = page.locator("#receipt-code").inner_text().strip()
    reference = page.locator("main form input[name='reference']").get_attribute("value")
    assert RECEIPT_CODE.match(code) and REFERENCE.match(reference)
    assert text(lang, "What happens next") in page.locator("main").inner_text()
    misfits += faults(page)
    page.locator("#typed").fill(code)
    person.follow(page.locator("main form.form button[type='submit']"))
    assert page.locator("h1").inner_text() == text(lang, "Thank you for your request")

    # The adviser finds it on the today page as a request, not among the reports.
    adviser.goto("/today")
    requests = adviser.page.locator("#adviser-requests + ul")
    assert reference in requests.inner_text()
    assert text(lang, "conversation request") in requests.inner_text()
    adviser.follow(requests.locator(f"a[href='/inbox/{reference}']"))
    main = adviser.page.locator("main")
    assert text(lang, "Conversation request, not a report") in main.inner_text()
    assert text(lang, "Yes, a meeting in person is wished") in main.inner_text()
    assert words["message"] in main.inner_text() and words["when"] in main.inner_text()
    assert text(lang, "In the morning") in main.inner_text()
    misfits += faults(adviser.page)
    send_message(adviser, f"/inbox/{reference}/reply", words["answer"], f"/inbox/{reference}")

    # It counts in the register: one request more than before.
    assert requests_counted(adviser) == counted_before + 1

    # The person comes back with the code and reads the answer in the thread.
    open_with_code(person, code)
    assert page.locator("h1").inner_text() == text(lang, "Your request for a conversation")
    said = conversation(person).locator(".message--adviser").all_inner_texts()
    assert any(words["answer"] in message for message in said), said
    misfits += faults(page)
    assert not misfits, "\n".join(misfits)
    for v in (person, adviser):
        v.assert_no_console_problems()


def test_the_minutes_of_an_integrity_meeting_become_an_oral_report_the_person_confirms(visitor):
    """Wbk: a meeting in person is a reporting channel; its minutes become an oral report that
    the person checks and confirms with their code, as any oral report."""
    tag = uuid.uuid4().hex[:8]
    lang = "nl"
    person = visitor(js=True)
    person.goto("/report/conversation")
    page = person.page
    form = page.locator("main form[action='/report/conversation']")
    form.locator("select[name='adviser']").select_option(label=ADVISER.name)
    form.locator("textarea[name='message']").fill(f"Ik wil iets over declaraties vertellen [{tag}]")
    form.locator("input[name='topic'][value='integrity']").check()
    form.locator("input[name='in_person']").check()
    person.follow(form.locator("button[type='submit']"))
    code = page.locator("#receipt-code").inner_text().strip()
    reference = page.locator("main form input[name='reference']").get_attribute("value")

    adviser = visitor(js=True)
    adviser.goto("/")
    adviser.sign_in(ADVISER)
    adviser.goto(f"/inbox/{reference}")
    minutes = adviser.page.locator("#record-minutes form")
    minutes.locator("input[name='category'][value='violation']").check()
    words = f"Verslag: declaraties van reizen die niet zijn gemaakt [{tag}]"
    minutes.locator("textarea[name='minutes']").fill(words)
    adviser.follow(minutes.locator("button[type='submit']"))
    main = adviser.page.locator("main")
    assert text(lang, "Not yet confirmed by the reporter.") in main.inner_text()

    open_with_code(person, code)
    assert page.locator("#oral-heading").count() == 1
    assert words in page.locator("main").inner_text()
    person.follow(page.locator("main form[action='/followup/report/confirm'] button"))
    assert page.locator("#oral-heading").count() == 0
    adviser.goto(f"/inbox/{reference}")
    assert "Not yet confirmed" not in adviser.page.locator("main").inner_text()
    for v in (person, adviser):
        v.assert_no_console_problems()

"""The adviser's workspace (issue 4) in Debian's Chromium: an anonymous integrity report is
acknowledged, annotated, talked through, given an outcome and closed, and the reporter, with
nothing but the receipt code, sees each of those steps.

Every page and every htmx swap these tests reach is audited with axe-core and checked for its
language and for Content-Security-Policy violations (Visitor.check in conftest.py).
"""

import uuid
from datetime import date, timedelta

import pytest
from babel.dates import format_date

from portal.reports.deadlines import add_months
from tests.browser.conftest import ADVISER
from tests.browser.journeys import (
    Incident,
    ReportInput,
    conversation,
    file_by_steps,
    open_inbox_report,
    review_and_send,
    send_message,
    start_report,
    strict,
    text,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor(visitor):
    """The conftest's visitors, also holding every page to unique ids."""
    return strict(visitor)


WORDS = {
    "nl": {
        "description": "Een collega declareert reizen die hij nooit heeft gemaakt.",
        "ack": "Ik zoek dit uit met de integriteitscommissie.",
        "note": "Eerst de reisdeclaraties van het afgelopen jaar opvragen.",
        "feedback": "De commissie onderzoekt de declaraties; ik houd je op de hoogte.",
        "answer": "Dank je. Ik heb nog een kopie van het rooster van die weken.",
    },
    "en": {
        "description": "A colleague claims travel expenses for trips never made.",
        "ack": "I will look into this with the integrity committee.",
        "note": "Ask for last year's travel claims first.",
        "feedback": "The committee is examining the claims; I will keep you informed.",
        "answer": "Thank you. I still have a copy of the rota for those weeks.",
    },
}
OUTCOME = "formal_report"
OUTCOME_LABEL = "Formal report inside the organisation"


def day(lang: str, when: date) -> str:
    return format_date(when, format="d MMMM y", locale=lang)  # the portal's one day format


@pytest.mark.parametrize(
    ("lang", "js"), [("nl", True), ("en", False)], ids=["nl-js-on", "en-js-off"]
)
def test_adviser_acknowledges_annotates_answers_and_closes_an_integrity_report(visitor, lang, js):
    tag = uuid.uuid4().hex[:8]
    words = {key: f"{value} [{tag}]" for key, value in WORDS[lang].items()}
    today = date.today()

    # The reporter files an anonymous report of a violation to the integrity contact.
    reporter = visitor(js=js)
    reporter.goto("/")
    if lang != "nl":
        reporter.switch_language(lang)
    if js:
        start_report(reporter)
    else:
        # The step pages work with plain posts too (the start button offers the one-page form).
        reporter.goto("/report/step/kind")
    report = ReportInput(
        category="violation",
        incident=Incident(when="2025", description=words["description"]),
        adviser=ADVISER.name,
        wishes=("formal_report",),
    )
    file_by_steps(reporter, report)
    filed = review_and_send(reporter, report)
    rpage = reporter.page
    assert (
        text(
            lang,
            "For a report of an integrity violation, the organisation confirms receipt within 7 "
            "days and tells you within 3 months after that what is being done.",
        )
        in rpage.locator("main").inner_text()
    )
    reporter.follow(rpage.locator("main a[href='/followup/']"))
    rpage.locator("#code").fill(filed.code)
    reporter.follow(rpage.locator("main form.form button[type='submit']"))
    assert reporter.path == "/followup/report"
    status = rpage.locator("main dl.status")
    assert text(lang, "Received") in status.inner_text()
    ack_due = day(lang, today + timedelta(days=7))
    assert text(lang, "due by %(day)s", day=ack_due) in status.inner_text()

    # The adviser signs in; the home page counts a report to acknowledge, and leads to it.
    adviser = visitor(js=js)
    adviser.goto("/")
    if lang != "nl":
        adviser.switch_language(lang)
    adviser.sign_in(ADVISER)
    apage = adviser.page
    adviser.goto("/")  # the home page keeps the inbox's counters
    adviser.follow(apage.locator("main .counters a[href*='track=integrity']"))
    assert apage.locator("#filter-track").input_value() == "integrity"
    assert apage.locator("#filter-status").input_value() == "received"
    open_inbox_report(adviser, filed.reference)
    main = apage.locator("main")
    assert words["description"] in main.inner_text()
    assert text(lang, "Violation") in main.inner_text()

    # One click acknowledges, with the template's wording plus a sentence of the adviser's own.
    ack = apage.locator("main form[action$='/acknowledge']")
    template = text(
        lang,
        "Thank you for your report. I have received it and will read it carefully. "
        "You will hear from me soon.",
    )
    assert ack.locator("textarea[name='text']").input_value() == template
    acknowledgement = f"{template}\n{words['ack']}"
    ack.locator("textarea[name='text']").fill(acknowledgement)
    adviser.follow(ack.locator("button[type='submit']"))
    assert adviser.path == f"/inbox/{filed.reference}"
    assert text(lang, "Acknowledged") in apage.locator("main dl.status").inner_text()
    assert apage.locator("main form[action$='/acknowledge']").count() == 0

    # A note for the adviser alone.
    notes = apage.locator("#notes")
    notes.locator("textarea[name='note']").fill(words["note"])
    adviser.follow(notes.locator("button[type='submit']"))
    assert words["note"] in apage.locator("#notes").inner_text()

    # After the conversation: a pattern, not one incident; the old mark is kept (#22).
    corrections = apage.locator("#corrections")
    corrections.get_by_label(text(lang, "A pattern (it happened more often)")).check()
    adviser.follow(corrections.locator("form[action$='/pattern'] button"))
    history = apage.locator("#corrections table").inner_text()
    assert text(lang, "A pattern (it happened more often)") in history

    # In progress, and a first message of feedback.
    adviser.follow(apage.locator("main form[action$='/start'] button"))
    assert text(lang, "In progress") in apage.locator("main dl.status").inner_text()
    reply_path = f"/inbox/{filed.reference}/reply"
    send_message(adviser, reply_path, words["feedback"], f"/inbox/{filed.reference}")

    # The reporter sees the acknowledgement, the new dates, the feedback; never the note.
    reporter.goto("/followup/report")
    status = rpage.locator("main dl.status")
    assert text(lang, "In progress") in status.inner_text()
    assert text(lang, "sent on %(day)s", day=day(lang, today)) in status.inner_text()
    feedback_due = day(lang, add_months(today, 3))
    assert text(lang, "due by %(day)s", day=feedback_due) in status.inner_text()
    said = conversation(reporter).locator(".message--adviser").all_inner_texts()
    assert any(words["ack"] in message for message in said), said
    assert any(words["feedback"] in message for message in said), said
    assert text(lang, "The adviser is working on your report.") in (
        conversation(reporter).inner_text()
    )
    assert words["note"] not in rpage.content()
    assert ADVISER.name in rpage.locator("main").inner_text()
    send_message(reporter, "/followup/report/message", words["answer"], "/followup/report")

    # The adviser reads the answer, records the outcome, and the report closes.
    adviser.goto(f"/inbox/{filed.reference}")
    assert words["answer"] in conversation(adviser).locator(".message--reporter").inner_text()
    # Closing sits below the report and asks to confirm, on a page of its own (#22).
    outcome = apage.locator("#close form[action$='/outcome']")
    assert (
        apage.locator("#close").bounding_box()["y"]
        > main.locator("#conversation").bounding_box()["y"]
    )
    outcome.locator("select[name='outcome']").select_option(OUTCOME)
    adviser.follow(outcome.locator("button[type='submit']"))
    assert apage.locator("main select[name='outcome']").input_value() == OUTCOME
    assert text(lang, "Closed") not in main.inner_text()  # nothing closed yet
    adviser.follow(apage.locator("main form[action$='/outcome/confirm'] button"))
    assert text(lang, "Closed") in apage.locator("main dl.status").inner_text()
    assert text(lang, OUTCOME_LABEL) in main.inner_text()
    assert apage.locator("main form[action$='/reopen'] button").count() == 1
    assert apage.locator(f"main form[action='{reply_path}']").count() == 0

    # The reporter sees the outcome, in their language; a closed report takes no messages.
    reporter.goto("/followup/report")
    assert text(lang, "Closed") in rpage.locator("main dl.status").inner_text()
    told = text(
        lang,
        "The adviser recorded the outcome: %(outcome)s.",
        outcome=text(lang, OUTCOME_LABEL),
    )
    assert told in conversation(reporter).inner_text()
    assert rpage.locator("main form[action='/followup/report/message']").count() == 0
    for v in (reporter, adviser):
        v.assert_no_console_problems()

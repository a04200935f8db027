"""Reporting journeys (issue 3) in Debian's Chromium: report, receipt code, the adviser reads,
downloads and replies, the reporter follows up; anonymous and by a signed-in employee.

Every page and every htmx step these tests reach is audited with axe-core and checked for its
language and for Content-Security-Policy violations (Visitor.check in conftest.py).
"""

import uuid

import pytest

from tests.browser.conftest import ADVISER, ADVISER_2, EMPLOYEE, EXTERNAL_ADVISER
from tests.browser.journeys import (
    Incident,
    ReportInput,
    assert_no_exif,
    conversation,
    download_attachment,
    file_by_steps,
    file_on_one_page,
    open_inbox_report,
    open_with_code,
    photo_with_gps,
    press,
    press_and_stay,
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


def marker() -> str:
    return uuid.uuid4().hex[:8]


def test_anonymous_report_with_a_photo_in_dutch_with_javascript(visitor, tmp_path):
    tag = marker()
    photo = photo_with_gps(tmp_path)
    report = ReportInput(
        category="bullying",
        incident=Incident(
            when="sinds maart",
            place="de teamkamer",
            people="een collega van de planning",
            description=f"Ze lachen me elke ochtend uit bij de koffie. [{tag}]",
        ),
        adviser=ADVISER.name,
        photos=[photo],
    )

    # The reporter, anonymous, through the htmx steps.
    reporter = visitor(js=True)
    reporter.goto("/")
    start_report(reporter)
    file_by_steps(reporter, report)
    filed = review_and_send(reporter, report)

    # The proof of filing: a PDF without the receipt code.
    with reporter.page.expect_download() as download:
        reporter.page.locator(f"main a[href='/report/proof/{filed.reference}.pdf']").click()
    proof = tmp_path / "proof.pdf"
    download.value.save_as(proof)
    data = proof.read_bytes()
    assert data.startswith(b"%PDF") and filed.code.encode() not in data

    # The adviser signs in with the second factor, finds the report, reads it.
    adviser = visitor(js=True)
    adviser.goto("/")
    adviser.sign_in(ADVISER)
    open_inbox_report(adviser, filed.reference)
    page = adviser.page
    assert report.incident.description in page.locator("main").inner_text()
    assert text("nl", "Anonymous: reply here; the reporter reads it with their receipt code.") in (
        page.locator("main").inner_text()
    )

    # The photo comes out re-drawn: no EXIF at all.
    downloaded = download_attachment(adviser, photo.name, tmp_path)
    assert_no_exif(downloaded)

    reply = f"Dank je voor je melding. Wil je me vertellen wat je zou helpen? [{tag}]"
    send_message(adviser, f"/inbox/{filed.reference}/reply", reply, f"/inbox/{filed.reference}")

    # The reporter comes back in a fresh browser, with nothing but the code.
    follower = visitor(js=True)
    open_with_code(follower, filed.code)
    assert reply in conversation(follower).locator(".message--adviser").inner_text()
    assert ADVISER.name in follower.page.locator("main").inner_text()  # who opened the report
    answer = f"Een gesprek met mijn leidinggevende, samen met jou. [{tag}]"
    send_message(follower, "/followup/report/message", answer, "/followup/report")

    adviser.goto(f"/inbox/{filed.reference}")
    assert answer in conversation(adviser).locator(".message--reporter").inner_text()
    for v in (reporter, adviser, follower):
        v.assert_no_console_problems()


def test_anonymous_report_with_a_photo_on_one_page_in_english_without_javascript(visitor, tmp_path):
    tag = marker()
    photo = photo_with_gps(tmp_path, "screenshot-with-location.jpg")
    report = ReportInput(
        category="sexual_harassment",
        incident=Incident(
            when="last Friday",
            place="the car park",
            witnesses="nobody",
            description=f"He kept commenting on my clothes and would not stop. [{tag}]",
        ),
        adviser=EXTERNAL_ADVISER.name,
        ongoing="unsure",
        wishes=("be_heard", "external"),
        photos=[photo],
    )

    # Without JavaScript, "Start" opens the whole report as one plain form.
    reporter = visitor(js=False)
    reporter.goto("/")
    reporter.switch_language("en")
    start_report(reporter)
    file_on_one_page(reporter, report)
    filed = review_and_send(reporter, report)

    adviser = visitor(js=False)
    adviser.goto("/")
    adviser.switch_language("en")
    adviser.sign_in(EXTERNAL_ADVISER)
    open_inbox_report(adviser, filed.reference)
    assert report.incident.description in adviser.page.locator("main").inner_text()
    downloaded = download_attachment(adviser, photo.name, tmp_path)
    assert_no_exif(downloaded)
    reply = f"Thank you for telling me. You are welcome to call me too. [{tag}]"
    send_message(adviser, f"/inbox/{filed.reference}/reply", reply, f"/inbox/{filed.reference}")

    follower = visitor(js=False)
    follower.goto("/")
    follower.switch_language("en")
    open_with_code(follower, filed.code)
    assert reply in conversation(follower).locator(".message--adviser").inner_text()
    answer = f"Thank you. I would like to talk on Tuesday. [{tag}]"
    send_message(follower, "/followup/report/message", answer, "/followup/report")

    adviser.goto(f"/inbox/{filed.reference}")
    assert answer in conversation(adviser).locator(".message--reporter").inner_text()
    for v in (reporter, adviser, follower):
        v.assert_no_console_problems()


def test_confidential_report_by_a_signed_in_employee_in_english_with_javascript(visitor):
    tag = marker()
    report = ReportInput(
        category="discrimination",
        incident=Incident(
            when="at the team meeting on Monday",
            people="a colleague from the night shift",
            description=f"I was left out of the rota talks because of my age. [{tag}]",
        ),
        adviser=ADVISER_2.name,
        mode="confidential",
        wishes=("advice", "conversation"),
        contact_name=EMPLOYEE.name,
        contact_email=EMPLOYEE.email,
    )

    employee = visitor(js=True)
    employee.goto("/")
    employee.switch_language("en")
    employee.sign_in(EMPLOYEE)
    start_report(employee)
    file_by_steps(employee, report)
    filed = review_and_send(employee, report)

    # The report is under "My reports", and opens there without the code.
    page = employee.page
    employee.follow(page.locator("nav.main-nav a[href='/my-reports/']"))
    employee.follow(page.locator(f"main a[href='/my-reports/{filed.reference}']"))
    reported = page.locator("main details")
    reported.locator("summary").click()
    assert report.incident.description in reported.inner_text()

    # The adviser reads it, with the employee's name, and replies.
    adviser = visitor(js=True)
    adviser.goto("/")
    adviser.switch_language("en")
    adviser.sign_in(ADVISER_2)
    open_inbox_report(adviser, filed.reference)
    reporter_details = adviser.page.locator("main dl.summary", has_text=EMPLOYEE.email)
    assert EMPLOYEE.name in reporter_details.inner_text()
    assert "Confidential" in adviser.page.locator("main dl.status").inner_text()
    reply = f"Thank you, {EMPLOYEE.name.split()[0]}. Shall we meet on Thursday? [{tag}]"
    send_message(adviser, f"/inbox/{filed.reference}/reply", reply, f"/inbox/{filed.reference}")

    # The employee reads the reply under My reports, and sees who opened the report.
    employee.follow(page.locator("nav.main-nav a[href='/my-reports/']"))
    employee.follow(page.locator(f"main a[href='/my-reports/{filed.reference}']"))
    assert reply in conversation(employee).locator(".message--adviser").inner_text()
    assert ADVISER_2.name in page.locator("main").inner_text()
    answer = f"Thursday suits me. [{tag}]"
    send_message(
        employee,
        f"/my-reports/{filed.reference}/message",
        answer,
        f"/my-reports/{filed.reference}",
    )
    employee.sign_out()
    for v in (employee, adviser):
        v.assert_no_console_problems()


def tab_to(v, selector: str, limit: int = 60) -> list[str]:
    """Press Tab until the focus is on `selector`; the focus must be visible when it gets there."""
    page = v.page
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return e.id || e.getAttribute('name') || e.tagName; }"
            )
        )
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert page.evaluate("() => document.activeElement.matches(':focus-visible')"), (
                f"{selector} has focus, but no visible focus"
            )
            return seen
    raise AssertionError(f"Tab never reached {selector}; it went through {seen}")


def focused(v) -> str:
    return v.page.evaluate("() => document.activeElement.id")


def test_the_first_steps_of_a_report_by_keyboard_alone(visitor):
    v = visitor(js=True)
    page = v.page
    v.goto("/report/")
    tab_to(v, "main a.button[href='/report/form']")
    press(v, page.locator("main a.button[href='/report/form']"), "/report/step/kind", key="Enter")
    assert focused(v) == "step-title", "focus did not move to the new step"

    # Next without a choice: the error summary takes the focus and links to the question.
    tab_to(v, "button[value='next']")
    press_and_stay(v, page.locator("button[value='next']"), key="Enter")
    summary = page.locator("#report-flow .error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    assert summary.locator("a[href='#category']").count() == 1
    tab_to(v, "input[name='category']")
    assert focused(v) == "category-intimidation", "the first choice was not first in Tab order"
    page.keyboard.press("Space")
    assert page.locator("#category-intimidation").is_checked()
    page.keyboard.press("ArrowDown")
    assert page.locator("#category-bullying").is_checked()
    tab_to(v, "button[value='next']")
    press(v, page.locator("button[value='next']"), "/report/step/incidents", key="Enter")

    # What happened: from the heading, Tab reaches the first field of the first incident.
    page.keyboard.press("Tab")
    assert focused(v) == "incidents-0-when"
    page.keyboard.type("gisteren")
    tab_to(v, "#incidents-0-description")
    page.keyboard.type("Hij schreeuwde tegen me waar iedereen bij was.")
    tab_to(v, "input[name='ongoing']")
    page.keyboard.press("Space")
    assert page.locator("input[name='ongoing'][value='yes']").is_checked()
    tab_to(v, "button[value='next']")
    press(v, page.locator("button[value='next']"), "/report/step/wishes", key="Enter")

    # Back by keyboard: what was typed is still there.
    tab_to(v, "button[value='back']")
    press(v, page.locator("button[value='back']"), "/report/step/incidents", key="Enter")
    assert page.locator("#incidents-0-when").input_value() == "gisteren"
    assert page.locator("input[name='ongoing'][value='yes']").is_checked()
    v.assert_no_console_problems()

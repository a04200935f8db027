"""Report together (issue 25) in Debian's Chromium.

Two demo employees each hold a report about the same colleague: Pieter Bakker in Dutch with
JavaScript on (by keyboard), Ahmed Yilmaz in English with JavaScript off. Nobody has a match
until an adviser holding the matching secret signs in; then each writer sees the match, goes
on, and finds the report under My reports. Each chose another adviser, and each adviser reads
only the report addressed to them. On the advisers' page an adviser sees their check code; a
wrong check code is refused, with nothing typed lost (on a demo portal of its own, where HR
first confirms Ahmed Yilmaz as an adviser, so that the shared demo keeps its people as they are).
Sanne de Vries withdraws her demo held report by keyboard alone.

Every page these tests reach is audited with axe-core, checked for its language and for
Content-Security-Policy violations (Visitor.check in conftest.py), and holds no id twice.
"""

import re
import uuid
from dataclasses import dataclass

import pytest

from tests.browser.conftest import (
    ADVISER,
    ADVISER_2,
    EMPLOYEE,
    HR,
    MANAGEMENT,
    TEAM_LEAD,
    Auditor,
    Authenticator,
    DemoPerson,
    LiveServer,
    Visitor,
    demo_server,
    free_port,
)
from tests.browser.journeys import open_inbox_report, strict, text

pytestmark = pytest.mark.browser

CHECK_CODE = re.compile(r"\b\d{5}(?: \d{5}){4}\b")  # keyring.check_code: five groups of five
HELD_REFERENCE = re.compile(r"^/together/held/([^/]+)/withdraw$")
NAMED = MANAGEMENT  # Willem de Groot: both writers name him
HOLDS = (
    "You hold the matching secret. Held reports are matched every time you sign in; "
    "you can also do it now."
)
MAX_TABS = 80  # more presses than any of these pages has controls before the one wanted


@pytest.fixture
def visitor(visitor):
    """The conftest's visitors, also holding every page to unique ids."""
    return strict(visitor)


def arrive(make, person: DemoPerson, lang: str, js: bool) -> Visitor:
    v = make(js=js)
    v.goto("/")
    if lang != "nl":
        v.switch_language(lang)
    v.sign_in(person)
    return v


def open_together(v: Visitor) -> None:
    """From the home page's tile "Report together" (staff land on their today page first)."""
    v.goto("/")
    v.follow(v.page.locator("main .tiles a[href='/together/']"))
    assert v.path == "/together/"


def held_card(v: Visitor, about: DemoPerson):
    page = v.page
    heading = text(v.lang, "About %(name)s", name=about.name)
    return page.locator(
        "main section[aria-labelledby^='held-']", has=page.get_by_role("heading", name=heading)
    )


def reference_of(card) -> str:
    action = card.locator("form[action$='/withdraw']").get_attribute("action")
    found = HELD_REFERENCE.match(action or "")
    assert found, action
    return found.group(1)


def holders(v: Visitor) -> str:
    """The list of advisers who hold the matching secret, on the advisers' page."""
    return v.page.locator("main ul").last.inner_text()


def flashed(v: Visitor) -> str:
    return v.page.locator(".flashes").inner_text()


def main_text(v: Visitor) -> str:
    return v.page.locator("main").inner_text()


# Keyboard


def focused(page) -> str:
    """The focused element, as tag#id or tag[text], to compare and to show in a failure."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '[' + e.innerText.trim() + ']'); }"
    )


def tab_to(page, locator) -> None:
    """Press Tab from where the focus is until the control has it, as a keyboard user does."""
    assert locator.count() == 1, f"expected one {locator}"
    for _ in range(MAX_TABS):
        if locator.evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{locator} never got the focus by Tab; it ended on {focused(page)}")


def assert_tab_order(page, ids: list[str], then) -> None:
    """From the first field, Tab reaches each field in order, then the control `then`."""
    page.locator(f"#{ids[0]}").focus()
    for wanted in ids[1:]:
        page.keyboard.press("Tab")
        here = page.evaluate("() => document.activeElement.id")
        assert here == wanted, f"Tab went to {focused(page)}, not #{wanted}"
    page.keyboard.press("Tab")
    assert then.evaluate("e => e === document.activeElement"), f"Tab went to {focused(page)}"


def choose_by_keyboard(page, select_id: str, label: str) -> None:
    """With the closed list focused, type the start of an option's label (type-ahead)."""
    select = page.locator(f"#{select_id}")
    assert select.evaluate("e => e === document.activeElement"), f"#{select_id} has no focus"
    page.keyboard.type(label)
    chosen = select.evaluate("e => e.options[e.selectedIndex].text")
    assert chosen == label, f"typing {label!r} in #{select_id} chose {chosen!r}"


# The writers


@dataclass
class Writer:
    person: DemoPerson
    lang: str
    js: bool
    adviser: DemoPerson  # whom their report goes to after a match
    what: str


def hold_by_keyboard(v: Visitor, writer: Writer) -> None:
    """Fill in "Hold a report" with the keyboard alone and send it with Enter."""
    page = v.page
    form = page.locator("main form.form")
    submit = form.locator("button[type='submit']")
    # Entries from the writer's record, when they keep one, come between the text and the adviser.
    entries = form.locator("input[name='entries']").evaluate_all("boxes => boxes.map(b => b.id)")
    fields = ["about", "category", "what", *entries, "adviser", "contact_name", "contact_email"]
    assert_tab_order(page, [*fields, "contact_phone"], submit)
    page.locator("#about").focus()
    choose_by_keyboard(page, "about", NAMED.name)
    page.keyboard.press("Tab")
    choose_by_keyboard(page, "category", text(v.lang, "Intimidation"))
    page.keyboard.press("Tab")
    page.keyboard.type(writer.what)
    page.keyboard.press("Tab")
    choose_by_keyboard(page, "adviser", writer.adviser.name)
    tab_to(page, submit)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    v.check(navigation.value)


def hold_after_a_refusal(v: Visitor, writer: Writer) -> None:
    """Forget to choose the person: refused with a message, nothing typed lost; then hold."""
    page = v.page
    page.locator("#category").select_option("intimidation")
    page.locator("#what").fill(writer.what)
    page.locator("#adviser").select_option(label=writer.adviser.name)
    submit = page.locator("main form.form button[type='submit']")
    v.follow(submit)
    assert v.path == "/together/new"
    summary = page.locator("#error-summary")
    assert text(v.lang, "Choose the person it is about.") in summary.inner_text()
    assert summary.locator("a[href='#about']").count() == 1
    assert page.locator("#what").input_value() == writer.what
    assert page.locator("#category").input_value() == "intimidation"
    assert page.locator("#adviser option:checked").inner_text() == writer.adviser.name
    page.locator("#about").select_option(label=NAMED.name)
    v.follow(submit)


def hold(v: Visitor, writer: Writer) -> str:
    """Hold a report about NAMED from the writer's report together page; return its reference."""
    page = v.page
    v.follow(page.locator("main a.button[href='/together/new']"))
    assert v.path == "/together/new"
    # Who can be reached later is filled in from the account, and can be changed.
    assert page.locator("#contact_name").input_value() == writer.person.name
    assert page.locator("#contact_email").input_value() == writer.person.email
    if writer.js:
        hold_by_keyboard(v, writer)
    else:
        hold_after_a_refusal(v, writer)
    assert v.path == "/together/", f"holding the report ended on {v.page.url}"
    assert text(
        v.lang, "Your report is held. Nobody can read it. You will see here when there is a match."
    ) in flashed(v)
    card = held_card(v, NAMED)
    assert card.count() == 1, main_text(v)
    return reference_of(card)


def assert_no_match_yet(v: Visitor) -> None:
    v.goto("/together/")
    card = held_card(v, NAMED)
    assert text(v.lang, "No match yet. Your report waits, unread.") in card.inner_text()
    assert text(v.lang, "There is a match.") not in card.inner_text()
    assert card.locator("a[href*='/go-on']").count() == 0


def my_reports(v: Visitor) -> set[str]:
    v.goto("/my-reports/")
    links = v.page.locator("main table tbody a[href^='/my-reports/']")
    return set(links.all_inner_texts())


def go_on(v: Visitor, writer: Writer, reference: str) -> str:
    """See the match, go on to the chosen adviser, find the report under My reports; return
    the new report's reference."""
    page = v.page
    before = my_reports(v)
    v.goto("/together/")
    card = held_card(v, NAMED)
    assert text(v.lang, "There is a match.") in card.inner_text()
    # Nothing says who else reported.
    for other in (HR, TEAM_LEAD):
        if other != writer.person:
            assert other.name not in main_text(v)
    v.follow(card.locator(f"a[href='/together/held/{reference}/go-on']"))
    assert v.path == f"/together/held/{reference}/go-on"
    facts = page.locator("main dl.facts").inner_text()
    assert writer.adviser.name in facts and writer.what in facts
    send = page.locator("main form.form button[type='submit']")
    assert writer.adviser.name in send.inner_text()
    if not writer.js:
        # Neither an e-mail address nor a phone number: refused, the name stays as typed.
        page.locator("#contact_email").fill("")
        page.locator("#contact_name").fill(f"{writer.person.name} (A.)")
        v.follow(send)
        assert v.path == f"/together/held/{reference}/go-on"
        message = text(
            v.lang, "Give an e-mail address or phone number so the adviser can reach you."
        )
        assert message in page.locator("#error-summary").inner_text()
        assert page.locator("#contact_name").input_value() == f"{writer.person.name} (A.)"
        page.locator("#contact_email").fill(writer.person.email)
        v.follow(send)
    else:
        tab_to(page, send)
        with page.expect_navigation() as navigation:
            page.keyboard.press("Enter")
        v.check(navigation.value)
    assert v.path == "/my-reports/", f"going on ended on {v.page.url}"
    assert text(
        v.lang,
        "Your report is with the adviser you chose, as a confidential report. "
        "You find it under My reports.",
    ) in flashed(v)
    added = my_reports(v) - before
    assert len(added) == 1, f"My reports gained {added}"
    (filed,) = added
    v.follow(v.page.locator(f"main a[href='/my-reports/{filed}']"))
    assert writer.adviser.name in main_text(v)
    reported = v.page.locator("main details.panel", has_text=text(v.lang, "What you reported"))
    reported.locator("summary").click()  # a closed <details>, by default
    assert writer.what in reported.inner_text()
    # The held report is gone: it became this report.
    v.goto("/together/")
    assert held_card(v, NAMED).count() == 0
    return filed


def assert_not_in_inbox(v: Visitor, reference: str, what: str) -> None:
    """Searched by its reference, the other adviser's report is not in this inbox; opened by
    its address, it does not show."""
    v.goto(f"/inbox/?q={reference}")
    assert v.page.locator(f"#inbox-rows a[href='/inbox/{reference}']").count() == 0
    assert what not in v.page.content()
    response = v.goto(f"/inbox/{reference}")
    assert response.status in (403, 404), f"/inbox/{reference} answered {response.status}"
    assert what not in v.page.content()


def test_two_writers_match_go_on_and_each_adviser_reads_only_their_own(visitor):
    tag = uuid.uuid4().hex[:8]
    writers = [
        Writer(
            HR,
            "nl",
            True,
            ADVISER,
            f"Hij zet me in de vergadering steeds voor schut waar iedereen bij is [{tag}]",
        ),
        Writer(
            TEAM_LEAD,
            "en",
            False,
            ADVISER_2,
            f"He keeps shouting at me in front of my team when I disagree [{tag}]",
        ),
    ]

    # Each writer holds a report about the same person, independently.
    held = {}
    for writer in writers:
        v = arrive(visitor, writer.person, writer.lang, writer.js)
        open_together(v)
        held[writer.person] = (v, hold(v, writer))

    # No adviser has signed in since: no match for either, the reports wait unread.
    for v, _ in held.values():
        assert_no_match_yet(v)

    # An adviser holding the matching secret signs in: the sign-in matches the held reports.
    marieke = arrive(visitor, ADVISER, "nl", True)

    filed = {}
    for writer in writers:
        v, reference = held[writer.person]
        filed[writer.person] = go_on(v, writer, reference)

    # Each adviser reads the report addressed to them, and not the other one.
    pieter, ahmed = writers
    open_inbox_report(marieke, filed[HR])
    assert pieter.what in main_text(marieke)
    assert ahmed.what not in marieke.page.content()
    assert_not_in_inbox(marieke, filed[TEAM_LEAD], ahmed.what)

    kofi = arrive(visitor, ADVISER_2, "en", False)
    open_inbox_report(kofi, filed[TEAM_LEAD])
    assert ahmed.what in main_text(kofi)
    assert pieter.what not in kofi.page.content()
    assert_not_in_inbox(kofi, filed[HR], pieter.what)

    for v in [v for v, _ in held.values()] + [marieke, kofi]:
        v.assert_no_console_problems()


@pytest.mark.parametrize(
    ("lang", "js"), [("nl", True), ("en", False)], ids=["nl-js-on", "en-js-off"]
)
def test_an_adviser_sees_their_check_code_and_that_they_hold_the_secret(visitor, lang, js):
    adviser = arrive(visitor, ADVISER_2, lang, js)
    adviser.goto("/")
    adviser.follow(adviser.page.locator("main .tiles a[href='/together/advisers']"))
    assert adviser.path == "/together/advisers"
    said = main_text(adviser)
    assert CHECK_CODE.search(said), said
    assert text(lang, HOLDS) in said
    for person in (ADVISER, ADVISER_2):
        assert person.name in holders(adviser)
    # Matching on request: no number, no name, only that it was done.
    adviser.follow(adviser.page.locator("main form[action='/together/advisers/check'] button"))
    assert adviser.path == "/together/advisers"
    assert text(
        lang, "Held reports are matched. Writers with a match see it on their page."
    ) in flashed(adviser)
    assert not re.search(r"\d", flashed(adviser))
    adviser.assert_no_console_problems()


def test_sanne_withdraws_her_held_report_by_keyboard(visitor):
    sanne = arrive(visitor, EMPLOYEE, "nl", True)
    open_together(sanne)
    page = sanne.page
    card = held_card(sanne, TEAM_LEAD)  # the demo's held report, about her team lead
    assert card.count() == 1, main_text(sanne)
    reference = reference_of(card)
    button = card.locator("form[action$='/withdraw'] button")
    page.locator("body").focus()
    tab_to(page, button)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    sanne.check(navigation.value)
    assert sanne.path == "/together/"
    assert text("nl", "Your held report is withdrawn and deleted.") in flashed(sanne)
    assert held_card(sanne, TEAM_LEAD).count() == 0
    assert reference not in page.content()
    sanne.assert_no_console_problems()


# A demo portal of its own, where HR confirms Ahmed Yilmaz as an adviser (the demo asks for it),
# so that he has no matching secret yet and an adviser holding it can give it to him.

AHMED_AS_ADVISER = DemoPerson(TEAM_LEAD.email, TEAM_LEAD.name, second_factor=True, staff=True)


@pytest.fixture(scope="module")
def own_portal(tmp_path_factory, neutral_site):
    instance = tmp_path_factory.mktemp("together-give")
    with demo_server(instance, free_port(), {"QUICK_EXIT_URL": neutral_site}) as (url, err):
        yield LiveServer(url, err, neutral_site)


@pytest.fixture
def at_own_portal(browser, own_portal):
    made = []
    auditor = Auditor(browser, own_portal.url)
    authenticator = Authenticator()  # this portal's own enrolments

    def make(js: bool = True) -> Visitor:
        context = browser.new_context(java_script_enabled=js)
        made.append(Visitor(context, own_portal, js, auditor, authenticator))
        return made[-1]

    yield strict(make)
    problems = [p for v in made for p in v.problems]
    for v in made:
        v.context.close()
    auditor.context.close()
    if problems:
        pytest.fail("the browser console reported:\n" + "\n".join(problems), pytrace=False)


def test_a_wrong_check_code_is_refused_and_the_right_one_gives_the_secret(at_own_portal):
    make, lang, js = at_own_portal, "nl", False
    hr = arrive(make, HR, lang, js)
    hr.follow(hr.page.locator("nav.main-nav a[href='/admin/role-requests']"))
    row = hr.page.locator("main table").first.locator("tbody tr", has_text=TEAM_LEAD.name)
    hr.follow(row.locator("button[value='confirm']"))
    assert text(lang, "The role is confirmed and takes effect now.") in flashed(hr)

    # Ahmed, now an adviser, opens the advisers' page: no secret yet, and his check code.
    ahmed = arrive(make, AHMED_AS_ADVISER, lang, js)
    ahmed.goto("/together/advisers")
    code = CHECK_CODE.search(main_text(ahmed)).group()
    assert text(
        lang,
        "You do not hold the matching secret. Ask an adviser who holds it to give it to you: "
        "they type your check code, which you read to them in person.",
    ) in main_text(ahmed)

    # Marieke holds it; she types what she heard, one digit wrong: refused, nothing lost.
    marieke = arrive(make, ADVISER, lang, js)
    marieke.goto("/together/advisers")
    page = marieke.page
    form = page.locator("main form[action='/together/advisers/give']")
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    form.locator("#adviser").select_option(label=TEAM_LEAD.name)
    form.locator("#check_code").fill(wrong)
    marieke.follow(form.locator("button[type='submit']"))
    assert marieke.path == "/together/advisers/give"
    refused = text(
        lang, "This is not the code on their screen. Check it with them again, in person."
    )
    assert refused in page.locator("#error-summary").inner_text()
    assert page.locator("#check_code").input_value() == wrong
    assert page.locator("#adviser option:checked").inner_text() == TEAM_LEAD.name
    assert TEAM_LEAD.name not in holders(marieke)

    # The right code, typed by keyboard as read aloud, sent with Enter: he holds the secret now.
    page.locator("#check_code").fill("")
    page.locator("#check_code").focus()
    page.keyboard.type(code)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    marieke.check(navigation.value)
    assert marieke.path == "/together/advisers"
    given = text(lang, "%(name)s now holds the matching secret.", name=TEAM_LEAD.name)
    assert given in flashed(marieke)
    assert TEAM_LEAD.name in holders(marieke)
    # Every adviser holds it now: nobody is left to give it to, and the page says so.
    assert page.locator("main form[action='/together/advisers/give']").count() == 0
    assert text(
        lang,
        "Every adviser holds the matching secret. When a new adviser starts, give it to them here.",
    ) in main_text(marieke)
    ahmed.goto("/together/advisers")
    assert text(lang, HOLDS) in main_text(ahmed)
    for v in (hr, ahmed, marieke):
        v.assert_no_console_problems()

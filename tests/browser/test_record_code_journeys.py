"""My record kept by a record code, without an account (issue 12), in Debian's Chromium. In
Dutch with JavaScript on: start a record, see the code once (with a print button), type it
back, write an entry, close, open it again with the code and find the entry. In English with
JavaScript off: the same start, confirm and first entry, then close; the closed record opens
nothing until the code is typed.

Every page these tests reach is audited with axe-core (Visitor.check in conftest.py).
"""

import re
import uuid
from datetime import date, timedelta

import pytest

from tests.browser.journeys import strict

pytestmark = pytest.mark.browser
CODE = re.compile(r"[A-Z0-9]{4}(?:-[A-Z0-9]{4}){4}")


@pytest.fixture
def visitor(visitor):
    return strict(visitor)


def start_and_confirm(person, start: str, saved: str) -> str:
    page = person.page
    person.goto("/record-code/")
    person.follow(page.locator("main form button", has_text=start))
    code = page.locator("#record-code").inner_text().strip()
    assert CODE.fullmatch(code)
    page.locator("#typed").fill(code.replace("-", " ").lower())
    person.follow(page.locator("main form button", has_text=saved))
    assert person.path == "/record-code/record"
    return code


def write(person, labels: dict, what: str, day: date) -> None:
    page = person.page
    person.follow(page.locator("main a[href='/record-code/new']"))
    page.get_by_label(labels["when"]).fill(day.isoformat())
    page.get_by_label(labels["what"]).fill(what)
    page.locator("#form").select_option("bullying")
    person.follow(page.locator("main form button[type='submit']"))
    assert person.path.startswith("/record-code/entry/")


def test_start_confirm_write_close_and_open_again_in_dutch(visitor):
    tag = uuid.uuid4().hex[:6]
    person = visitor(js=True)
    page = person.page
    person.goto("/record-code/")
    assert page.locator("h1").inner_text() == "Een dossier bijhouden zonder account"
    person.follow(page.locator("main form button", has_text="Een dossier beginnen"))
    assert page.locator("button[data-print]").is_visible()  # JavaScript shows it
    code = page.locator("#record-code").inner_text().strip()
    page.locator("#typed").fill(code)
    person.follow(page.locator("main form button", has_text="Ik heb mijn code bewaard"))
    labels = {"when": "Wanneer gebeurde het?", "what": "Wat is er gebeurd?"}
    write(person, labels, f"Genegeerd in het overleg {tag}", date.today() - timedelta(days=2))
    person.follow(page.locator("main a", has_text="Terug naar mijn dossier"))
    assert f"Genegeerd in het overleg {tag}" in page.locator("main").text_content()  # the text sits in a closed <details>
    assert code not in page.content()
    person.follow(page.locator("main form button", has_text="Mijn dossier sluiten"))
    assert person.path == "/record-code/open"
    person.goto("/record-code/record")
    assert person.path == "/record-code/open"  # closed: the code is needed again
    page.get_by_label("Dossiercode").fill(code)
    person.follow(page.locator("main form button", has_text="Mijn dossier openen"))
    assert f"Genegeerd in het overleg {tag}" in page.locator("main").text_content()


def test_start_write_and_close_in_english_without_javascript(visitor):
    tag = uuid.uuid4().hex[:6]
    person = visitor(js=False)
    person.goto("/record-code/")
    person.switch_language("en")
    code = start_and_confirm(person, "Start a record", "I have saved my code")
    page = person.page
    labels = {"when": "When did it happen?", "what": "What happened?"}
    write(person, labels, f"Shouted at in the corridor {tag}", date.today() - timedelta(days=9))
    person.follow(page.locator("main a", has_text="Back to my record"))
    person.follow(page.locator("main form button", has_text="Close my record"))
    assert "Your record is closed" in page.locator("main").inner_text()
    page.get_by_label("Record code").fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    person.follow(page.locator("main form button", has_text="Open my record"))
    assert "No record belongs to this code" in page.locator("main").inner_text()
    page.get_by_label("Record code").fill(code)
    person.follow(page.locator("main form button", has_text="Open my record"))
    assert f"Shouted at in the corridor {tag}" in page.locator("main").text_content()

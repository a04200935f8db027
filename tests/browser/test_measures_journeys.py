"""Prevention measures and the proof for the inspection (#24 items 4, 5) in Debian's Chromium:
HR adds a measure that answers a recommendation of the demo's published yearly report, marks it
done, opens the inspection page and downloads the document, in Dutch with JavaScript on and in
English without, partly by keyboard. Every portal page is audited with axe-core (Visitor.check)."""

from datetime import date

import pypdf
import pytest

from tests.browser.conftest import HR

pytestmark = pytest.mark.browser

WORDS = {
    "nl": {
        "add": "Voeg de maatregel toe",
        "done_button": "Zet op klaar",
        "done": "Klaar",
        "inspection": "Bewijs voor de inspectie",
        "download": "Downloaden als pdf",
        "answers": "Antwoord op de aanbeveling van",
        "sections": ["1. Maatregelen in het plan van aanpak", "5. De cijfers van het jaar"],
    },
    "en": {
        "add": "Add the measure",
        "done_button": "Mark done",
        "done": "Done",
        "inspection": "Proof for the inspection",
        "download": "Download as PDF",
        "answers": "Answers the recommendation of",
        "sections": ["1. Measures in the plan of action", "5. The year's figures"],
    },
}


def add_mark_done_and_download(hr, lang: str, title: str, tmp_path, key: str | None) -> None:
    words, year = WORDS[lang], date.today().year
    page = hr.page
    hr.goto("/prevention/measures")
    page.locator("#title").fill(title)
    page.locator("#owner").fill("HR")
    page.locator("#due_on").fill(f"{year + 1}-03-01")
    page.locator("#recommendation_uid").select_option(f"demo-{year - 1}-3")
    hr.follow(page.get_by_role("button", name=words["add"]), key)
    assert hr.path == "/prevention/measures"
    row = page.locator("main tr", has_text=title)
    assert row.count() == 1 and words["answers"] in row.inner_text()
    hr.follow(row.get_by_role("button", name=words["done_button"]), key)
    row = page.locator("main tr", has_text=title)
    assert words["done"] in row.locator("td.status").inner_text()
    hr.follow(page.get_by_role("link", name=words["inspection"]), key)
    assert hr.path == "/prevention/inspection"
    main = page.locator("main").inner_text()
    assert title in main and all(section in main for section in words["sections"])
    with page.expect_download() as download:
        page.get_by_role("link", name=words["download"]).click()
    saved = tmp_path / f"inspection-{lang}.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(saved).pages).split())
    assert title in text and words["sections"][0] in text


def test_hr_keeps_a_measure_and_hands_over_the_proof_in_dutch(visitor, tmp_path):
    hr = visitor(js=True)
    hr.goto("/sign-in")
    hr.sign_in(HR)
    add_mark_done_and_download(hr, "nl", "Vertrouwenspersonen bij de introductie", tmp_path, None)


def test_hr_keeps_a_measure_in_english_without_javascript_by_keyboard(visitor, tmp_path):
    hr = visitor(js=False)
    hr.goto("/sign-in")
    hr.switch_language("en")
    hr.sign_in(HR)
    add_mark_done_and_download(hr, "en", "Advisers at every welcome day", tmp_path, "Enter")

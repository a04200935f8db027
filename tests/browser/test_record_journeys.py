"""My record (issue 12) in Debian's Chromium. In Dutch with JavaScript on: the demo employee
writes three entries (one with a photo carrying EXIF), changes one, reads both versions in its
history, sees the timeline with its chart, downloads the PDF (its text is read back), and
leaves with Escape pressed twice. In English with JavaScript off: two entries of the record go
into a new confidential report, and the chosen adviser reads them there.

Every page these tests reach is audited with axe-core (Visitor.check in conftest.py).
"""

import io
import uuid
from datetime import date, timedelta

import pypdf
import pytest

from tests.browser.conftest import ADVISER, EMPLOYEE
from tests.browser.journeys import (
    Incident,
    ReportInput,
    file_on_one_page,
    open_inbox_report,
    review_and_send,
    start_report,
    strict,
)
from tests.factories import jpeg_with_gps

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor(visitor):
    return strict(visitor)


def write_entry(person, day: date, what: str, form: str, photo=None) -> None:
    page = person.page
    if person.path != "/record/":
        person.follow(page.locator("main a", has_text="Terug naar mijn dossier"))
    person.follow(page.locator("main a[href='/record/new']"))
    page.get_by_label("Wanneer gebeurde het?").fill(day.isoformat())
    page.get_by_label("Plaats").fill("Teamkamer")
    page.locator("#people-0-name").fill("J. de Boer")
    page.locator("#people-0-relation").select_option("manager")
    page.get_by_label("Wat is er gebeurd?").fill(what)
    page.get_by_label("Welke vorm lijkt het te zijn?").select_option(form)
    if photo:
        page.locator("#files").set_input_files(photo)
    person.follow(page.locator("main form button[type='submit']"))
    assert "De aantekening is bewaard in je dossier." in page.locator("main").inner_text()


def test_write_edit_history_timeline_pdf_and_quick_exit_in_dutch(visitor, tmp_path):
    tag = uuid.uuid4().hex[:6]
    today = date.today()
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_with_gps())
    person = visitor(js=True)
    person.goto("/")
    person.sign_in(EMPLOYEE)
    page = person.page
    person.follow(page.locator("nav.main-nav a[href='/record/']"))
    assert page.locator("h1").inner_text() == "Mijn dossier"

    write_entry(person, today - timedelta(days=70), f"Uitgelachen in het overleg {tag}", "bullying")
    write_entry(
        person, today - timedelta(days=35), f"Foto van mijn bureau gedeeld {tag}", "online", photo
    )
    main = page.locator("main").inner_text()
    assert "foto.jpg" in main and "SHA-256" in main
    write_entry(person, today - timedelta(days=3), f"Rooster veranderd {tag}", "intimidation")

    # Change the last entry: a new version; the history shows both.
    person.follow(page.locator("main a", has_text="Deze aantekening wijzigen"))
    page.get_by_label("Wat is er gebeurd?").fill(f"Rooster veranderd, derde keer {tag}")
    person.follow(page.locator("main form button[type='submit']"))
    assert "Bewaard als versie 2" in page.locator("main").inner_text()
    person.follow(page.locator("main a", has_text="Geschiedenis (2 versies)"))
    history = page.locator("main").inner_text()
    assert f"Rooster veranderd {tag}" in history
    assert f"Rooster veranderd, derde keer {tag}" in history
    assert "Versie 1, geschreven op" in history and "Versie 2, geschreven op" in history

    # The timeline, in the order things happened, with its chart and the numbers beside it.
    person.follow(page.locator("main a", has_text="Terug naar de aantekening"))
    person.follow(page.locator("main a", has_text="Terug naar mijn dossier"))
    timeline = page.locator("main").inner_text()
    first = timeline.index(f"Uitgelachen in het overleg {tag}")
    assert first < timeline.index(f"Foto van mijn bureau gedeeld {tag}")
    assert timeline.index(f"Foto van mijn bureau gedeeld {tag}") < timeline.index(
        f"Rooster veranderd, derde keer {tag}"
    )
    assert page.locator("main .record-chart svg rect.chart__bar").count() >= 3
    assert page.locator("main .record-chart table tbody tr").count() >= 3
    assert "Gecontroleerd: " in timeline

    # Filtering by form updates the timeline in place (htmx).
    page.locator("#form").select_option("online")
    page.wait_for_function(
        "() => !document.querySelector('#timeline').innerText.includes('Rooster')"
    )
    assert f"Foto van mijn bureau gedeeld {tag}" in page.locator("#timeline").inner_text()
    page.locator("#form").select_option("")
    page.wait_for_function(
        "() => document.querySelector('#timeline').innerText.includes('Rooster')"
    )

    # The PDF: entries, the photo's SHA-256 and the chain head.
    head = page.locator("main .chain--intact .fingerprint").inner_text().split()[-1]
    with page.expect_download() as download:
        page.locator("main a[href='/record/export.pdf']").click()
    pages = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert f"Rooster veranderd, derde keer {tag}" in text
    assert f"Uitgelachen in het overleg {tag}" in text
    import hashlib

    assert hashlib.sha256(photo.read_bytes()).hexdigest() in text
    assert head in text and "Pagina 1" in text

    # Quick exit with the keyboard: Escape twice leaves for the neutral site, replacing this
    # page in the history (tests/browser/test_quick_exit_journeys.py plays Back after it).
    length = page.evaluate("() => history.length")
    with page.expect_navigation(url=person.server.neutral_url):
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    assert page.evaluate("() => history.length") == length
    page.go_back()
    assert person.path != "/record/"


def test_attach_two_entries_to_a_confidential_report_in_english_without_javascript(visitor):
    tag = uuid.uuid4().hex[:6]
    person = visitor(js=False)
    person.goto("/")
    person.switch_language("en")
    person.sign_in(EMPLOYEE)
    start_report(person)
    report = ReportInput(
        category="bullying",
        incident=Incident(when="this spring", description=f"Left out again and again [{tag}]"),
        adviser=ADVISER.name,
        mode="confidential",
        contact_name=EMPLOYEE.name,
        contact_email=EMPLOYEE.email,
    )
    file_on_one_page(person, report)
    page = person.page
    picker = page.locator("#from-record")
    assert "Add from my record" in picker.inner_text()
    picker.get_by_label("Ik stond niet in de uitnodiging", exact=False).check()
    picker.get_by_label("Mijn rooster werd zonder overleg", exact=False).check()
    person.follow(picker.locator("button[type='submit']"))
    assert person.path == "/report/review"
    main = page.locator("main").inner_text()
    assert main.count("From my record, written on") == 2
    filed = review_and_send(person, report)

    adviser = visitor(js=False)
    adviser.goto("/")
    adviser.switch_language("en")
    adviser.sign_in(ADVISER)
    open_inbox_report(adviser, filed.reference)
    text = adviser.page.locator("main").inner_text()
    assert text.count("From my record, written on") == 2
    assert "Ik stond niet in de uitnodiging voor de teamlunch" in text
    assert "Mijn rooster werd zonder overleg veranderd" in text
    assert "In het teamoverleg werd mijn voorstel weggelachen" not in text  # not chosen

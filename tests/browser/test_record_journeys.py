"""My record (issue 12) in Debian's Chromium. In Dutch with JavaScript on: the demo employee
writes three entries (one with a photo carrying EXIF), changes one, reads both versions in its
history, sees the timeline with its chart, downloads the PDF (its text is read back), and
leaves with Escape pressed twice. In English with JavaScript off: two entries of the record go
into a new confidential report, and the chosen adviser reads them there.

Every page these tests reach is audited with axe-core (Visitor.check in conftest.py).
"""

import io
import json
import uuid
import zipfile
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
    assert "foto.jpg" in main
    page.locator("main details.fingerprints summary").click()  # the hashes, on request
    assert "SHA-256" in page.locator("main").inner_text()
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
    timeline = page.locator("main").text_content()  # the texts sit behind "Show the text"
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
        "() => !document.querySelector('#timeline').textContent.includes('Rooster')"
    )
    assert f"Foto van mijn bureau gedeeld {tag}" in page.locator("#timeline").text_content()
    page.locator("#form").select_option("")
    page.wait_for_function(
        "() => document.querySelector('#timeline').textContent.includes('Rooster')"
    )

    # The PDF: entries, the photo's SHA-256 and the chain head.
    page.locator("main details.chain-details summary").click()
    head = page.locator("main .chain-details .fingerprint").inner_text().split()[-1]
    with page.expect_download() as download:
        page.locator("main a[href='/record/export.pdf']").click()
    pages = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert f"Rooster veranderd, derde keer {tag}" in text
    assert f"Uitgelachen in het overleg {tag}" in text
    import hashlib

    assert hashlib.sha256(photo.read_bytes()).hexdigest() in text
    assert head in text and f"pagina 1 van {len(pages)}" in text

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


def test_an_approximate_date_a_file_kept_through_an_error_and_the_zip_in_english(visitor, tmp_path):
    """Without JavaScript: an entry "some time in this month" with a screenshot; the text is
    forgotten, so the form comes back, the chosen file kept; then saved, and the zip holds it."""
    tag = uuid.uuid4().hex[:6]
    shot = tmp_path / f"screenshot-{tag}.jpg"
    shot.write_bytes(jpeg_with_gps())
    person = visitor(js=False)
    person.goto("/")
    person.switch_language("en")
    person.sign_in(EMPLOYEE)
    page = person.page
    person.follow(page.locator("nav.main-nav a[href='/record/']"))
    person.follow(page.locator("main a[href='/record/new']"))
    page.get_by_label("Some time in this month").check()
    month = date.today().replace(day=1) - timedelta(days=40)
    page.get_by_label("When did it happen?").fill(month.isoformat())
    page.get_by_label("Short title (optional)").fill(f"Post in the team app {tag}")
    page.locator("#files").set_input_files(str(shot))
    person.follow(page.locator("main form button[type='submit']"))  # "What happened?" empty
    main = page.locator("main").inner_text()
    assert "Write down what happened." in main
    assert "Files you chose before, kept for you" in main and shot.name in main
    assert page.get_by_label("Some time in this month").is_checked()
    page.get_by_label("What happened?").fill(f"A post about me in the team app {tag}")
    person.follow(page.locator("main form button[type='submit']"))
    main = page.locator("main").inner_text()
    assert "The entry has been saved in your record." in main and shot.name in main
    said = month.strftime("%B %Y")
    assert page.locator("h1").inner_text().startswith(said)

    # The list: the date and the title; the text only on request.
    person.follow(page.locator("main a", has_text="Back to my record"))
    item = page.locator("main .timeline__item", has_text=f"Post in the team app {tag}")
    assert said in item.inner_text()
    assert f"A post about me in the team app {tag}" not in item.inner_text()
    item.locator("summary").click()
    assert f"A post about me in the team app {tag}" in item.inner_text()

    with page.expect_download() as download:
        page.locator("main a[href='/record/export.zip']").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    assert any(name.endswith(shot.stem + ".jpg") for name in archive.namelist())
    data = json.loads(archive.read("record.json"))
    mine = next(e for e in data["entries"] if e["title"] == f"Post in the team app {tag}")
    assert mine["happened"]["precision"] == "month"
    assert mine["happened"]["from"] == month.replace(day=1).isoformat()
    reader = pypdf.PdfReader(io.BytesIO(archive.read("record.pdf")))
    assert any(p.images for p in reader.pages)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert f"page 1 of {len(reader.pages)}" in text and said in text

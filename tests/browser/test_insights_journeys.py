"""The yearly report (issue 14) in Debian's Chromium: an adviser registers two consultations,
builds this year's report in Dutch with JavaScript on, sees which counts are hidden, writes the
narrative (which withdraws the demo's signature), signs, and is refused publication until the
other two advisers have signed (one with JavaScript off); the last one publishes; a management person reads it in English with JavaScript off,
downloads the PDF and the CSV, and is refused every other staff page.

Every page these tests reach is audited with axe-core (Visitor.check in conftest.py).
"""

import uuid
from datetime import date

import pypdf
import pytest

from tests.browser.conftest import ADVISER, ADVISER_2, EXTERNAL_ADVISER, MANAGEMENT
from tests.browser.journeys import strict

pytestmark = pytest.mark.browser

STAFF_PAGES = [
    "/inbox/",
    "/admin/people",
    "/prompts/",
    "/shared/",
    "/my-reports/",
    "/guide/manage/",
]


@pytest.fixture
def visitor(visitor):
    return strict(visitor)


def register_consultation(v, channel: str, category: str, visitor_label: str, outcome: str):
    page = v.page
    page.get_by_role("radio", name=channel, exact=True).check()
    page.get_by_label("Waar ging het over?").select_option(label=category)
    page.get_by_role("radio", name=visitor_label, exact=True).check()
    page.get_by_role("radio", name="Een collega", exact=True).check()
    page.get_by_role("radio", name=outcome, exact=True).check()
    v.follow(page.get_by_role("button", name="Registreren", exact=True))
    assert v.path == "/insights/consultations"
    assert "Het gesprek is geregistreerd." in page.locator(".flashes, main").first.inner_text()


def publish_now(v, year: int) -> None:
    v.page.get_by_label(
        "Ik heb de verborgen cellen en de teksten nagekeken: niets wijst naar een persoon."
    ).check()
    v.follow(v.page.get_by_role("button", name=f"Jaarverslag {year} publiceren"))


def test_adviser_publishes_the_yearly_report_and_management_reads_it(visitor, tmp_path):
    tag = uuid.uuid4().hex[:8]
    year = date.today().year

    adviser = visitor(js=True)
    adviser.goto("/")
    adviser.sign_in(ADVISER)
    page = adviser.page
    adviser.follow(page.locator("nav.main-nav a", has_text="Inzichten"))
    adviser.follow(page.get_by_role("link", name="Gesprek registreren"))
    register_consultation(adviser, "Telefoon", "Pesten", "Omstander", "Advies")
    page.get_by_label("Notitie voor jezelf (niet verplicht)").fill(f"Terugbellen [{tag}]")
    register_consultation(adviser, "Videogesprek", "Discriminatie", "Medewerker", "Geluisterd")
    assert page.locator("main table tbody tr").count() >= 2

    adviser.follow(page.get_by_role("link", name="Terug naar inzichten"))
    adviser.follow(page.get_by_role("link", name=f"Jaarverslag {year} samenstellen"))
    # The texts come first; the hidden cells fold away at the end and open on a click.
    summary = page.locator("#hidden-cells summary")
    assert summary.is_visible() and not page.locator("#hidden-cells table").is_visible()
    summary.click()
    assert page.locator("#hidden-cells table").is_visible()
    assert "minder dan 5" in page.locator("#hidden-cells").inner_text()
    page.get_by_label("Wat we dit jaar zagen", exact=True).fill(
        f"Pesten door collega's valt op [{tag}]."
    )
    page.get_by_label("Aanbevelingen aan de directie: inleiding", exact=True).fill("Train de leidinggevenden.")
    # The English texts fold away; an English reader gets them (issue 23).
    page.locator("details.english-texts summary").click()
    page.get_by_label("Wat we dit jaar zagen, in het Engels").fill(
        f"Bullying by colleagues stands out [en-{tag}]."
    )
    adviser.follow(page.get_by_role("button", name="Teksten bewaren"))
    adviser.follow(page.get_by_role("link", name="Bekijk het zoals de directie het ziet"))
    assert f"[{tag}]" in page.locator("main").inner_text()
    assert page.locator("svg.chart desc").count() >= 5
    adviser.follow(page.get_by_role("link", name="Terug naar het concept"))
    # The demo's draft was signed by Marieke; changing the texts withdrew that signature.
    signing = page.locator("#signing")
    assert "Marieke Jansen: nog niet getekend" in signing.inner_text()
    adviser.follow(page.get_by_role("button", name=f"Jaarverslag {year} tekenen"))
    assert "Marieke Jansen: getekend op" in page.locator("#signing").inner_text()
    publish_now(adviser, year)
    # Refused, with who has not signed yet; nothing published.
    assert adviser.path == f"/insights/{year}/draft"
    assert "Nog niet getekend: Els van Dam, Kofi Mensah." in page.locator(".flashes").inner_text()
    adviser.sign_out()

    for other in (ADVISER_2, EXTERNAL_ADVISER):
        colleague = visitor(js=other is ADVISER_2)
        colleague.goto("/")
        colleague.sign_in(other)
        colleague.goto(f"/insights/{year}/draft")
        colleague.follow(colleague.page.get_by_role("button", name=f"Jaarverslag {year} tekenen"))
        assert "Je hebt het jaarverslag" in colleague.page.locator(".flashes").inner_text()
        if other is EXTERNAL_ADVISER:  # the last to sign publishes
            publish_now(colleague, year)
            assert colleague.path.startswith(f"/insights/{year}/v")
            published_path = colleague.path
            assert "Ondertekend door" in colleague.page.locator("main").inner_text()
        colleague.sign_out()

    boss = visitor(js=False)
    boss.goto("/")
    boss.switch_language("en")
    boss.sign_in(MANAGEMENT)
    links = boss.nav_links()
    assert "/insights/" in links
    assert not any(
        link.startswith(("/inbox", "/admin", "/prompts", "/my-reports")) for link in links
    )
    page = boss.page
    boss.follow(page.locator("nav.main-nav a", has_text="Insights"))
    assert f"Yearly report {year - 1}" in page.locator("main").inner_text()  # the demo's
    boss.goto(published_path)
    main = page.locator("main").inner_text()
    assert f"[en-{tag}]" in main and f"[{tag}]" not in main
    assert "By track and form of behaviour" in main
    assert "Train de leidinggevenden." in main and "(in Dutch)" in main
    for section in ("Our activities", "Signed by", "What became of the recommendations of"):
        assert section in main, section
    assert "Build the yearly report" not in main
    for name, suffix in (("Download as PDF", ".pdf"), ("Download the figures as CSV", ".csv")):
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        saved = tmp_path / f"report{suffix}"
        download.value.save_as(saved)
        data = saved.read_bytes()
        assert data.startswith(b"%PDF") if suffix == ".pdf" else data.startswith(b"Table,Row")
    texts = [p.extract_text() for p in pypdf.PdfReader(tmp_path / "report.pdf").pages]
    assert f"Yearly report {year}" in texts[0] and f"Page 1 of {len(texts)}" in texts[0]
    assert f"[en-{tag}]" in " ".join(" ".join(texts).split())
    for path in STAFF_PAGES:
        assert boss.goto(path).status == 403, path

"""Walking the report and the adviser's workspace in the browser, for the journey tests.

The functions take a Visitor (conftest.py) and act as a person would, by the controls on the
page. With JavaScript on, the report's steps arrive through htmx swaps inside #report-flow;
each swap is held to the same checks as a page load (axe-core, language, CSP console), and
focus must move to the new step's heading (or to the error summary), as a page load would
move it. With JavaScript off, every step is a plain form post and a redirect.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.support import Translations
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import portal
from tests.browser.conftest import path_of

RECEIPT_CODE = re.compile(r"^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){4}$")
REFERENCE = re.compile(r"^VW-\d{4}-[0-9A-Z]{6}$")
EXIF_GPS_IFD = 0x8825
EXIF_MODEL = 0x0110

# Focus after a swap: on a step heading or error summary that was not on the page before.
FOCUS_MOVED = """() => {
  const focused = document.activeElement;
  return !!focused && !focused.hasAttribute('data-stale')
    && (focused.id === 'step-title' || focused.classList.contains('error-summary'));
}"""


def text(lang: str, message: str, **values) -> str:
    """Return the portal's own wording of a message in a language, so tests need no Dutch."""
    catalogue = Translations.load(str(Path(portal.__file__).parent / "translations"), [lang])
    translated = catalogue.gettext(message)
    return translated % values if values else translated


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Evidence


def photo_with_gps(directory: Path, name: str = "foto-met-locatie.jpg") -> Path:
    """Make a small JPEG whose EXIF carries GPS coordinates and a camera model, plus a comment."""
    image = Image.new("RGB", (64, 48), (190, 60, 40))
    exif = Image.Exif()
    exif[EXIF_MODEL] = "Testcamera Vertrouwd"
    exif[EXIF_GPS_IFD] = {1: "N", 2: (52.0, 5.0, 27.0), 3: "E", 4: (4.0, 54.0, 12.0)}
    path = directory / name
    image.save(path, "JPEG", exif=exif.tobytes(), comment=b"taken at the office")
    with Image.open(path) as made:
        assert made.getexif().get_ifd(EXIF_GPS_IFD), "the test photo carries no GPS data"
    return path


def assert_no_exif(path: Path) -> None:
    """The file is a JPEG without any EXIF (no GPS, no camera), and without a comment."""
    data = path.read_bytes()
    with Image.open(path) as image:
        image.load()
        assert image.format == "JPEG", f"{path.name} is a {image.format}, not a JPEG"
        assert not image.getexif(), f"EXIF survived in {path.name}: {dict(image.getexif())}"
        assert "exif" not in image.info and "comment" not in image.info, image.info
    assert b"Exif\x00\x00" not in data, f"an EXIF block survived in {path.name}"
    assert b"Testcamera" not in data and b"taken at the office" not in data


# Moving through htmx swaps


def _act(control, key: str | None) -> None:
    if key:
        # A key goes to what has the focus: the keyboard user must have put it there.
        assert control.evaluate("e => e === document.activeElement"), f"{control} has no focus"
        control.page.keyboard.press(key)
    else:
        control.click()


def _mark_stale(page) -> None:
    page.evaluate(
        "() => document.querySelectorAll('#step-title, .error-summary')"
        ".forEach(e => e.setAttribute('data-stale', ''))"
    )


def _swap(v, control, key: str | None, arrived: str, wanted) -> None:
    """Act, wait until `arrived` holds in the page, then check the page with the htmx answer
    that `wanted` picks; when the swap never comes, say what the server answered instead."""
    page = v.page
    assert control.count() == 1, f"expected one {control} on {page.url}"
    _mark_stale(page)
    answers: list = []

    def listen(response) -> None:
        answers.append(response)

    page.on("response", listen)
    try:
        _act(control, key)
        try:
            page.wait_for_function(arrived)
        except PlaywrightTimeoutError:
            raise AssertionError(_what_came_instead(v, answers)) from None
    finally:
        page.remove_listener("response", listen)
    answer = next((r for r in reversed(answers) if wanted(r)), None)
    assert answer is not None, _what_came_instead(v, answers)
    assert page.locator("main").count() == 1, f"a whole page was swapped into {page.url}"
    v.check(answer)


def _what_came_instead(v, answers) -> str:
    lines = [f"no htmx swap arrived on {v.page.url}; the server answered:"]
    lines += [f"  {r.status} {r.request.method} {path_of(r.url)}" for r in answers]
    if any(r.status >= 500 for r in answers):
        lines.append(v.server.log_tail())
    errors = v.page.locator(".error-summary")
    if errors.count():
        lines.append("the page says: " + " / ".join(errors.all_inner_texts()))
    return "\n".join(lines)


def press(v, control, path: str, key: str | None = None) -> None:
    """Press a step's button and arrive at `path`: by a page load with JavaScript off, by an
    htmx swap inside the page with it on. Either way the result is checked as a page."""
    if not v.js:
        v.follow(control, key=key)
        assert v.path == path, f"expected {path}, on {v.page.url}"
        return
    # htmx pushes the new address once the step is in; portal.js then moves the focus.
    arrived = f"() => location.pathname === {path!r} && ({FOCUS_MOVED})()"
    _swap(v, control, key, arrived, lambda r: r.request.method == "GET" and path_of(r.url) == path)


def press_and_stay(v, control, key: str | None = None) -> None:
    """Press a button that brings the same step back (an upload, a refused answer)."""
    before = v.path
    if not v.js:
        v.follow(control, key=key)
    else:
        _swap(
            v,
            control,
            key,
            FOCUS_MOVED,
            lambda r: r.request.method == "POST" and path_of(r.url) == before,
        )
    assert v.path == before, f"moved from {before} to {v.path}"


# The reporter


@dataclass
class Incident:
    description: str
    when: str = ""
    place: str = ""
    people: str = ""
    witnesses: str = ""


@dataclass
class ReportInput:
    """What a reporter fills in; markers in the texts make the report findable afterwards."""

    category: str
    incident: Incident
    adviser: str  # display name
    mode: str = "anonymous"
    ongoing: str = "yes"
    wishes: tuple[str, ...] = ("advice",)
    photos: list[Path] = field(default_factory=list)
    contact_name: str = ""
    contact_email: str = ""


@dataclass
class Filed:
    reference: str
    code: str


def next_button(v):
    return v.page.locator("#report-flow button[name='action'][value='next']")


def start_report(v) -> None:
    """From any page: the main menu's "Report", then "Start" (the steps with JavaScript on;
    without it the same button opens the one-page form)."""
    v.follow(v.page.locator("nav.main-nav a[href='/report/']"))
    start = v.page.locator("main a.button[href='/report/form']")
    if v.js:
        press(v, start, "/report/step/kind")
    else:
        v.follow(start)
        assert v.path == "/report/form"


def fill_kind(page, report: ReportInput) -> None:
    page.locator(f"input[name='category'][value='{report.category}']").check()


def fill_incident(page, report: ReportInput) -> None:
    incident = report.incident
    for name in ("when", "place", "people", "witnesses", "description"):
        if value := getattr(incident, name):
            page.locator(f"#incidents-0-{name}").fill(value)
    page.locator(f"input[name='ongoing'][value='{report.ongoing}']").check()


def fill_wishes(page, report: ReportInput) -> None:
    for wish in report.wishes:
        page.locator(f"input[name='wishes'][value='{wish}']").check()


def fill_mode(page, report: ReportInput) -> None:
    page.locator(f"input[name='mode'][value='{report.mode}']").check()
    if report.contact_name:
        page.locator("#contact_name").fill(report.contact_name)
    if report.contact_email:
        page.locator("#contact_email").fill(report.contact_email)


def fill_advisers(page, report: ReportInput) -> None:
    page.locator("#advisers").get_by_label(report.adviser, exact=True).check()


def assert_files_listed(v, photos: list[Path]) -> None:
    """Each added file shows with the SHA-256 of exactly what was uploaded, and is re-drawn."""
    listed = v.page.locator("main .files li")
    assert listed.count() == len(photos), listed.all_inner_texts()
    for photo in photos:
        item = listed.filter(has_text=photo.name)
        assert item.locator("code.fingerprint").inner_text() == f"SHA-256 {sha256_of(photo)}"
        assert text(v.lang, "image re-drawn without metadata") in item.inner_text()


def file_by_steps(v, report: ReportInput) -> None:
    """Walk the steps from "What kind" to the review page."""
    page = v.page
    assert v.path == "/report/step/kind"
    fill_kind(page, report)
    press(v, next_button(v), "/report/step/incidents")
    fill_incident(page, report)
    press(v, next_button(v), "/report/step/wishes")
    fill_wishes(page, report)
    press(v, next_button(v), "/report/step/evidence")
    if report.photos:
        page.locator("#files").set_input_files(report.photos)
        press_and_stay(v, page.locator("#report-flow button[name='action'][value='upload']"))
        assert_files_listed(v, report.photos)
    press(v, next_button(v), "/report/step/mode")
    fill_mode(page, report)
    press(v, next_button(v), "/report/step/advisers")
    fill_advisers(page, report)
    # The review is a page of its own: the browser loads it, with or without JavaScript.
    v.follow(next_button(v))
    assert v.path == "/report/review"


def file_on_one_page(v, report: ReportInput) -> None:
    """Fill in the one-page form (files included) and go on to the review page."""
    page = v.page
    assert v.path == "/report/form"
    fill_kind(page, report)
    fill_incident(page, report)
    fill_wishes(page, report)
    if report.photos:
        page.locator("#files").set_input_files(report.photos)
    fill_mode(page, report)
    fill_advisers(page, report)
    v.follow(page.locator("main form.form button[name='action'][value='review']"))
    assert v.path == "/report/review", f"the one-page form stayed on {v.page.url}"


def review_and_send(v, report: ReportInput) -> Filed:
    """Check the review shows what was typed, send, save the code and type it back."""
    page = v.page
    main = page.locator("main")
    assert report.incident.description in main.inner_text()
    for photo in report.photos:
        assert f"SHA-256 {sha256_of(photo)}" in main.inner_text()
    assert report.adviser in main.inner_text()
    response = v.follow(page.locator("main form[action='/report/send'] button"))
    assert response.status == 201 and v.path == "/report/send"
    code = page.locator("#receipt-code").inner_text().strip()
    assert RECEIPT_CODE.match(code), code
    reference = page.locator("main form input[name='reference']").get_attribute("value")
    assert REFERENCE.match(reference), reference
    # Typed back as a person might: lower case, spaces instead of dashes.
    page.locator("#typed").fill(code.lower().replace("-", " "))
    v.follow(page.locator("main form.form button[type='submit']"))
    assert v.path == "/report/confirm"
    assert page.locator("h1").inner_text() == text(v.lang, "Thank you for reporting")
    return Filed(reference, code)


def open_with_code(v, code: str) -> None:
    """Open the follow-up page with the receipt code, as someone without an account."""
    v.goto("/followup/")
    v.page.locator("#code").fill(code)
    v.follow(v.page.locator("main form.form button[type='submit']"))
    assert v.path == "/followup/report", f"the code did not open the report: {v.page.url}"


def conversation(v):
    return v.page.locator("#conversation")


def send_message(v, action: str, message: str, anchor_path: str) -> None:
    """Write in the message form whose action is `action`, send, and see it in the conversation."""
    form = v.page.locator(f"main form[action='{action}']")
    form.locator("textarea[name='text']").fill(message)
    v.follow(form.locator("button[type='submit']"))
    assert v.path == anchor_path
    assert message in conversation(v).inner_text()


# The adviser


def open_inbox_report(v, reference: str) -> None:
    """The inbox (from the main menu, unless already there), searched by reference, then the
    report itself."""
    page = v.page
    if v.path != "/inbox/":
        v.follow(page.locator("nav.main-nav a[href='/inbox/']"))
    search_inbox(v, reference)
    rows = page.locator("#inbox-rows tbody tr")
    assert rows.count() == 1, rows.all_inner_texts()
    v.follow(rows.locator(f"a[href='/inbox/{reference}']"))
    assert v.path == f"/inbox/{reference}"


def search_inbox(v, reference: str) -> None:
    """Search the inbox by reference: rows swap in with JavaScript, the page reloads without."""
    page = v.page
    page.locator("#filter-q").fill(reference)
    button = page.locator("main form.filters button[type='submit']")
    if not v.js:
        v.follow(button)
        assert v.path == "/inbox/"
        return
    with page.expect_response(
        lambda r: path_of(r.url) == "/inbox/" and f"q={reference}" in r.url
    ) as answer:
        button.click()
    page.locator(f"#inbox-rows a[href='/inbox/{reference}']").wait_for()
    page.wait_for_url(re.compile(rf"/inbox/\?.*q={reference}"))
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")
    v.check(answer.value)


def download_attachment(v, name: str, directory: Path) -> Path:
    """Download an attachment by its link and keep it in `directory`."""
    link = v.page.locator("main .attachments a", has_text=name)
    assert link.count() == 1, f"no single link to {name} on {v.page.url}"
    with v.page.expect_download() as download:
        link.click()
    saved = directory / f"downloaded-{download.value.suggested_filename}"
    download.value.save_as(saved)
    assert download.value.failure() is None
    return saved


def assert_unique_ids(v) -> None:
    """No id is used twice (axe-core no longer checks this, yet labels and links rely on it)."""
    twice = v.page.evaluate(
        "() => { const seen = {}; document.querySelectorAll('[id]').forEach(e => "
        "{ seen[e.id] = (seen[e.id] || 0) + 1; });"
        " return Object.keys(seen).filter(id => seen[id] > 1); }"
    )
    assert not twice, f"ids used more than once on {v.page.url}: {twice}"


def strict(make):
    """Wrap the `visitor` factory: every page checked also has no id used twice."""

    def make_strict(js: bool = True):
        v = make(js=js)
        check = v.check

        def check_strictly(response) -> None:
            check(response)
            assert_unique_ids(v)

        v.check = check_strictly
        return v

    return make_strict

"""HR's policy and conduct agreements (bilingual, versioned), their PDFs, and the demo."""

import contextlib
import io
import re
import zlib

import pypdf
import pytest
from PIL import Image

from portal.aftercare import overview, pages, posters, protocol
from portal.aftercare.models import Case, CaseStep, PolicyVersion
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.ops import demo
from tests.aftercare.helpers import client_for, person
from tests.conftest import sign_in


@pytest.fixture
def hr(app):
    return client_for(
        app, person("hr@example.test", "Pieter", [Role.EMPLOYEE, Role.HR], True, True)
    )


def test_everyone_signed_in_reads_the_policy_hr_edits_it(app, hr, client):
    assert client.get("/aftercare/policy").status_code == 302  # sign in first
    employee = client_for(app, person("e@example.test", "E", [Role.EMPLOYEE]))
    assert "HR has not written this page yet." in employee.get("/aftercare/policy").get_data(
        as_text=True
    )
    assert employee.get("/aftercare/policy/edit").status_code == 403
    assert employee.get("/aftercare/policy/history").status_code == 403
    response = hr.post(
        "/aftercare/policy/edit",
        data={"title_nl": "Wie doet wat", "body_nl": "## Stappen\n- **Hr** regelt hulp"},
    )
    assert response.status_code == 302
    page = employee.get("/aftercare/policy").get_data(as_text=True)
    assert "Wie doet wat" in page and "<strong>Hr</strong>" in page
    assert "has not been translated yet, so it is shown in Dutch" in page
    hr.post(
        "/aftercare/policy/edit",
        data={
            "title_nl": "Wie doet wat",
            "body_nl": "## Stappen\n- **Hr** regelt hulp",
            "title_en": "Who does what",
            "body_en": "<script>alert(1)</script> HR arranges help",
        },
    )
    page = employee.get("/aftercare/policy").get_data(as_text=True)
    assert "Who does what" in page and "<script>alert" not in page
    assert PolicyVersion.select().where(PolicyVersion.page == "policy").count() == 2
    history = hr.get("/aftercare/policy/history").get_data(as_text=True)
    assert "Who does what" in history and "Wie doet wat" in history


def test_the_editor_has_no_preview_and_the_versions_name_the_author(hr):
    editor = hr.get("/aftercare/policy/edit").get_data(as_text=True)
    assert 'name="title_nl"' in editor and 'name="body_en"' in editor
    assert 'value="preview"' not in editor and 'id="preview"' not in editor
    hr.post("/aftercare/policy/edit", data={"title_nl": "Wie doet wat", "body_nl": "Tekst"})
    history = hr.get("/aftercare/policy/history").get_data(as_text=True)
    assert "Pieter" in history and 'href="/aftercare/policy/edit"' in history


def test_a_translation_cannot_be_emptied_and_typed_text_stays(app, hr):
    hr.post("/aftercare/conduct/edit", data={"title_nl": "Afspraken", "body_nl": "- Respect"})
    response = hr.post(
        "/aftercare/conduct/edit", data={"title_en": "Agreements", "body_en": "- KEPT-TEXT"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "An existing translation cannot be emptied" in page and "KEPT-TEXT" in page
    response = hr.post("/aftercare/conduct/edit", data={"title_en": "Only a title"})
    assert "Fill in the text." in response.get_data(as_text=True)


def pdf_text(data: bytes) -> str:
    """Read back the text of an uncompressed or Flate-compressed fpdf2 page stream."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            stream = zlib.decompress(stream)
        chunks += re.findall(rb"\((.*?)\) ?Tj", stream)
    text = b" ".join(c.replace(rb"\(", b"(").replace(rb"\)", b")") for c in chunks)
    return " ".join(text.decode("latin-1").split())


def text_sizes(page) -> dict[str, float]:
    """Each piece of text on a PDF page with the size it is printed at, in points."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, font_size):
        if text.strip():
            printed = font_size * abs(tm[3]) * abs(cm[3])
            sizes[text.strip()] = max(printed, sizes.get(text.strip(), 0))

    page.extract_text(visitor_text=visit)
    return sizes


def embedded(font) -> bool:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font["/FontDescriptor"].get_object()
    return any(name in descriptor for name in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("kind", list(posters.FORMATS))
@pytest.mark.parametrize("locale", ["nl", "en"])
def test_posters_and_flyers_read_across_a_room(app, hr, kind, locale):
    """Read back: one page of the paper's size, fonts embedded, the body at least 20 pt on A4
    (scaled for A3 and A5), the headline at least 2.5 times the body, the organisation's name
    and logo, and the QR code to the portal with its address."""
    app.config["ORGANISATION_NAME"] = "Zorggroep Midden"
    app.config["PORTAL_URL"] = "https://vertrouwd.zorggroep.example"
    hr.post(
        "/aftercare/conduct/edit",
        data={
            "title_nl": "Zo gaan we met elkaar om",
            "body_nl": "- We behandelen elkaar met respect, ook als we het oneens zijn.",
            "title_en": "How we treat each other",
            "body_en": "- We treat each other with respect, also when we disagree.",
        },
    )
    logo = io.BytesIO()
    Image.new("RGB", (600, 200), (20, 80, 140)).save(logo, "PNG")  # 3:1, unlike the QR code
    logo.seek(0)
    uploaded = hr.post(
        "/aftercare/logo", data={"logo": (logo, "logo.png")}, content_type="multipart/form-data"
    )
    assert uploaded.status_code == 302
    response = hr.get(f"/aftercare/conduct/{kind}/{locale}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    paper = {
        "poster-a3": (841.89, 1190.55),
        "poster-a4": (595.28, 841.89),
        "flyer-a5": (419.53, 595.28),
    }[kind]
    assert all(abs(float(v) - want) < 0.5 for v, want in zip(page.mediabox[2:], paper, strict=True))
    fonts = page["/Resources"]["/Font"]
    assert fonts and all(embedded(font.get_object()) for font in fonts.values())

    sizes = text_sizes(page)
    text = " ".join(page.extract_text().split())
    body = {"nl": "We behandelen elkaar met respect", "en": "We treat each other with respect"}
    headline = {"nl": "Zo gaan we", "en": "How we treat"}
    body_size = max(size for piece, size in sizes.items() if body[locale] in piece)
    headline_size = max(size for piece, size in sizes.items() if headline[locale] in piece)
    scale = posters.SCALE[posters.FORMATS[kind]]
    assert body_size >= 20 * scale - 0.1
    assert headline_size >= 2.5 * body_size
    assert "Zorggroep Midden" in text and "https://vertrouwd.zorggroep.example" in text
    qr = [image for image in page.images if image.image.width == image.image.height]
    assert len(qr) == 1  # the QR code, square
    logos = [image for image in page.images if image.image.size == (600, 200)]
    assert len(logos) == 1  # the organisation's logo, as HR uploaded it
    assert hr.get(f"/aftercare/conduct/poster-a2/{locale}.pdf").status_code == 404


def test_pages_reject_unknown_names():
    with pytest.raises(pages.PageUnknown):
        pages.history("secrets")


def test_demo_lead_has_an_open_case_for_the_employee(app):
    with app.app_context():
        assert demo.seed_if_empty() is True
    case = Case.get()
    assert case.status == "open"
    lead = app.test_client()
    sign_in(lead, "leidinggevende@demo.test", demo.DEMO_PASSWORD)
    page = lead.get(f"/aftercare/{case.reference}").get_data(as_text=True)
    assert "Sanne de Vries" in page and "@voorbeeld_account" in page and "SHA-256" in page
    assert page.count("Klaar") >= 3 or page.count("Done") >= 3
    assert "badge" in page  # the two-week check-in is due
    # Issue 22: the sent notice completed step 4, "help needed" opened step 5 for HR, the
    # complaint's last day is step 6's due date, on HR's overview.
    rows = {r.number: r for r in CaseStep.select().where(CaseStep.case == case)}
    assert rows[4].status == "done" and rows[5].status == "doing" and rows[5].owner == "hr"
    assert rows[6].due_on == protocol.police_complaint_until(case.opened_on)
    (row,) = overview.open_cases(app.config["AFTERCARE_LEGAL_HELP_DAYS"])
    assert row.complaint_until == rows[6].due_on
    assert {("step", "5"), ("step", "6")} <= {(d.kind, d.what) for d in row.next_dates}
    employee = app.test_client()
    sign_in(employee, "medewerker@demo.test", demo.DEMO_PASSWORD)
    employee.post("/language", data={"locale": "nl"})
    mine = employee.get(f"/aftercare/{case.reference}")
    assert mine.status_code == 200 and "Jouw nazorg" in mine.get_data(as_text=True)
    assert "Wie doet wat" in employee.get("/aftercare/policy").get_data(as_text=True) or (
        "who does what" in employee.get("/aftercare/policy").get_data(as_text=True)
    )
    assert employee.get("/aftercare/conduct/flyer-a5/nl.pdf").status_code == 200


def test_demo_policy_has_structure_contacts_an_announcement_and_a_logo(app):
    """Demo data for #24 item 3 and the logo: every step has its owner, five named contacts,
    one announcement that some opened and the employee has not, the logo on the posters."""
    from portal.aftercare import announcements, logo, policy
    from portal.aftercare.models import Announcement

    with app.app_context():
        assert demo.seed_if_empty() is True
    rules = policy.rules()
    assert not any(rule.default for rule in rules) and len(policy.contacts()) == 5
    assert {rule.number: rule.owner for rule in rules}[6] == "organisation"
    (announcement,) = Announcement.select()
    assert 0 < announcement.opened < Person.select().count()
    assert logo.current() is not None
    employee = app.test_client()
    sign_in(employee, "medewerker@demo.test", demo.DEMO_PASSWORD)
    employee.post("/language", data={"locale": "en"})
    assert "New or changed: Our policy: who does what" in employee.get("/").get_data(as_text=True)
    assert "Dr. Lotte Smit" in employee.get("/aftercare/policy").get_data(as_text=True)
    case = Case.get()
    page = employee.get(f"/aftercare/{case.reference}").get_data(as_text=True)
    assert "Wijkagent Esra Kaya" in page.split('id="step-6"')[1].split('id="step-7"')[0]
    assert announcements.tallies("policy")[0].opened == announcement.opened

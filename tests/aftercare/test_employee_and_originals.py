"""The employee adds evidence and asks for help themselves; an original kept beside its cleaned
copy is sealed to the case, never shown, and released only by a logged download; the case page
opens with what's next (issue 22, item 2)."""

import io

import pytest
from PIL import Image

from portal.aftercare import protocol
from portal.aftercare.models import Case, CaseStep, EvidenceFile, EvidenceItem
from portal.core.audit.models import AccessLog
from tests.aftercare.helpers import client_for, open_case, team


@pytest.fixture
def people(app):
    return team(app)


@pytest.fixture
def case(app, people):
    return open_case(client_for(app, people["lead"]), people["employee"].id)


def photo_with_gps() -> bytes:
    """A JPEG whose EXIF names a camera and a place: what the cleaned copy must lose."""
    exif = Image.Exif()
    exif[0x0110] = "Testcamera Vertrouwd"
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 27.0), 3: "E", 4: (4.0, 54.0, 12.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (190, 60, 40)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def add_evidence(client, case, keep_original: bool, photo: bytes):
    data = {
        "platform": "linkedin",
        "handle": "@poster",
        "screenshots": [(io.BytesIO(photo), "post.jpg")],
    }
    if keep_original:
        data["keep_original"] = "y"
    return client.post(
        f"/aftercare/{case}/evidence/new", data=data, content_type="multipart/form-data"
    )


def test_the_employee_adds_evidence_to_their_own_case(app, people, case):
    employee = client_for(app, people["employee"])
    form = employee.get(f"/aftercare/{case}/evidence/new").get_data(as_text=True)
    assert "Your team lead and HR on this case can read it." in form
    page = employee.get(f"/aftercare/{case}").get_data(as_text=True)
    assert f'href="/aftercare/{case}/evidence/new"' in page
    response = add_evidence(employee, case, False, photo_with_gps())
    assert response.status_code == 302
    assert EvidenceItem.select().count() == 1
    lead_page = client_for(app, people["lead"]).get(f"/aftercare/{case}").get_data(as_text=True)
    assert "@poster" in lead_page and "post.jpg" in lead_page
    # Outsiders still cannot reach the form.
    assert (
        client_for(app, people["adviser"]).get(f"/aftercare/{case}/evidence/new").status_code == 404
    )


def test_the_employee_asks_for_help_and_hr_is_told_without_content(app, people, case, mail_sink):
    employee = client_for(app, people["employee"])
    page = employee.get(f"/aftercare/{case}").get_data(as_text=True)
    assert f'action="/aftercare/{case}/help"' in page
    before = len(mail_sink.messages)
    response = employee.post(f"/aftercare/{case}/help")
    assert response.status_code == 302
    row = CaseStep.get(
        (CaseStep.case == Case.get(Case.reference == case))
        & (CaseStep.number == protocol.PROFESSIONAL)
    )
    assert (row.owner, row.status) == ("hr", "doing") and row.due_on is not None
    sent = mail_sink.messages[before:]
    assert sent and {m["To"] for m in sent} == {"pieter@example.test", "hr2@example.test"}
    text = sent[0].get_body().get_content()
    for content in ("Sanne", "Ahmed", case):
        assert content not in text
    # Asking again tells nobody again; the button is gone once HR is on it.
    employee.post(f"/aftercare/{case}/help")
    assert len(mail_sink.messages) == before + len(sent)
    assert f'action="/aftercare/{case}/help"' not in employee.get(f"/aftercare/{case}").get_data(
        as_text=True
    )


def test_only_the_employee_asks_for_help_this_way(app, people, case):
    lead = client_for(app, people["lead"])
    assert lead.post(f"/aftercare/{case}/help").status_code == 403
    assert CaseStep.get(CaseStep.number == protocol.PROFESSIONAL).status == "todo"


def test_an_original_is_kept_sealed_never_shown_and_its_download_logged(app, people, case):
    lead = client_for(app, people["lead"])
    lead.post(f"/aftercare/{case}/members", data={"person": people["hr"].id})
    photo = photo_with_gps()
    assert add_evidence(lead, case, True, photo).status_code == 302
    rows = list(EvidenceFile.select().order_by(EvidenceFile.id))
    assert len(rows) == 2  # the cleaned copy and the original beside it
    cleaned, original = rows
    assert photo not in bytes(original.content) and b"Testcamera" not in bytes(original.content)

    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert page.count("post.jpg</a>") == 1  # the original is not listed as a file
    assert "original-post.jpg" not in page  # only offered as a download, never listed
    link = f"/aftercare/{case}/originals/{original.id}"
    assert f'href="{link}"' in page

    # The ordinary file route never hands out an original; the original route only originals.
    assert lead.get(f"/aftercare/{case}/files/{original.id}").status_code == 404
    assert lead.get(f"/aftercare/{case}/originals/{cleaned.id}").status_code == 404
    cleaned_bytes = lead.get(f"/aftercare/{case}/files/{cleaned.id}").data
    assert b"Testcamera" not in cleaned_bytes

    hr = client_for(app, people["hr"])
    response = hr.get(link)
    assert response.status_code == 200 and response.data == photo
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")
    logged = list(AccessLog.select().where(AccessLog.action == "original_downloaded"))
    assert [(e.person_id, e.detail) for e in logged] == [(people["hr"].id, f"file:{original.id}")]
    assert "Pieter Bakker downloaded an original evidence file" in lead.get(
        f"/aftercare/{case}"
    ).get_data(as_text=True)

    # Not on the case: refused, and nothing logged for them.
    for outsider in ("other_hr", "other_lead", "adviser"):
        assert client_for(app, people[outsider]).get(link).status_code == 404
    assert AccessLog.select().where(AccessLog.action == "original_downloaded").count() == 1


def test_without_the_choice_no_original_is_kept(app, people, case):
    lead = client_for(app, people["lead"])
    add_evidence(lead, case, False, photo_with_gps())
    assert EvidenceFile.select().count() == 1
    assert "/originals/" not in lead.get(f"/aftercare/{case}").get_data(as_text=True)


def test_the_case_opens_with_whats_next(app, people, case):
    lead = client_for(app, people["lead"])
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    line = page.split('id="whats-next"', 1)[1].split("</p>", 1)[0]
    assert "What's next:" in line and "by " in line
    # The first conversation is due first: 72 hours after opening.
    assert 'href="#checkins"' in line or 'href="#step-' in line
    assert page.index('id="whats-next"') < page.index('id="steps"')

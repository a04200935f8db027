"""Screenshots survive an evidence form that comes back with an error (nothing typed is lost)."""

import hashlib
import io

import pytest

from portal.aftercare.models import EvidenceFile, EvidenceItem
from portal.reports.models import ReportDraft
from tests.aftercare.helpers import client_for, open_case, png_bytes, team


@pytest.fixture
def people(app):
    return team(app)


@pytest.fixture
def case(app, people):
    return open_case(client_for(app, people["lead"]), people["employee"].id)


def post(client, case, data):
    return client.post(
        f"/aftercare/{case}/evidence/new", data=data, content_type="multipart/form-data"
    )


def test_a_screenshot_is_kept_when_the_form_comes_back_with_an_error(app, people, case):
    lead = client_for(app, people["lead"])
    lead.get(f"/aftercare/{case}/evidence/new")
    shot = png_bytes()
    missing_platform = {
        "platform": "",
        "handle": "@kept-handle",
        "screenshots": [(io.BytesIO(shot), "first-shot.png")],
    }
    page = post(lead, case, missing_platform).get_data(as_text=True)
    assert "Choose the platform." in page and "@kept-handle" in page
    assert "Screenshots already added" in page and "Remove first-shot.png" in page
    assert "SHA-256 " + hashlib.sha256(shot).hexdigest() in page
    assert not EvidenceItem.select().exists()
    # Kept encrypted: the draft store holds no file name or bytes in clear.
    stored = b"".join(bytes(d.content) for d in ReportDraft.select())
    assert stored and b"first-shot" not in stored

    # Corrected without choosing the file again: it is saved with the item.
    response = post(lead, case, {"platform": "linkedin", "handle": "@kept-handle"})
    assert response.status_code == 302
    files = list(EvidenceFile.select())
    assert len(files) == 1
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "first-shot.png" in page and hashlib.sha256(shot).hexdigest() in page
    assert not ReportDraft.select().exists()  # nothing kept once saved


def test_a_kept_screenshot_can_be_removed_and_a_fresh_form_starts_empty(app, people, case):
    lead = client_for(app, people["lead"])
    post(lead, case, {"platform": "", "screenshots": [(io.BytesIO(png_bytes()), "a.png")]})
    page = post(
        lead,
        case,
        {"platform": "", "remove": "0", "screenshots": [(io.BytesIO(png_bytes()), "b.png")]},
    ).get_data(as_text=True)
    assert "Remove b.png" in page and "Remove a.png" not in page
    fresh = lead.get(f"/aftercare/{case}/evidence/new").get_data(as_text=True)
    assert "Screenshots already added" not in fresh
    assert post(lead, case, {"platform": "x"}).status_code == 302
    assert not EvidenceFile.select().exists()

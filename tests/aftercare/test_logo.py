"""HR uploads the organisation's logo for the posters and the flyer (#24 item 6): judged by its
bytes, re-drawn without metadata, SVG refused, a size limit; only HR."""

import io

import pytest
from PIL import Image

from portal.aftercare import logo
from portal.aftercare.models import OrganisationLogo
from portal.core.accounts.roles import Role
from tests.aftercare.helpers import client_for, person


def image_bytes(kind="PNG", size=(300, 100), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 80, 140)).save(buffer, kind, **save)
    return buffer.getvalue()


@pytest.fixture
def hr(app):
    return client_for(
        app, person("hr@example.test", "Pieter", [Role.EMPLOYEE, Role.HR], True, True)
    )


def upload(client, data: bytes, name="logo.png"):
    return client.post(
        "/aftercare/logo",
        data={"logo": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_only_hr_uploads_sees_and_removes_the_logo(app, hr, client):
    employee = client_for(app, person("e@example.test", "E", [Role.EMPLOYEE]))
    lead = client_for(app, person("l@example.test", "L", [Role.EMPLOYEE, Role.TEAM_LEAD]))
    for who in (employee, lead):
        assert who.get("/aftercare/logo").status_code == 403
        assert upload(who, image_bytes()).status_code == 403
        assert who.post("/aftercare/logo/remove").status_code == 403
        assert who.get("/aftercare/logo/image").status_code == 403
    assert client.get("/aftercare/logo").status_code == 302
    assert hr.get("/aftercare/logo/image").status_code == 404  # none yet
    assert "No logo has been uploaded yet" in hr.get("/aftercare/logo").get_data(as_text=True)
    response = upload(hr, image_bytes())
    assert response.status_code == 302 and OrganisationLogo.select().count() == 1
    image = hr.get("/aftercare/logo/image")
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    page = hr.get("/aftercare/logo").get_data(as_text=True)
    assert 'src="/aftercare/logo/image"' in page and "300 × 100 pixels" in page
    upload(hr, image_bytes("JPEG"), "other.jpg")  # a second upload replaces the first
    assert OrganisationLogo.select().count() == 1
    assert hr.get("/aftercare/logo/image").mimetype == "image/jpeg"
    assert hr.post("/aftercare/logo/remove").status_code == 302
    assert OrganisationLogo.select().count() == 0


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "SVG files are not accepted",
        ),
        (
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
            "logo.png",
            "SVG files are not accepted",
        ),
        (image_bytes("GIF"), "logo.gif", "This file is not a PNG or JPEG image"),
        (b"%PDF-1.4 not a logo", "logo.png", "This file is not a PNG or JPEG image"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "logo.png", "This image could not be read"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * logo.MAX_BYTES, "logo.png", "larger than 2 MB"),
        (b"", "logo.png", "Choose a file with the logo"),
    ],
)
def test_a_file_that_is_not_a_png_or_jpeg_is_refused_with_a_message(hr, data, name, message):
    response = upload(hr, data, name)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert OrganisationLogo.select().count() == 0


def test_the_logo_is_redrawn_without_metadata_and_made_poster_sized(hr):
    exif = Image.Exif()
    exif[0x010F] = "SECRET-CAMERA"  # Make
    big = image_bytes("JPEG", (4000, 1000), exif=exif.tobytes())
    assert b"SECRET-CAMERA" in big
    assert upload(hr, big, "logo.jpg").status_code == 302
    stored = OrganisationLogo.get()
    assert b"SECRET-CAMERA" not in bytes(stored.content)
    assert (stored.width, stored.height) == (logo.SIDE, logo.SIDE // 4)
    with Image.open(io.BytesIO(bytes(stored.content))) as image:
        assert image.size == (logo.SIDE, logo.SIDE // 4)


def test_the_conduct_page_leads_hr_to_the_logo(app, hr):
    hr.post("/aftercare/conduct/edit", data={"title_nl": "Afspraken", "body_nl": "- Respect"})
    page = hr.get("/aftercare/conduct").get_data(as_text=True)
    assert 'href="/aftercare/logo"' in page and "carry no logo yet" in page
    upload(hr, image_bytes())
    assert "carry the organisation's logo" in hr.get("/aftercare/conduct").get_data(as_text=True)
    employee = client_for(app, person("e@example.test", "E", [Role.EMPLOYEE]))
    assert 'href="/aftercare/logo"' not in employee.get("/aftercare/conduct").get_data(as_text=True)

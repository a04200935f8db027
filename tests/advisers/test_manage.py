"""HR keeps the adviser profiles: create, edit, photo without metadata, integrity contact, unlist."""

import io
import re

import pytest
from PIL import Image

from portal.advisers.models import AdviserProfile
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from tests.advisers.test_directory import english, make_adviser
from tests.conftest import make_person, signed_in_client

HR_PAGES = ["/advisers/manage", "/advisers/manage/new"]


def hr(client):
    return english(signed_in_client(client, [Role.EMPLOYEE, Role.HR], email="hr@example.test"))


def adviser_person(email="kofi@example.test", name="Kofi Mensah") -> Person:
    return make_person(email=email, name=name, roles=[Role.EMPLOYEE, Role.ADVISER])


def form_data(**changes) -> dict:
    data = {
        "external": "internal",
        "organisation": "",
        "introduction_nl": "Ik ben er voor je.",
        "introduction_en": "I am here for you.",
        "languages": ["nl", "en"],
        "topics": ["bullying", "discrimination"],
        "contact": "Room 2.14, phone 1234",
        "away_until": "",
        "stand_in": "",
        "listed": "y",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def gps_jpeg(size=(64, 48)) -> bytes:
    """A JPEG carrying EXIF with a camera make and a GPS position."""
    image = Image.new("RGB", size, (30, 140, 90))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    gps = exif.get_ifd(0x8825)  # GPSInfo
    gps[1] = "N"
    gps[2] = (52.0, 5.0, 30.0)
    gps[3] = "E"
    gps[4] = (4.0, 53.0, 10.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(0x8825)[1] == "N"
    return data


def with_file(data: dict, content: bytes, filename: str) -> dict:
    return {**data, "photo": (io.BytesIO(content), filename)}


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.ADVISER], [Role.ADMIN], [Role.TEAM_LEAD]])
def test_only_hr_opens_the_maintenance_pages(client, roles):
    profile = make_adviser()
    signed_in_client(client, roles)
    for page in [*HR_PAGES, f"/advisers/manage/{profile.id}"]:
        assert client.get(page).status_code == 403, page
    assert client.post(f"/advisers/manage/{profile.id}", data=form_data()).status_code == 403
    assert client.post("/advisers/manage/new", data=form_data()).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client):
    for page in HR_PAGES:
        response = client.get(page)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in")


def test_hr_sees_profiles_and_advisers_without_one(client):
    make_adviser(listed=False)
    kofi = adviser_person()
    make_person(email="jan@example.test", name="Jan Smit")  # no adviser role
    hr(client)
    page = client.get("/advisers/manage").get_data(as_text=True)
    assert "Marieke Jansen" in page and "No, unlisted" in page
    assert f'href="/advisers/manage/new?person={kofi.id}"' in page
    form = client.get(f"/advisers/manage/new?person={kofi.id}").get_data(as_text=True)
    assert f'<option selected value="{kofi.id}">' in form
    assert "marieke@example.test" not in form and "Jan Smit" not in form


def test_hr_creates_a_profile_shown_in_the_directory(client):
    kofi = adviser_person()
    hr(client)
    response = client.post(
        "/advisers/manage/new",
        data=form_data(
            person=str(kofi.id),
            integrity_contact="y",
            external="external",
            organisation="Extern BV",
        ),
    )
    profile = AdviserProfile.get(AdviserProfile.person == kofi)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/advisers/manage/{profile.id}"
    assert profile.external and profile.organisation == "Extern BV" and profile.integrity_contact
    assert profile.languages == "nl,en" and profile.topics == "bullying,discrimination"
    assert profile.listed and profile.photo is None
    page = client.get("/advisers/").get_data(as_text=True)
    assert "Kofi Mensah" in page and "Bullying, Discrimination" in page


def test_a_person_without_the_adviser_role_cannot_get_a_profile(client):
    sanne = make_person(email="sanne@example.test", name="Sanne de Vries")
    hr(client)
    response = client.post("/advisers/manage/new", data=form_data(person=str(sanne.id)))
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert AdviserProfile.select().count() == 0


def test_validation_errors_keep_everything_typed(client):
    kofi = adviser_person()
    hr(client)
    response = client.post(
        "/advisers/manage/new",
        data=form_data(
            person=str(kofi.id),
            external="external",
            organisation="",
            languages=None,
            contact="",
            introduction_nl="Mijn eigen woorden",
        ),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Fill in the organisation of this external adviser." in page
    assert "Choose at least one language the adviser speaks." in page
    assert "Say how people can reach this adviser outside the portal." in page
    assert "Mijn eigen woorden" in page and "I am here for you." in page
    assert 'checked id="topics-1" name="topics" type="checkbox" value="bullying"' in page
    assert 'checked id="external-1" name="external" required type="radio" value="external"' in page
    assert AdviserProfile.select().count() == 0


def test_hr_edits_marks_integrity_contact_sets_absence_and_unlists(client):
    profile = make_adviser()
    stand_in = make_adviser(email="els@example.test", name="Els van Dam")
    hr(client)
    page = client.get(f"/advisers/manage/{profile.id}").get_data(as_text=True)
    assert "I listen without judging." in page and "Phone 030 123 45 67" in page
    response = client.post(
        f"/advisers/manage/{profile.id}",
        data=form_data(
            integrity_contact="y",
            away_until="2099-05-01",
            stand_in=str(stand_in.person_id),
            contact="New number 5678",
        ),
    )
    assert response.status_code == 302
    profile = AdviserProfile.get_by_id(profile.id)
    assert profile.integrity_contact and profile.stand_in_id == stand_in.person_id
    assert str(profile.away_until) == "2099-05-01" and profile.contact == "New number 5678"
    page = client.get("/advisers/").get_data(as_text=True)
    assert "Away until 1 May 2099." in page and "New number 5678" in page

    client.post(f"/advisers/manage/{profile.id}", data=form_data(listed=None))
    assert not AdviserProfile.get_by_id(profile.id).listed
    assert "Marieke Jansen" not in client.get("/advisers/").get_data(as_text=True)


def test_an_adviser_cannot_stand_in_for_themselves(client):
    profile = make_adviser()
    hr(client)
    response = client.post(
        f"/advisers/manage/{profile.id}", data=form_data(stand_in=str(profile.person_id))
    )
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert AdviserProfile.get_by_id(profile.id).stand_in_id is None


def test_photo_with_gps_comes_out_without_any_exif(client):
    kofi = adviser_person()
    hr(client)
    original = gps_jpeg()
    assert b"SpyCam" in original
    response = client.post(
        "/advisers/manage/new",
        data=with_file(form_data(person=str(kofi.id)), original, "me.jpg"),
        follow_redirects=True,
    )
    assert "hidden details such as location, camera and date were removed" in response.get_data(
        as_text=True
    )
    profile = AdviserProfile.get(AdviserProfile.person == kofi)
    served = client.get(f"/advisers/{profile.id}/photo")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    data = served.data
    assert b"Exif" not in data and b"SpyCam" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (64, 48)
        assert not image.getexif()
        assert "exif" not in image.info


def test_large_photo_is_made_card_sized_still_without_exif(client):
    profile = make_adviser()
    hr(client)
    client.post(
        f"/advisers/manage/{profile.id}",
        data=with_file(form_data(), gps_jpeg((1800, 1200)), "big.jpg"),
    )
    data = client.get(f"/advisers/{profile.id}/photo").data
    assert b"Exif" not in data and b"SpyCam" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (600, 400) and not image.getexif()


def test_large_png_stays_png_and_is_made_card_sized(client):
    profile = make_adviser()
    hr(client)
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1600), (10, 20, 30)).save(buffer, "PNG")
    client.post(
        f"/advisers/manage/{profile.id}", data=with_file(form_data(), buffer.getvalue(), "big.png")
    )
    with Image.open(io.BytesIO(client.get(f"/advisers/{profile.id}/photo").data)) as image:
        assert image.format == "PNG" and max(image.size) == 600


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_typed_is_lost(client):
    kofi = adviser_person()
    hr(client)
    response = client.post(
        "/advisers/manage/new",
        data=with_file(
            form_data(person=str(kofi.id), contact="Only on Mondays"), b"%PDF-1.7 nope", "cv.pdf"
        ),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This file is not a photo. Choose a JPEG, PNG, GIF or WebP image." in page
    assert "Only on Mondays" in page and "Ik ben er voor je." in page
    assert AdviserProfile.select().count() == 0


def test_a_photo_over_5_mb_is_refused(client):
    profile = make_adviser()
    hr(client)
    too_big = b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024)
    response = client.post(
        f"/advisers/manage/{profile.id}", data=with_file(form_data(), too_big, "big.jpg")
    )
    assert "This photo is larger than 5 MB." in response.get_data(as_text=True)
    assert AdviserProfile.get_by_id(profile.id).photo is None


def test_an_accepted_photo_survives_another_fields_error(client):
    kofi = adviser_person()
    hr(client)
    response = client.post(
        "/advisers/manage/new",
        data=with_file(form_data(person=str(kofi.id), contact=""), gps_jpeg(), "me.jpg"),
    )
    page = response.get_data(as_text=True)
    assert "The photo you chose is kept" in page
    kept = re.search(r'name="pending_photo" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/advisers/manage/new",
        data=form_data(person=str(kofi.id), contact="Phone 99", pending_photo=kept),
    )
    assert response.status_code == 302
    photo = AdviserProfile.get(AdviserProfile.person == kofi).photo
    assert photo and b"Exif" not in bytes(photo)


def test_hr_replaces_and_removes_the_photo(client):
    profile = make_adviser()
    hr(client)
    client.post(f"/advisers/manage/{profile.id}", data=with_file(form_data(), gps_jpeg(), "a.jpg"))
    assert AdviserProfile.get_by_id(profile.id).photo
    page = client.get(f"/advisers/manage/{profile.id}").get_data(as_text=True)
    assert 'alt="Current photo of Marieke Jansen"' in page
    client.post(f"/advisers/manage/{profile.id}", data=form_data())  # no new file: photo stays
    assert AdviserProfile.get_by_id(profile.id).photo
    client.post(f"/advisers/manage/{profile.id}", data=form_data(remove_photo="y"))
    assert AdviserProfile.get_by_id(profile.id).photo is None


def test_hr_sees_the_photo_of_an_unlisted_adviser(client):
    profile = make_adviser(listed=False, photo=b"\x89PNG\r\n\x1a\n...")
    assert client.get(f"/advisers/{profile.id}/photo").status_code == 404
    hr(client)
    response = client.get(f"/advisers/{profile.id}/photo")
    assert response.status_code == 200 and response.mimetype == "image/png"


def test_profile_form_works_with_csrf_protection_on(app, client):
    profile = make_adviser()
    hr(client)
    app.config["WTF_CSRF_ENABLED"] = True  # signed in without it; from here on as in production
    page = client.get(f"/advisers/manage/{profile.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    refused = client.post(
        f"/advisers/manage/{profile.id}",
        data=form_data(contact="Kept text"),
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert refused.status_code == 400 and "Kept text" in refused.get_data(as_text=True)
    response = client.post(
        f"/advisers/manage/{profile.id}",
        data=with_file(form_data(csrf_token=token), gps_jpeg(), "a.jpg"),
    )
    assert response.status_code == 302
    assert AdviserProfile.get_by_id(profile.id).photo


def test_hr_sees_a_link_to_the_maintenance_pages_from_the_directory(client):
    assert "/advisers/manage" not in client.get("/advisers/").get_data(as_text=True)
    hr(client)
    assert 'href="/advisers/manage"' in client.get("/advisers/").get_data(as_text=True)

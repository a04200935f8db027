"""The public directory of confidential advisers: everyone may browse it and choose freely."""

import io
import logging
from datetime import date, timedelta

from PIL import Image

from portal.advisers.models import AdviserProfile
from portal.core.accounts.models import KeyRing
from portal.core.accounts.roles import Role
from portal.web import access
from tests.conftest import make_person, signed_in_client


def make_adviser(email="marieke@example.test", name="Marieke Jansen", keys=True, **profile):
    """Create a person with the adviser role, a profile and (by default) a key pair."""
    person = make_person(email=email, name=name, roles=[Role.EMPLOYEE, Role.ADVISER])
    if keys:
        KeyRing.create(
            person=person,
            public_key=b"p" * 32,
            password_salt=b"s" * 16,
            password_wrapped=b"w" * 72,
            kdf_ops=2,
            kdf_mem=65536,
        )
    values = {
        "introduction_nl": "Ik luister zonder oordeel.",
        "introduction_en": "I listen without judging.",
        "languages": "nl,en",
        "contact": "Phone 030 123 45 67",
        **profile,
    }
    return AdviserProfile.create(person=person, **values)


def english(client):
    client.post("/language", data={"locale": "en"})
    return client


def ensure_report_form(app):
    """Give the app the report form's endpoint when its blueprint is not registered yet."""
    if "reports.one_page" not in app.view_functions:
        app.add_url_rule("/report/form", "reports.one_page", access.public(lambda: "form"))


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_directory_is_open_to_everyone_in_dutch_and_english(app, client):
    make_adviser()
    page = client.get("/advisers/").get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "Marieke Jansen" in page and "Ik luister zonder oordeel." in page
    assert "Je kiest zelf met wie je praat." in page
    assert "Interne vertrouwenspersoon" in page and "Nederlands, Engels" in page

    page = english(client).get("/advisers/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "I listen without judging." in page and "Ik luister" not in page
    assert "You choose who you talk to." in page
    assert "any one of them, or more than one" in page
    assert "Internal adviser" in page and "Dutch, English" in page


def test_signed_in_people_see_the_directory_too(client):
    make_adviser()
    signed_in_client(client, [Role.EMPLOYEE])
    assert "Marieke Jansen" in client.get("/advisers/").get_data(as_text=True)


def test_introduction_falls_back_to_the_other_language_marked_with_lang(client):
    make_adviser(introduction_en="")
    page = english(client).get("/advisers/").get_data(as_text=True)
    assert '<p class="adviser-card__intro" lang="nl">Ik luister zonder oordeel.</p>' in page


def test_card_shows_external_organisation_topics_contact_and_integrity_badge(client):
    make_adviser(
        external=True,
        organisation="Bureau Veilig Werk",
        topics="bullying,irregularity",
        integrity_contact=True,
        contact="Call 06 1234 5678\nTuesdays only",
    )
    page = english(client).get("/advisers/").get_data(as_text=True)
    assert "External adviser" in page and "at Bureau Veilig Werk" in page
    assert "Bullying, Irregularity" in page
    assert "Call 06 1234 5678\nTuesdays only" in page
    assert '<span class="badge badge--integrity">Integrity contact</span>' in page
    assert "the organisation's integrity contact" in page


def test_unlisted_and_deactivated_advisers_are_not_shown(client):
    hidden = make_adviser(listed=False, photo=jpeg())
    gone = make_adviser(email="kofi@example.test", name="Kofi Mensah")
    gone.person.active = False
    gone.person.save()
    make_adviser(email="els@example.test", name="Els van Dam")
    page = client.get("/advisers/").get_data(as_text=True)
    assert "Els van Dam" in page
    assert "Marieke Jansen" not in page and "Kofi Mensah" not in page
    assert client.get(f"/advisers/{hidden.id}/photo").status_code == 404


def test_away_adviser_shows_the_date_and_a_link_to_the_stand_in(client):
    stand_in = make_adviser(email="kofi@example.test", name="Kofi Mensah")
    back = date.today() + timedelta(days=10)
    make_adviser(away_until=back, stand_in=stand_in.person)
    page = english(client).get("/advisers/").get_data(as_text=True)
    assert f"Away until {back.day} {back.strftime('%B')} {back.year}." in page
    assert "Stand-in:" in page
    assert f'<a href="#adviser-{stand_in.id}">Kofi Mensah</a>' in page


def test_away_date_in_the_past_is_not_shown(client):
    make_adviser(away_until=date.today() - timedelta(days=1))
    assert "Away until" not in english(client).get("/advisers/").get_data(as_text=True)


def test_adviser_without_key_pair_is_listed_with_a_note_and_no_report_link(app, client):
    ensure_report_form(app)
    make_adviser(keys=False)
    make_adviser(email="kofi@example.test", name="Kofi Mensah")
    page = english(client).get("/advisers/").get_data(as_text=True)
    assert "Marieke Jansen" in page and "Phone 030 123 45 67" in page
    assert page.count("cannot receive reports in the portal yet") == 1
    assert page.count('href="/report/form"') == 1
    assert "Report to this adviser" in page


def test_photo_is_served_with_its_type_and_a_placeholder_without_one(client):
    with_photo = make_adviser(photo=jpeg())
    make_adviser(email="kofi@example.test", name="Kofi Mensah")
    response = client.get(f"/advisers/{with_photo.id}/photo")
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    page = english(client).get("/advisers/").get_data(as_text=True)
    assert f'src="/advisers/{with_photo.id}/photo" alt="Photo of Marieke Jansen"' in page
    assert (
        '<span class="adviser-card__photo adviser-card__photo--none" aria-hidden="true">K</span>'
        in page
    )
    assert client.get("/advisers/999/photo").status_code == 404


def test_filter_narrows_down_and_htmx_gets_only_the_cards(client):
    make_adviser(topics="bullying")
    make_adviser(email="els@example.test", name="Els van Dam", external=True, organisation="X")
    page = client.get("/advisers/?topic=bullying").get_data(as_text=True)
    assert "Marieke Jansen" in page and "Els van Dam" not in page
    page = client.get("/advisers/?kind=external&language=xx").get_data(as_text=True)
    assert "Els van Dam" in page and "Marieke Jansen" not in page
    fragment = client.get("/advisers/?kind=internal", headers={"HX-Request": "true"})
    assert "HX-Request" in fragment.headers["Vary"]
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and "Marieke Jansen" in text and "Els van Dam" not in text


def test_directory_queries_do_not_grow_with_the_number_of_advisers(client, caplog):
    def count_queries() -> int:
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="peewee"):
            client.get("/advisers/")
        return sum(1 for r in caplog.records if r.name == "peewee")

    stand_in = make_adviser(email="kofi@example.test", name="Kofi Mensah")
    make_adviser(away_until=date.today(), stand_in=stand_in.person)
    few = count_queries()
    assert few >= 3  # the guard really sees them: profiles, stand-ins, stand-ins listed
    for n in range(6):
        make_adviser(
            email=f"a{n}@example.test",
            name=f"Adviser {n}",
            away_until=date.today(),
            stand_in=stand_in.person,
        )
    assert count_queries() == few


def test_empty_directory_says_so(client):
    page = english(client).get("/advisers/").get_data(as_text=True)
    assert "No confidential advisers are listed yet." in page

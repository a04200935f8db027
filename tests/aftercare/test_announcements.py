"""HR announces the policy or the conduct agreements to all staff (#24 item 3): on each home
page until opened, counted once per person, and HR sees a count, never who."""

import pytest

from portal.aftercare import announcements
from portal.aftercare.models import Announcement, AnnouncementReader
from portal.core.accounts.roles import Role
from portal.platform import clock
from tests.aftercare.helpers import client_for, person, team


@pytest.fixture
def people(app):
    return team(app)


@pytest.fixture
def hr(app, people):
    client = client_for(app, people["hr"])
    client.post("/aftercare/policy/edit", data={"title_nl": "Wie doet wat", "body_nl": "Tekst"})
    return client


def announce(hr, page="policy", **notes):
    return hr.post(f"/aftercare/{page}/announce", data=notes)


def test_only_hr_announces_and_only_a_written_page(app, people, hr):
    employee = client_for(app, people["employee"])
    assert announce(employee).status_code == 403
    assert client_for(app, people["admin"]).post("/aftercare/policy/announce").status_code == 403
    response = announce(hr, "conduct", note_nl="KEPT-NOTE")  # conduct has no text yet
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Write the page first" in page and "KEPT-NOTE" in page
    assert hr.post("/aftercare/secrets/announce").status_code == 404
    response = announce(hr, note_en="x" * (announcements.NOTE + 1))
    assert response.status_code == 200 and Announcement.select().count() == 0
    response = announce(hr, note_nl="Nieuw: contactpersonen per stap.")
    assert response.status_code == 302 and response.headers["Location"].endswith("#announce")
    assert Announcement.select().count() == 1


def test_shown_on_every_home_page_until_opened_then_gone_and_counted_once(app, people, hr):
    announce(hr, note_nl="Lees het nieuwe beleid.", note_en="Read the new policy.")
    (announcement,) = Announcement.select()
    employee = client_for(app, people["employee"])
    lead = client_for(app, people["lead"], "nl")
    home = employee.get("/").get_data(as_text=True)
    assert "New or changed: Our policy: who does what" in home
    assert "Read the new policy." in home
    assert "Lees het nieuwe beleid." in lead.get("/").get_data(as_text=True)
    opened = employee.post(f"/aftercare/announcements/{announcement.id}/open")
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/aftercare/policy")
    assert "New or changed" not in employee.get("/").get_data(as_text=True)
    employee.post(f"/aftercare/announcements/{announcement.id}/open")  # again: counted once
    assert Announcement.get_by_id(announcement.id).opened == 1
    assert "Lees het nieuwe beleid." in lead.get("/").get_data(as_text=True)  # still for others
    # A second device of the same person: gone there too (the state is the server's).
    again = client_for(app, people["employee"])
    assert "New or changed" not in again.get("/").get_data(as_text=True)
    assert employee.post("/aftercare/announcements/999/open").status_code == 404
    assert (
        app.test_client().post(f"/aftercare/announcements/{announcement.id}/open").status_code
        == 302
    )


def test_hr_sees_how_many_opened_never_who(app, people, hr):
    announce(hr)
    (announcement,) = Announcement.select()
    for who in ("employee", "lead"):
        client_for(app, people[who]).post(f"/aftercare/announcements/{announcement.id}/open")
    page = hr.get("/aftercare/policy").get_data(as_text=True)
    staff = len(people)
    assert f"opened by 2 of {staff} people" in page
    assert "Sanne de Vries" not in page and "Ahmed Yilmaz" not in page
    employee_page = client_for(app, people["employee"]).get("/aftercare/policy")
    assert "opened by" not in employee_page.get_data(as_text=True)
    assert 'action="/aftercare/policy/announce"' not in employee_page.get_data(as_text=True)


def test_a_new_announcement_of_the_same_page_shows_again(app, people, hr):
    announce(hr)
    first = Announcement.select().get()
    employee = client_for(app, people["employee"])
    employee.post(f"/aftercare/announcements/{first.id}/open")
    hr.post("/aftercare/conduct/edit", data={"title_nl": "Afspraken", "body_nl": "- Respect"})
    announce(hr, "conduct")
    home = employee.get("/").get_data(as_text=True)
    assert "New or changed: Conduct agreements" in home and "Our policy" not in home
    announce(hr)
    home = employee.get("/").get_data(as_text=True)
    assert home.count("New or changed:") == 2


def test_what_is_kept_per_person_names_no_time_and_no_order_of_opening(app, people, hr):
    """Per person one row, keyed by the person, made for everyone when the announcement is
    made (not when they open it), holding only the newest announcement's id."""
    announce(hr)
    announcement = Announcement.select().get()
    rows = list(AnnouncementReader.select().order_by(AnnouncementReader.person))
    assert [r.person_id for r in rows] == sorted(p.id for p in people.values())
    assert {f.name for f in AnnouncementReader._meta.sorted_fields} == {
        "person",
        "policy_seen",
        "conduct_seen",
    }
    lead, employee = people["lead"], people["employee"]
    announcements.open_announcement(lead, announcement.id)
    announcements.open_announcement(employee, announcement.id)
    after = list(AnnouncementReader.select().order_by(AnnouncementReader.person))
    assert [r.person_id for r in after] == [r.person_id for r in rows]  # no row moved or added
    # Someone who joined after the announcement gets a row keyed by themselves when they open.
    newcomer = person("new@example.test", "New", [Role.EMPLOYEE])
    assert announcements.unread_for(newcomer) == [announcement]
    announcements.open_announcement(newcomer, announcement.id)
    assert AnnouncementReader.get_by_id(newcomer.id).policy_seen == announcement.id
    assert Announcement.get_by_id(announcement.id).opened == 3
    assert announcement.announced_on == clock.today()

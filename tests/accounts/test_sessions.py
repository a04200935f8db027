"""Server-side sessions end after 30 idle minutes or 12 hours, both configurable."""

from datetime import timedelta

from portal.core.accounts.models import SessionRecord
from tests.conftest import make_person, sign_in


def age_session(idle: timedelta = timedelta(0), lived: timedelta = timedelta(0)) -> None:
    record = SessionRecord.get()
    record.last_seen_at -= idle
    record.created_at -= lived
    record.save()


def signed_in(client) -> bool:
    return client.get("/password").status_code == 200


def test_idle_timeout_ends_the_session(client):
    make_person()
    sign_in(client, "sanne@example.test")
    age_session(idle=timedelta(minutes=29))
    assert signed_in(client)
    age_session(idle=timedelta(minutes=31))
    response = client.get("/password")
    assert response.status_code == 302
    assert SessionRecord.select().count() == 0
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "sessie is verlopen" in page or "session has ended" in page


def test_activity_keeps_the_session_alive(client):
    make_person()
    sign_in(client, "sanne@example.test")
    age_session(idle=timedelta(minutes=20))
    assert signed_in(client)  # touches last_seen_at
    age_session(idle=timedelta(minutes=20))
    assert signed_in(client)


def test_absolute_timeout_ends_even_an_active_session(client):
    make_person()
    sign_in(client, "sanne@example.test")
    age_session(lived=timedelta(hours=12, minutes=1))
    assert not signed_in(client)


def test_timeouts_are_configurable(app, client):
    app.config["SESSION_IDLE_MINUTES"] = 5
    make_person()
    sign_in(client, "sanne@example.test")
    age_session(idle=timedelta(minutes=6))
    assert not signed_in(client)


def test_deactivation_ends_live_sessions(client):
    from portal.core.accounts import people

    person = make_person()
    sign_in(client, "sanne@example.test")
    assert signed_in(client)
    people.set_active(person, False)
    assert not signed_in(client)

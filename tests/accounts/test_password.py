"""Changing one's password, and the temporary password an administrator hands out."""

from portal.core.accounts import people
from portal.core.accounts.models import Person
from tests.conftest import PASSWORD, make_person, sign_in


def test_change_password(client):
    make_person()
    sign_in(client, "sanne@example.test")
    response = client.post(
        "/password",
        data={
            "current": PASSWORD,
            "new": "a brand new long phrase",
            "confirm": "a brand new long phrase",
        },
    )
    assert response.status_code == 302
    client.post("/sign-out")
    assert sign_in(client, "sanne@example.test", "a brand new long phrase").status_code == 302


def test_wrong_current_password_and_mismatch_keep_the_form(client):
    make_person()
    sign_in(client, "sanne@example.test")
    client.post("/language", data={"locale": "en"})
    wrong = client.post(
        "/password", data={"current": "nope nope nope", "new": "x" * 14, "confirm": "x" * 14}
    )
    assert "This is not your current password." in wrong.get_data(as_text=True)
    mismatch = client.post(
        "/password", data={"current": PASSWORD, "new": "x" * 14, "confirm": "y" * 14}
    )
    assert "The two new passwords are not the same." in mismatch.get_data(as_text=True)
    short = client.post("/password", data={"current": PASSWORD, "new": "short", "confirm": "short"})
    assert "at least 12 characters" in short.get_data(as_text=True)
    assert 'href="#new"' in short.get_data(as_text=True)  # error summary links to the field


def test_temporary_password_forces_a_change_first(client):
    person = make_person()
    people.reset_password(person, "temporary-pass-123")
    sign_in(client, "sanne@example.test", "temporary-pass-123")
    response = client.get("/")
    assert response.status_code == 200
    assert client.get("/admin/people").headers["Location"] == "/password"
    client.post(
        "/password",
        data={
            "current": "temporary-pass-123",
            "new": "my own long phrase",
            "confirm": "my own long phrase",
        },
    )
    assert Person.get().must_change_password is False


def test_passwords_are_argon2id(app):
    person = make_person()
    assert person.password_hash.startswith("$argon2id$")

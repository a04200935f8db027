"""Signing in and out: one message for every failure, throttling, fixation, safe redirects."""

from portal.core.accounts.models import SessionRecord
from portal.core.accounts.roles import Role
from tests.conftest import PASSWORD, make_person, sign_in

FAILURE = "The e-mail address or the password is not right."


def english(client):
    client.post("/language", data={"locale": "en"})


def test_sign_in_and_out(client):
    make_person(email="sanne@example.test")
    response = sign_in(client, "Sanne@Example.test ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert SessionRecord.select().count() == 1
    home = client.get("/").get_data(as_text=True)
    assert "Sanne de Vries" in home

    client.post("/sign-out")
    assert SessionRecord.select().count() == 0
    assert "Sanne de Vries" not in client.get("/").get_data(as_text=True)


def test_unknown_user_and_wrong_password_get_the_same_answer(client):
    make_person(email="sanne@example.test")
    english(client)
    unknown = sign_in(client, "nobody@example.test")
    wrong = sign_in(client, "sanne@example.test", "not the password at all")
    assert unknown.status_code == wrong.status_code == 200
    assert FAILURE in unknown.get_data(as_text=True)
    assert FAILURE in wrong.get_data(as_text=True)
    # The typed address stays in the form, the password does not.
    assert 'value="sanne@example.test"' in wrong.get_data(as_text=True)
    assert "not the password at all" not in wrong.get_data(as_text=True)


def test_deactivated_person_cannot_sign_in(client):
    person = make_person(email="gone@example.test")
    person.active = False
    person.save()
    english(client)
    assert FAILURE in sign_in(client, "gone@example.test").get_data(as_text=True)


def test_revoked_session_cookie_no_longer_works(app):
    make_person(email="sanne@example.test", roles=[Role.EMPLOYEE, Role.TEAM_LEAD])
    first = app.test_client()
    sign_in(first, "sanne@example.test")
    stolen_cookie = first.get_cookie("vertrouwd").value
    first.post("/sign-out")

    thief = app.test_client()
    thief.set_cookie("vertrouwd", stolen_cookie)
    response = thief.get("/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_sign_in_gives_a_new_session_cookie(client):
    make_person(email="sanne@example.test")
    client.get("/sign-in")
    before = client.get_cookie("vertrouwd").value
    sign_in(client, "sanne@example.test")
    assert client.get_cookie("vertrouwd").value != before


def test_throttled_after_five_failures_even_for_the_right_password(client):
    make_person(email="sanne@example.test")
    english(client)
    for _ in range(5):
        assert sign_in(client, "sanne@example.test", "wrong password!!").status_code == 200
    blocked = sign_in(client, "sanne@example.test", PASSWORD)
    assert blocked.status_code == 429
    assert "Too many failed attempts" in blocked.get_data(as_text=True)


def test_unknown_accounts_are_throttled_too(client):
    for _ in range(5):
        sign_in(client, "nobody@example.test", "wrong password!!")
    assert sign_in(client, "nobody@example.test", "wrong password!!").status_code == 429


def test_throttling_per_address_counts_across_accounts(app, client):
    app.config["SIGNIN_MAX_FAILURES_PER_ADDRESS"] = 3
    for n in range(3):
        sign_in(client, f"person{n}@example.test", "wrong password!!")
    assert sign_in(client, "other@example.test", "wrong password!!").status_code == 429


def test_throttle_keys_hold_no_address_or_name(client):
    from portal.platform.throttle import ThrottleCounter

    sign_in(client, "sanne@example.test", "wrong password!!")
    keys = " ".join(row.key for row in ThrottleCounter.select())
    assert "sanne" not in keys and "127.0.0.1" not in keys
    assert ThrottleCounter.select().count() == 3  # account+address, address, account


def test_next_goes_to_local_pages_only(client):
    make_person(email="sanne@example.test")
    response = client.post(
        "/sign-in?next=/password", data={"email": "sanne@example.test", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/password"


def test_next_never_leads_off_site(app):
    make_person(email="sanne@example.test")
    for target in [
        "https://evil.test/",
        "//evil.test/x",
        "/\\evil.test",
        "javascript:alert(1)",
        "http:/evil",
    ]:
        client = app.test_client()
        response = client.post(
            "/sign-in",
            query_string={"next": target},
            data={"email": "sanne@example.test", "password": PASSWORD},
        )
        assert response.headers["Location"] == "/", target
        client.post("/sign-out")


def test_protected_page_sends_to_sign_in_and_back(client):
    make_person(email="sanne@example.test")
    response = client.get("/password")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/password"

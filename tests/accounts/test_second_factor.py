"""Advisers, HR and administrators pass a TOTP second factor; enrolment shows an SVG QR code."""

import time

import pyotp
import pytest

from portal.core.accounts import second_factor
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from tests.conftest import make_person, pass_second_factor, sign_in


@pytest.mark.parametrize("role", [Role.ADVISER, Role.HR, Role.ADMIN])
def test_second_factor_is_required_before_anything_else(client, role):
    make_person(email="staff@example.test", roles=[role], totp_secret=pyotp.random_base32())
    response = sign_in(client, "staff@example.test")
    assert client.get("/").status_code == 200  # public pages stay open
    response = client.get("/password")
    assert response.status_code == 302
    assert response.headers["Location"] == "/second-factor"


def test_employee_needs_no_second_factor(client):
    make_person(email="sanne@example.test", roles=[Role.EMPLOYEE, Role.TEAM_LEAD])
    sign_in(client, "sanne@example.test")
    assert client.get("/password").status_code == 200


def test_enrolment_shows_qr_svg_and_key_then_accepts_the_app_code(client):
    make_person(email="adviser@example.test", roles=[Role.ADVISER])
    sign_in(client, "adviser@example.test")
    page = client.get("/second-factor").get_data(as_text=True)
    assert "<svg" in page and "<path" in page
    assert "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    secret = page.split('<code class="secret">', 1)[1].split("</code>", 1)[0]
    assert (
        secret
        == client.get("/second-factor")
        .get_data(as_text=True)
        .split('<code class="secret">', 1)[1]
        .split("</code>", 1)[0]
    ), "the offered key must stay the same during enrolment"

    wrong = client.post("/second-factor", data={"code": "000000"})
    assert wrong.status_code == 200
    assert Person.get().totp_secret is None

    response = pass_second_factor(client, secret)
    assert response.status_code == 302
    assert Person.get().totp_secret == secret
    assert client.get("/password").status_code == 200


def test_wrong_code_is_refused_and_a_code_cannot_be_used_twice(app):
    secret = pyotp.random_base32()
    make_person(email="hr@example.test", roles=[Role.HR], totp_secret=secret)
    first = app.test_client()
    sign_in(first, "hr@example.test")
    assert first.post("/second-factor", data={"code": "123456"}).status_code == 200
    code = pyotp.TOTP(secret).now()
    assert first.post("/second-factor", data={"code": code}).status_code == 302

    second = app.test_client()
    sign_in(second, "hr@example.test")
    replay = second.post("/second-factor", data={"code": code})
    assert replay.status_code == 200  # the same code again: refused
    assert second.get("/password").status_code == 302


def test_matching_step_allows_one_step_of_drift_and_no_replay():
    secret = pyotp.random_base32()
    now = time.time()
    totp = pyotp.TOTP(secret)
    step = int(now // 30)
    assert second_factor.matching_step(secret, totp.at(now - 30), 0, at=now) == step - 1
    assert second_factor.matching_step(secret, totp.at(now - 90), 0, at=now) is None
    assert second_factor.matching_step(secret, totp.at(now), step, at=now) is None
    assert second_factor.matching_step(secret, "12 34", 0, at=now) is None


def test_demo_mode_shows_the_current_code(app, client):
    app.config["DEMO"] = True
    make_person(email="adviser@example.test", roles=[Role.ADVISER])
    sign_in(client, "adviser@example.test")
    assert 'class="notice demo-hint"' in client.get("/second-factor").get_data(as_text=True)
    app.config["DEMO"] = False
    assert "demo-hint" not in client.get("/second-factor").get_data(as_text=True)


def test_administrator_can_reset_a_lost_authenticator(client):
    from portal.core.accounts import people

    person = make_person(email="adviser@example.test", roles=[Role.ADVISER], totp_secret="A" * 32)
    people.reset_second_factor(person)
    assert Person.get().totp_secret is None


def test_sign_in_leads_to_the_second_step_and_then_to_where_the_person_was_going(client):
    secret = pyotp.random_base32()
    make_person(email="adviser@example.test", roles=[Role.ADVISER], totp_secret=secret)
    response = client.post(
        "/sign-in?next=/password",
        data={"email": "adviser@example.test", "password": "correct horse battery staple"},
    )
    assert response.headers["Location"] == "/second-factor?next=/password"
    done = client.post("/second-factor?next=/password", data={"code": pyotp.TOTP(secret).now()})
    assert done.headers["Location"] == "/password"


def test_temporary_password_is_asked_right_after_sign_in(client):
    from portal.core.accounts import people

    person = make_person(email="sanne@example.test")
    people.reset_password(person, "temporary-pass-123")
    response = client.post(
        "/sign-in", data={"email": "sanne@example.test", "password": "temporary-pass-123"}
    )
    assert response.headers["Location"] == "/password"


def test_a_code_just_used_is_explained_and_not_counted_as_wrong(app):
    secret = pyotp.random_base32()
    make_person(email="hr@example.test", roles=[Role.HR], totp_secret=secret)
    first = app.test_client()
    sign_in(first, "hr@example.test")
    code = pyotp.TOTP(secret).now()
    assert first.post("/second-factor", data={"code": code}).status_code == 302

    # A second sign-in within the same half minute types the same code again.
    second = app.test_client()
    sign_in(second, "hr@example.test")
    page = second.post("/second-factor", data={"code": code}).get_data(as_text=True)
    assert "Deze code is net gebruikt" in page
    second.post("/language", data={"locale": "en"})
    statuses = []
    for _ in range(app.config["SECOND_STEP_MAX_FAILURES"] + 2):
        again = second.post("/second-factor", data={"code": code})
        statuses.append(again.status_code)
    assert statuses == [200] * len(statuses)  # never a lock-out for it
    assert "This code was just used. Wait for the next code" in again.get_data(as_text=True)
    assert second.get("/password").status_code == 302  # and it still lets nobody in

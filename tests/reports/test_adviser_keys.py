"""An adviser's keys: the recovery key shown once and confirmed; restoring after a reset."""

import re
import time

import pyotp

from portal.advisers.models import AdviserProfile
from portal.core.accounts import keyring, people
from portal.core.accounts.models import KeyRing, Person, SessionRecord
from portal.core.accounts.roles import Role
from tests.conftest import (
    PASSWORD,
    make_adviser,
    make_person,
    pass_second_factor,
    sign_in,
    sign_in_fully,
)
from tests.factories import file_through_steps


def test_new_adviser_sees_the_recovery_key_once_and_must_type_it_back(app):
    secret = pyotp.random_base32()
    person = make_person(email="new@example.test", roles=[Role.ADVISER], totp_secret=secret)
    client = app.test_client()
    client.post("/language", data={"locale": "en"})
    sign_in(client, "new@example.test")
    pass_second_factor(client, secret)
    ring = KeyRing.get(KeyRing.person == person)
    private_key = keyring.unlock(ring, PASSWORD)
    # Whether the key is confirmed is sealed to the adviser's own key (#21): read with it.
    assert keyring.state_of(person, private_key).recovery == keyring.Recovery.PENDING
    assert client.get("/inbox/").headers["Location"] == "/inbox/recovery-key"
    page = client.get("/inbox/recovery-key").get_data(as_text=True)
    key = re.search(r'<p class="secret-display"><code>([^<]+)</code>', page).group(1)
    assert key.encode() not in bytes(SessionRecord.get().vault)  # the vault is encrypted
    wrong = client.post("/inbox/recovery-key", data={"typed": "AAAA-BBBB"})
    assert "not the same key" in wrong.get_data(as_text=True)
    done = client.post("/inbox/recovery-key", data={"typed": key.lower()})
    assert done.headers["Location"] == "/inbox/"
    assert keyring.state_of(person, private_key).recovery == keyring.Recovery.CONFIRMED
    assert client.get("/inbox/recovery-key").headers["Location"] == "/inbox/"  # never shown again
    assert client.get("/inbox/").status_code == 200


def test_after_an_administrator_reset_only_the_recovery_key_brings_reports_back(app):
    secret = pyotp.random_base32()
    person = make_person(email="new@example.test", roles=[Role.ADVISER], totp_secret=secret)
    client = app.test_client()
    sign_in(client, "new@example.test")
    pass_second_factor(client, secret)
    key = re.search(
        r"<code>([^<]+)</code>", client.get("/inbox/recovery-key").get_data(as_text=True)
    ).group(1)
    client.post("/inbox/recovery-key", data={"typed": key})
    AdviserProfile.create(person=person)
    reference, _code = file_through_steps(app.test_client(), [person.id])

    people.reset_password(Person.get_by_id(person.id), "temporary-password-1")
    later = app.test_client()
    sign_in(later, "new@example.test", "temporary-password-1")
    later.post("/second-factor", data={"code": pyotp.TOTP(secret).at(time.time() + 30)})
    later.post(
        "/password",
        data={
            "current": "temporary-password-1",
            "new": "a brand new phrase",
            "confirm": "a brand new phrase",
        },
    )
    assert later.get(f"/inbox/{reference}").headers["Location"] == "/inbox/restore"
    refused = later.post(
        "/inbox/restore", data={"recovery_key": "AAAA-BBBB-CCCC", "password": "a brand new phrase"}
    )
    assert "does not open your reports" in refused.get_data(
        as_text=True
    ) or "opent je meldingen niet" in refused.get_data(as_text=True)
    later.post("/inbox/restore", data={"recovery_key": key, "password": "a brand new phrase"})
    assert "He shouted" in later.get(f"/inbox/{reference}").get_data(as_text=True)


def test_password_change_keeps_access_to_reports(app):
    adviser = make_adviser()
    reference, _code = file_through_steps(app.test_client(), [adviser.id])
    client = sign_in_fully(app.test_client(), adviser)
    client.post(
        "/password",
        data={"current": PASSWORD, "new": "another long phrase", "confirm": "another long phrase"},
    )
    client.post("/sign-out")
    sign_in(client, adviser.email, "another long phrase")
    client.post(
        "/second-factor", data={"code": pyotp.TOTP(adviser.totp_secret).at(time.time() + 30)}
    )
    assert "He shouted" in client.get(f"/inbox/{reference}").get_data(as_text=True)

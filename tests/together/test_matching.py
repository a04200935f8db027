"""Matching held reports: only the advisers' secret matches, never the database and the secret
key; a match needs two distinct writers; nothing is released to an adviser by matching."""

import shutil

import pytest

from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.ops import backup
from portal.platform import crypto
from portal.platform.clock import today
from portal.reports.models import ReportKey
from portal.together import holding, matching
from portal.together.models import HeldReport
from tests.conftest import TEST_SECRET, make_adviser, make_person
from tests.factories import stored_bytes
from tests.together.conftest import hold_about, key_of


def candidate_keys(secret_key: str) -> list[bytes]:
    """Every key the holder of the database and the secret key can make (the portal's
    purposes, and the secret key itself), as a matching key and as a holding key."""
    purposes = ["", "together", "matching", "holding", "session", "second-factor", "throttle"]
    keys = [crypto.key_from_secret(secret_key, p) for p in purposes]
    return keys + [secret_key.encode()[:32].ljust(32, b"\0")]


def named_in(held: HeldReport, tag_key: bytes, person: Person) -> bool:
    return held.subject_tag == matching.tag(tag_key, "person", str(person.id))


def test_a_database_copy_with_the_secret_key_cannot_tell_who_is_named(app, together, tmp_path):
    hold_about(together["anna"], together["named"], together["adviser"])
    adviser = together["adviser"]
    matching.check_held(adviser, key_of(adviser), today())
    # The holder's copy: the database file, its WAL and a backup, and the secret key.
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("portal.sqlite3", "portal.sqlite3-wal"):
        if (tmp_path / name).exists():
            shutil.copy(tmp_path / name, copy / name)
    if app.config["DATABASE_URL"].startswith("sqlite"):
        backup.backup(app.config["DATABASE_URL"], copy / "backup.sqlite3")
    everything = stored_bytes(app, tmp_path) + b"".join(f.read_bytes() for f in copy.iterdir())
    assert b"shouts at me" not in everything  # the name is in the directory anyway
    held = HeldReport.get()
    directory = list(Person.select())
    for key in candidate_keys(TEST_SECRET):
        assert not any(named_in(held, key, person) for person in directory)
        for blob in (held.writer_sealed, held.body):
            with pytest.raises(crypto.DecryptionFailed):
                crypto.unseal(key, bytes(blob))
    # With the adviser's secrets (their private key), the same functions do match.
    secret = matching.open_secret(adviser, key_of(adviser))
    assert [p.email for p in directory if named_in(held, secret.tag_key, p)] == [
        "boss@example.test"
    ]


def test_a_pending_report_cannot_be_opened_with_the_secret_key(together):
    hold_about(together["anna"], together["named"], together["adviser"])
    held = HeldReport.get()
    assert held.pending is not None and held.subject_tag is None
    for key in candidate_keys(TEST_SECRET):
        with pytest.raises(crypto.DecryptionFailed):
            crypto.unseal(key, bytes(held.pending))


def test_the_administrator_cannot_open_the_secret(together):
    admin = make_person(email="it@example.test", name="IT", roles=(Role.ADMIN, Role.HR))
    keyring.create(admin, "x" * 12)
    admin_key = key_of_password(admin, "x" * 12)
    with pytest.raises(matching.NotAdviser):
        matching.open_secret(admin, admin_key)
    with pytest.raises(matching.NotAdviser):
        matching.check_held(admin, admin_key, today())
    # Nor does their key open any adviser's sealed secret.
    for row in matching.MatchingKeyholder.select():
        with pytest.raises(crypto.DecryptionFailed):
            crypto.unseal(admin_key, bytes(row.sealed_secret))


def key_of_password(person, password):
    return keyring.unlock(KeyRing.get(KeyRing.person == person), password)


def test_two_writers_naming_one_person_match_and_nothing_is_released(together):
    adviser = together["adviser"]
    hold_about(together["anna"], together["named"], adviser)
    hold_about(together["bram"], together["other"], adviser)
    matching.check_held(adviser, key_of(adviser), today())
    assert HeldReport.select().where(HeldReport.matched_on.is_null(False)).count() == 0
    hold_about(together["carla"], together["named"], adviser)
    matching.check_held(adviser, key_of(adviser), today())
    anna = holding.mine(key_of(together["anna"]), today())
    bram = holding.mine(key_of(together["bram"]), today())
    carla = holding.mine(key_of(together["carla"]), today())
    assert [h.matched for h in anna + carla] == [True, True]
    assert [h.matched for h in bram] == [False]
    assert ReportKey.select().count() == 0  # no adviser was given anything by the match
    assert all(h.row.pending is None for h in anna + bram + carla)


def test_an_adviser_without_the_secret_cannot_match(together):
    other = make_adviser(email="second@example.test", name="Tweede Adviseur")
    hold_about(together["anna"], together["named"], together["adviser"])
    with pytest.raises(matching.NotKeyholder):
        matching.check_held(other, key_of(other), today())
    assert HeldReport.get().pending is not None


def test_the_secret_goes_only_to_a_checked_key(together):
    adviser, other = together["adviser"], make_adviser(email="b@example.test", name="B")

    with pytest.raises(matching.WrongCheckCode):
        matching.give(adviser, key_of(adviser), other.id, "12345 12345", today())
    assert not matching.holds(other)
    matching.give(adviser, key_of(adviser), other.id, keyring.check_code_of(other.id), today())
    assert matching.holds(other)
    assert matching.open_secret(other, key_of(other)) == matching.open_secret(
        adviser, key_of(adviser)
    )
    # A writer, an employee, is no adviser: the secret is never sealed to them.
    with pytest.raises(matching.NotAdviser):
        matching.give(
            adviser,
            key_of(adviser),
            together["anna"].id,
            keyring.check_code_of(together["anna"].id),
            today(),
        )


def test_the_secret_is_set_up_once(together):
    other = make_adviser(email="b@example.test", name="B")
    with pytest.raises(matching.AlreadySetUp):
        matching.set_up(other, key_of(other), today())


def test_matching_stops_at_the_hourly_budget(app, together):
    app.config["TOGETHER_CHECKS_PER_HOUR"] = 1
    adviser = together["adviser"]
    hold_about(together["anna"], together["named"], adviser)
    hold_about(together["bram"], together["named"], adviser)
    matching.check_held(adviser, key_of(adviser), today())
    assert HeldReport.select().where(HeldReport.pending.is_null()).count() == 1
    assert HeldReport.select().where(HeldReport.matched_on.is_null(False)).count() == 0


def test_a_higher_threshold_waits_for_more_writers(app, together):
    app.config["TOGETHER_MATCH_THRESHOLD"] = 3
    adviser = together["adviser"]
    hold_about(together["anna"], together["named"], adviser)
    hold_about(together["bram"], together["named"], adviser)
    matching.check_held(adviser, key_of(adviser), today())
    assert HeldReport.select().where(HeldReport.matched_on.is_null(False)).count() == 0
    hold_about(together["carla"], together["named"], adviser)
    matching.check_held(adviser, key_of(adviser), today())
    assert HeldReport.select().where(HeldReport.matched_on.is_null(False)).count() == 3


def test_when_no_active_adviser_holds_the_secret_an_adviser_sets_it_up_anew(together):
    adviser, other = together["adviser"], make_adviser(email="b@example.test", name="B")
    hold_about(together["anna"], together["named"], adviser)
    Person.update(active=False).where(Person.id == adviser.id).execute()
    assert matching.holding_public() is None  # nobody could match: writers are told so
    matching.set_up(other, key_of(other), today())
    assert matching.holds(other) and not matching.holds(adviser)
    # The report sealed to the old secret never matches; a new one does.
    hold_about(together["bram"], together["named"], other)
    hold_about(together["carla"], together["named"], other)
    matching.check_held(other, key_of(other), today())
    assert HeldReport.select().where(HeldReport.matched_on.is_null(False)).count() == 2
    assert HeldReport.select().where(HeldReport.pending.is_null(False)).count() == 0

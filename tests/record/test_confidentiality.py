"""The record at rest: nothing readable in the database, its WAL or a backup; tampering shows;
staff cannot decrypt it even with the database, the secret key and their own keys; after an
administrator's password reset it stays closed until the owner types the recovery code."""

import io
import json
import sqlite3

import pypdf

from portal.core.accounts import keyring, people
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.platform import crypto
from portal.record import entries
from portal.record.models import JournalEntry, JournalRecord, JournalVersion
from tests.conftest import PASSWORD, TEST_SECRET, make_adviser, sign_in
from tests.record.helpers import become_owner, entry_data, write_entry

MARKERS = {
    "place": "MARKER-PLACE-1a2b",
    "channel": "MARKER-CHANNEL-3c4d",
    "post_url": "https://example.test/MARKER-URL-5e6f",
    "people-0-name": "MARKER-PERSON-7a8b",
    "witnesses": "MARKER-WITNESS-9c0d",
    "what": "MARKER-WHAT-1e2f",
    "effect": "MARKER-EFFECT-3a4b",
    "actions": "MARKER-ACTIONS-5c6d",
}
FILE_BYTES = b"MARKER-FILE-BYTES-7e8f"
FILE_NAME = "MARKER-FILENAME-9a0b"


def database_bytes(path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            data += extra.read_bytes()
    return data


def test_no_marker_in_the_database_its_wal_or_a_backup(app, client, tmp_path):
    become_owner(client)
    data = entry_data(**{k: v for k, v in MARKERS.items()})
    data["files"] = [(io.BytesIO(FILE_BYTES), f"{FILE_NAME}.txt")]
    response = client.post("/record/new", data=data, content_type="multipart/form-data")
    uid = response.headers["Location"].rsplit("/", 1)[-1]
    edited = entry_data(**{k: v + "-v2" for k, v in MARKERS.items()})
    assert client.post(f"/record/entry/{uid}/edit", data=edited).status_code == 302
    page = client.get(f"/record/entry/{uid}/history").get_data(as_text=True)
    assert MARKERS["what"] in page and f"{FILE_NAME}.txt" in page  # it is really there
    database = tmp_path / "portal.sqlite3"
    backup = tmp_path / "backup.sqlite3"
    source, target = sqlite3.connect(database), sqlite3.connect(backup)
    source.backup(target)
    source.close()
    target.close()
    for blob in (database_bytes(database), backup.read_bytes()):
        for label, marker in MARKERS.items():
            assert marker.encode() not in blob, label
        assert FILE_BYTES not in blob and FILE_NAME.encode() not in blob


def test_no_column_ties_the_owner_to_the_record(app, client):
    from peewee import ForeignKeyField

    from portal.record.models import JournalFile

    become_owner(client)
    write_entry(client)
    owner = Person.get(Person.email == "owner@example.test")
    for model in (JournalRecord, JournalEntry, JournalVersion, JournalFile):
        for field in model._meta.sorted_fields:
            assert not (isinstance(field, ForeignKeyField) and field.rel_model is Person)
        for row in model.select().dicts():
            assert owner.email not in json.dumps(row, default=str)
    # The record is found by a digest of the owner's private key, not of anything in clear.
    record = JournalRecord.get()
    assert str(owner.id) != record.lookup and owner.email not in record.lookup


def test_staff_with_the_database_secret_key_and_own_keys_cannot_decrypt(app, client):
    become_owner(client)
    write_entry(client, what="Only mine")
    with app.app_context():
        adviser = make_adviser()
        staff_keys = []
        for role in (Role.HR, Role.TEAM_LEAD, Role.ADMIN):
            person = people.create_person(
                f"{role}@example.test", "Staff", PASSWORD, (role,), must_change_password=False
            )
            staff_keys.append(keyring.create(person, PASSWORD).private_key)
        adviser_ring = KeyRing.get(KeyRing.person == adviser)
        staff_keys.append(keyring.unlock(adviser_ring, PASSWORD))
        record = JournalRecord.get_by_id(JournalEntry.get().record_id)  # the owner's
        version = JournalVersion.get()
        for private_key in staff_keys:
            # Their key finds only their own (empty) record: every key holder has one.
            found = entries.find(private_key)
            assert found is not None and found.record.id != record.id
            try:
                data_key = crypto.unseal(private_key, bytes(record.sealed_key))
            except crypto.DecryptionFailed:
                data_key = None
            assert data_key is None
        # The secret key is no key to the record either.
        secret_key = crypto.recovery_wrapping_key(TEST_SECRET)
        for field in ("manifest",):
            try:
                crypto.decrypt(secret_key, bytes(record.manifest), field.encode())
                raise AssertionError("decrypted")
            except crypto.DecryptionFailed:
                pass
        assert b"Only mine" not in bytes(version.body)


def tamper(app) -> None:
    with app.app_context():
        row = JournalVersion.get(JournalVersion.number == 1)
        body = bytearray(row.body)
        body[len(body) // 2] ^= 0x01
        JournalVersion.update(body=bytes(body)).where(JournalVersion.id == row.id).execute()


def test_a_version_changed_behind_the_portals_back_shows_on_the_page_and_exports(app, client):
    client.post("/language", data={"locale": "en"})
    become_owner(client)
    uid = write_entry(client, what="First words")
    client.post(f"/record/entry/{uid}/edit", data=entry_data("Second words"))
    assert "consistent in itself" in client.get("/record/").get_data(as_text=True)  # no anchor
    assert "nothing in your record was changed or removed since you last looked" in (
        client.get("/record/").get_data(as_text=True)
    )
    tamper(app)
    page = client.get("/record/").get_data(as_text=True)
    assert "The chain is broken" in page and "The chain is broken at this entry." in page
    history = client.get(f"/record/entry/{uid}/history").get_data(as_text=True)
    assert "This version cannot be read" in history and "Second words" in history
    exported = json.loads(client.get("/record/export.json").data)
    assert exported["chain"]["consistent"] is False
    assert {"entry_uid": uid, "number": 1, "what": "edited"} in exported["chain"]["problems"]
    pdf = pypdf.PdfReader(io.BytesIO(client.get("/record/export.pdf").data))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "The chain is broken" in text


def test_a_removed_entry_shows_as_missing(app, client):
    client.post("/language", data={"locale": "en"})
    become_owner(client)
    write_entry(client, what="Stays")
    gone = write_entry(client, what="Removed behind the back")
    with app.app_context():
        JournalEntry.get(JournalEntry.uid == gone).delete_instance(recursive=True)
    assert "The chain is broken" in client.get("/record/").get_data(as_text=True)


def test_after_a_password_reset_the_recovery_code_brings_the_record_back(app, client):
    client.post("/language", data={"locale": "en"})
    code = become_owner(client)
    write_entry(client, what="Before the reset")
    with app.app_context():
        owner = Person.get(Person.email == "owner@example.test")
        people.reset_password(owner, "temporary-password-2026")
    again = app.test_client()
    again.post("/language", data={"locale": "en"})
    sign_in(again, "owner@example.test", "temporary-password-2026")
    changed = again.post(
        "/password",
        data={
            "current": "temporary-password-2026",
            "new": "my-new-password-2026",
            "confirm": "my-new-password-2026",
        },
    )
    assert changed.status_code == 302
    response = again.get("/record/")
    assert response.headers["Location"] == "/record/locked"
    page = again.get("/record/locked").get_data(as_text=True)
    # Whether they set up a recovery code is theirs to know: everyone with a new key is asked.
    assert "Did you keep a record here and set up a recovery code for it?" in page
    assert "Before the reset" not in page
    wrong = again.post(
        "/record/locked", data={"recovery_key": "AAAA-BBBB", "password": "my-new-password-2026"}
    )
    assert "This recovery code does not open your record." in wrong.get_data(as_text=True)
    opened = again.post(
        "/record/locked", data={"recovery_key": code, "password": "my-new-password-2026"}
    )
    assert opened.headers["Location"] == "/record/"
    assert "Before the reset" in again.get("/record/").get_data(as_text=True)


def test_single_sign_on_uses_a_record_passphrase_and_the_recovery_code(tmp_path):
    import re

    from portal.core.accounts.roles import Role
    from tests.conftest import make_app

    app = make_app(tmp_path, TRUSTED_USER_HEADER="X-Remote-User")
    with app.app_context():
        people.create_person(
            "sso@example.test", "Sso", None, (Role.EMPLOYEE,), must_change_password=False
        )
    headers = {"X-Remote-User": "sso@example.test"}

    def session():
        client = app.test_client()
        client.post("/language", data={"locale": "en"}, headers=headers)
        return client

    first = session()
    assert first.get("/record/", headers=headers).headers["Location"] == "/record/locked"
    page = first.get("/record/locked", headers=headers).get_data(as_text=True)
    assert "Choose a record passphrase" in page
    mismatch = {"passphrase": "a long record passphrase", "confirm": "something else entirely"}
    response = first.post("/record/passphrase/new", data=mismatch, headers=headers)
    assert "The two passphrases are not the same." in response.get_data(as_text=True)
    chosen = {"passphrase": "a long record passphrase", "confirm": "a long record passphrase"}
    assert first.post("/record/passphrase/new", data=chosen, headers=headers).status_code == 302
    shown = first.get("/record/recovery-code", headers=headers).get_data(as_text=True)
    code = re.search(r"<code>([A-Z0-9-]+)</code>", shown).group(1)
    first.post("/record/recovery-code", data={"typed": code}, headers=headers)
    written = first.post(
        "/record/new", data=entry_data("Kept behind a passphrase"), headers=headers
    )
    assert written.status_code == 302

    second = session()
    page = second.get("/record/locked", headers=headers).get_data(as_text=True)
    assert "Your record opens with your record passphrase." in page
    wrong = second.post("/record/passphrase", data={"passphrase": "not it at all"}, headers=headers)
    assert "This passphrase does not open your record." in wrong.get_data(as_text=True)
    right = second.post(
        "/record/passphrase", data={"passphrase": "a long record passphrase"}, headers=headers
    )
    assert right.headers["Location"] == "/record/"
    assert "Kept behind a passphrase" in second.get("/record/", headers=headers).get_data(
        as_text=True
    )

    third = session()
    renewed = {
        "recovery_key": code,
        "passphrase": "a new passphrase now",
        "confirm": "a new passphrase now",
    }
    assert (
        third.post("/record/passphrase/recover", data=renewed, headers=headers).headers["Location"]
        == "/record/"
    )
    assert "Kept behind a passphrase" in third.get("/record/", headers=headers).get_data(
        as_text=True
    )
    fourth = session()
    old = fourth.post(
        "/record/passphrase", data={"passphrase": "a long record passphrase"}, headers=headers
    )
    assert "This passphrase does not open your record." in old.get_data(as_text=True)

"""Confidentiality at rest and in use: nothing readable in the database, a backup or the logs."""

import logging
import sqlite3
from datetime import timedelta

import pytest

from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing
from portal.core.accounts.roles import Role
from portal.platform import crypto
from portal.platform.throttle import ThrottleCounter
from portal.reports.models import Report, ReportKey
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in_fully
from tests.factories import file_through_steps, jpeg_with_gps

MARKERS = {
    "text": "MARKER-DESCRIPTION-7f3a",
    "name": "MARKER-PERSON-9b2c",
    "witness": "MARKER-WITNESS-4d1e",
    "message": "MARKER-MESSAGE-6a8f",
    "reply": "MARKER-REPLY-2c7d",
    "file": "MARKER-FILE-BYTES-5e9b",
    "filename": "MARKER-FILENAME-1f4a",
    "contact": "MARKER-CONTACT-8c3d",
}


def raw_database_bytes(path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            data += extra.read_bytes()
    return data


def test_no_marker_in_the_database_file_or_a_backup(app, tmp_path):
    adviser = make_adviser()
    reporter = app.test_client()
    reference, code = file_through_steps(
        reporter,
        [adviser.id],
        overrides={
            "incidents": {
                "incidents-0-description": MARKERS["text"],
                "incidents-0-people": MARKERS["name"],
                "incidents-0-witnesses": MARKERS["witness"],
            },
            "mode": {
                "mode": "confidential",
                "contact_name": MARKERS["contact"],
                "contact_email": "m@example.test",
            },
        },
        files=[
            (f"{MARKERS['filename']}.txt", MARKERS["file"].encode()),
            ("photo.jpg", jpeg_with_gps()),
        ],
    )
    follower = app.test_client()
    follower.post("/followup/", data={"code": code})
    follower.post("/followup/report/message", data={"text": MARKERS["message"]})
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post(f"/inbox/{reference}/reply", data={"text": MARKERS["reply"]})
    assert MARKERS["reply"] in follower.get("/followup/report").get_data(
        as_text=True
    )  # it is really there

    database_file = tmp_path / "portal.sqlite3"
    backup_file = tmp_path / "backup.sqlite3"
    source = sqlite3.connect(database_file)
    target = sqlite3.connect(backup_file)
    source.backup(target)
    source.close()
    target.close()
    for blob in (raw_database_bytes(database_file), backup_file.read_bytes()):
        for label, marker in MARKERS.items():
            assert marker.encode() not in blob, label
        assert code.encode() not in blob and code.replace("-", "").encode() not in blob
        assert b"SECRET-CAMERA" not in blob


@pytest.mark.parametrize(
    "roles", [[Role.ADVISER], [Role.HR], [Role.ADMIN], [Role.EMPLOYEE, Role.TEAM_LEAD]]
)
def test_others_cannot_open_the_report(app, roles):
    chosen = make_adviser()
    reference, _code = file_through_steps(app.test_client(), [chosen.id])
    if roles == [Role.ADVISER]:
        other = make_adviser(email="other@example.test", name="Other Adviser")
    else:
        other = make_person(
            email="other@example.test", roles=roles, totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        )
    client = sign_in_fully(app.test_client(), other)
    response = client.get(f"/inbox/{reference}")
    assert response.status_code in (403, 404)
    assert "He shouted" not in response.get_data(as_text=True)
    assert client.get(f"/my-reports/{reference}").status_code == 404
    assert client.get(f"/inbox/{reference}/attachment/1").status_code in (403, 404)


def test_with_the_database_and_their_own_keys_others_cannot_open_the_data_key(app):
    chosen = make_adviser()
    other = make_adviser(email="other@example.test", name="Other Adviser")
    file_through_steps(app.test_client(), [chosen.id])
    report = Report.get()
    other_private = keyring.unlock(KeyRing.get(KeyRing.person == other), PASSWORD)
    sealed_rows = list(ReportKey.select().where(ReportKey.report == report))
    assert [row.person_id for row in sealed_rows] == [chosen.id]
    for row in sealed_rows:
        with pytest.raises(crypto.DecryptionFailed):
            crypto.unseal(other_private, bytes(row.sealed_key))
    # The chosen adviser's own key does open it: the test above is not vacuous.
    chosen_private = keyring.unlock(KeyRing.get(KeyRing.person == chosen), PASSWORD)
    data_key = crypto.unseal(chosen_private, bytes(sealed_rows[0].sealed_key))
    assert b"He shouted" in crypto.decrypt_field(data_key, report.uid, "body", bytes(report.body))


def test_wrong_receipt_codes_are_throttled_and_the_right_one_works_after_the_window(app):
    adviser = make_adviser()
    _reference, code = file_through_steps(app.test_client(), [adviser.id])
    app.config["RECEIPT_MAX_FAILURES_PER_ADDRESS"] = 10
    client = app.test_client()
    client.post("/language", data={"locale": "en"})
    statuses = [
        client.post("/followup/", data={"code": crypto.new_receipt_code()}).status_code
        for _ in range(20)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429] * 10
    blocked = client.post("/followup/", data={"code": code})
    assert blocked.status_code == 429
    assert "Too many wrong codes" in blocked.get_data(as_text=True)
    for counter in ThrottleCounter.select():
        counter.window_start -= timedelta(days=1)  # the window is a calendar day
        counter.save()
    assert client.post("/followup/", data={"code": code}).status_code == 302


def test_throttle_counter_keys_hold_no_address(app):
    client = app.test_client()
    client.post("/followup/", data={"code": "wrong"})
    keys = [row.key for row in ThrottleCounter.select()]
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_anonymous_journey_logs_no_address_agent_or_text(app, caplog):
    adviser = make_adviser()
    agent = "Mozilla/5.0 MARKER-AGENT"
    with caplog.at_level(logging.DEBUG):
        client = app.test_client()
        client.environ_base.update({"HTTP_USER_AGENT": agent, "REMOTE_ADDR": "10.9.8.7"})
        _reference, code = file_through_steps(
            client,
            [adviser.id],
            overrides={"incidents": {"incidents-0-description": MARKERS["text"]}},
        )
        client.post("/followup/", data={"code": "WRONG-CODE"})
        client.post("/followup/", data={"code": code})
        client.post("/followup/report/message", data={"text": MARKERS["message"]})
        client.get("/followup/report")
    logged = caplog.text
    assert "10.9.8.7" not in logged and "MARKER-AGENT" not in logged
    assert MARKERS["text"] not in logged and MARKERS["message"] not in logged and code not in logged


def test_dates_on_the_reporter_path_are_days(app):
    adviser = make_adviser()
    client = app.test_client()
    _reference, code = file_through_steps(client, [adviser.id])
    client.post("/followup/", data={"code": code})
    client.post("/followup/report/message", data={"text": "hello"})
    row = Report.get()
    assert type(row.received_on).__name__ == "date"
    from portal.reports.models import Message

    assert type(Message.get().sent_on).__name__ == "date"

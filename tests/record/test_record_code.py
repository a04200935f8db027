"""A record kept without an account, opened by a record code as the receipt code opens a report:
the code shown once, opening throttled like /followup/, held half in the cookie, closed for good,
nothing readable at rest and no time finer than a day written."""

import io
import json
import re
from datetime import timedelta

from portal.core.accounts.models import Person, SessionRecord
from portal.platform import crypto
from portal.platform.database import db
from portal.record.models import JournalCodeKey, JournalRecord
from tests.factories import stored_bytes
from tests.record.helpers import become_owner, entry_data
from tests.trust.test_no_clock import datetime_values, finer_than_a_day


def english(client) -> None:
    client.post("/language", data={"locale": "en"})


CODE = re.compile(r'<code id="record-code">([A-Z0-9-]+)</code>')


def started(client) -> str:
    """Start a record, confirm its code; return the code."""
    response = client.post("/record-code/start")
    assert response.status_code == 201
    page = response.get_data(as_text=True)
    code = CODE.search(page).group(1)
    confirmed = client.post("/record-code/saved", data={"shown": code, "typed": code.lower()})
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == "/record-code/record"
    return code


def write(client, **data) -> str:
    response = client.post("/record-code/new", data=entry_data(**data))
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[-1]


def test_the_start_page_in_both_languages(client):
    page = client.get("/record-code/").get_data(as_text=True)
    assert "Een dossier bijhouden zonder account" in page
    assert client.get("/record-code/record").headers["Location"] == "/record-code/open"
    opening = client.get("/record-code/open").get_data(as_text=True)
    assert "Mijn dossier openen met de code" in opening
    english(client)
    page = client.get("/record-code/").get_data(as_text=True)
    assert "Keep a record without an account" in page
    page = client.post("/record-code/start").get_data(as_text=True)
    assert "Save this code now. It is shown only once" in page


def test_start_shows_the_code_once_and_stores_only_its_digest(client):
    code = started(client)
    for url in ("/record-code/", "/record-code/record", "/record-code/open"):
        assert code not in client.get(url).get_data(as_text=True)
    record = JournalRecord.get()
    key = JournalCodeKey.get(JournalCodeKey.record == record)
    assert bytes(record.sealed_key) == b""
    assert code not in record.lookup and crypto.normalise_code(code) not in record.lookup
    assert code.encode() not in bytes(key.wrapped_key) + bytes(key.salt)
    # Another start gives another code.
    assert started(client.application.test_client()) != code


def test_the_wrong_code_typed_back_is_refused(client):
    english(client)
    page = client.post("/record-code/start").get_data(as_text=True)
    code = CODE.search(page).group(1)
    wrong = client.post("/record-code/saved", data={"shown": code, "typed": "AAAA"})
    assert wrong.status_code == 200
    assert "This is not the same code" in wrong.get_data(as_text=True)
    assert client.post("/record-code/saved", data={"shown": "X", "typed": "X"}).status_code == 400
    client.post("/record-code/close")
    gone = client.post("/record-code/saved", data={"shown": code, "typed": code})
    assert gone.headers["Location"] == "/record-code/open"


def test_write_edit_history_export_and_delete_while_open(client):
    started(client)
    english(client)
    uid = write(client, what="First version of what happened")
    edited = entry_data(what="Second version of what happened")
    assert client.post(f"/record-code/entry/{uid}/edit", data=edited).status_code == 302
    history = client.get(f"/record-code/entry/{uid}/history").get_data(as_text=True)
    assert "First version" in history and "Second version" in history
    timeline = client.get("/record-code/record").get_data(as_text=True)
    assert "Second version" in timeline and "Close my record" in timeline
    assert f"/record-code/entry/{uid}" in timeline and "/record/entry/" not in timeline
    exported = json.loads(client.get("/record-code/export.json").data)
    assert len(exported["entries"][0]["versions"]) == 2 and exported["chain"]["consistent"]
    assert client.get("/record-code/export.pdf").data.startswith(b"%PDF")
    assert client.post(f"/record-code/entry/{uid}/delete", data={}).status_code == 302
    assert client.get(f"/record-code/entry/{uid}").status_code == 404
    deleted = client.post("/record-code/delete", data={})
    assert deleted.headers["Location"] == "/record-code/"
    assert JournalRecord.select().count() == 0 and JournalCodeKey.select().count() == 0
    assert client.get("/record-code/record").status_code == 302


def test_open_with_the_code_in_another_browser(app, client):
    code = started(client)
    write(client, what="Written on the first day")
    other = app.test_client()
    response = other.post("/record-code/open", data={"code": code.replace("-", " ").lower()})
    assert response.status_code == 302 and response.headers["Location"] == "/record-code/record"
    assert "Written on the first day" in other.get("/record-code/record").get_data(as_text=True)


def test_a_wrong_code_is_refused_and_throttled_like_a_receipt_code(app, client):
    app.config["RECEIPT_MAX_FAILURES_PER_ADDRESS"] = 3
    code = started(client)
    other = app.test_client()
    for _ in range(3):
        wrong = other.post("/record-code/open", data={"code": crypto.new_receipt_code()})
        assert wrong.status_code == 200
    nl = other.post("/record-code/open", data={"code": code}).get_data(as_text=True)
    assert "te veel verkeerde codes geprobeerd" in nl
    english(other)
    page = other.post("/record-code/open", data={"code": code})
    assert page.status_code == 429  # even the right code, until tomorrow
    assert "Too many wrong codes were tried from this network today" in page.get_data(as_text=True)
    # One budget for guessing either kind of code: the receipt code's door is closed too.
    assert other.post("/followup/", data={"code": crypto.new_receipt_code()}).status_code == 429


def test_the_global_limit_counts_every_address_and_slows_only_misses(app, client, monkeypatch):
    from portal.platform import throttle

    waited = []
    monkeypatch.setattr(throttle, "pause", waited.append)
    app.config["RECEIPT_MAX_FAILURES_GLOBAL"] = 2
    code = started(client)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        other = app.test_client()
        other.post(
            "/record-code/open",
            data={"code": crypto.new_receipt_code()},
            environ_base={"REMOTE_ADDR": address},
        )
    assert waited == [app.config["RECEIPT_SLOWDOWN_SECONDS"]]  # the third miss waited
    late = app.test_client().post(
        "/record-code/open", data={"code": code}, environ_base={"REMOTE_ADDR": "10.0.0.4"}
    )
    assert late.status_code == 302  # the right code is never held up by others' misses
    assert len(waited) == 1


def test_a_copied_cookie_opens_nothing_after_close(app, client):
    started(client)
    write(client, what="Only while it is open")
    thief = app.test_client()
    thief.set_cookie("vertrouwd", client.get_cookie("vertrouwd").value)
    assert "Only while it is open" in thief.get("/record-code/record").get_data(as_text=True)
    closed = client.post("/record-code/close")
    assert closed.headers["Location"] == "/record-code/open"
    for browser in (client, thief):
        response = browser.get("/record-code/record")
        assert response.status_code == 302 and response.headers["Location"] == "/record-code/open"
    assert db.execute_sql('SELECT COUNT(*) FROM "follow_up"').fetchone()[0] == 0


def test_the_record_is_closed_after_idling(app, client, monkeypatch):
    from portal.followup import access as holding

    started(client)
    later = holding.now_minute() + app.config["SESSION_IDLE_MINUTES"] + 1
    monkeypatch.setattr(holding, "now_minute", lambda: later)
    assert client.get("/record-code/record").status_code == 302


def test_a_receipt_code_opens_no_record_and_a_record_code_no_report(app, client):
    code = started(client)
    other = app.test_client()
    assert other.post("/followup/", data={"code": code}).status_code == 200  # not found
    assert other.get("/followup/report").status_code == 302


MARKER = "MARKER-CODE-RECORD-4f1e"
FILE_MARKER = b"MARKER-CODE-FILE-8b2c"


def test_no_marker_in_the_database_or_its_wal(app, client, tmp_path):
    code = started(client)
    data = entry_data(what=MARKER, place=MARKER + "-place")
    data["files"] = [(io.BytesIO(FILE_MARKER), "MARKER-CODE-NAME.txt")]
    response = client.post("/record-code/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert MARKER in client.get("/record-code/record").get_data(as_text=True)  # really there
    blob = stored_bytes(app, tmp_path)
    for marker in (MARKER.encode(), FILE_MARKER, b"MARKER-CODE-NAME", code.encode()):
        assert marker not in blob, marker


def test_this_path_writes_no_time_finer_than_a_day_even_signed_in(app, client):
    become_owner(client)
    # Some time has passed since signing in: any touch of the session would show.
    session = SessionRecord.get()
    session.last_seen_at -= timedelta(minutes=5)
    session.save()
    before = datetime_values()
    code = started(client)
    uid = write(client)
    client.post(f"/record-code/entry/{uid}/edit", data=entry_data(what="changed"))
    client.post(f"/record-code/entry/{uid}/delete", data={})
    write(client)
    client.post("/record-code/close")
    client.post("/record-code/open", data={"code": crypto.new_receipt_code()})  # a failure
    client.post("/record-code/open", data={"code": code})
    client.get("/record-code/record")
    client.post("/record-code/delete", data={})
    written = datetime_values() - before
    assert written  # the access log and the throttle wrote something
    finer = [key for key in written if finer_than_a_day(key[2])]
    assert finer == []


def test_a_signed_in_person_keeps_it_apart_from_their_account(client):
    become_owner(client)
    started(client)
    write(client, what="Apart from my account")
    record = JournalRecord.get_by_id(JournalCodeKey.get().record_id)
    assert bytes(record.sealed_key) == b""
    # Two records: the code's, and the account's own (every key holder has one).
    assert JournalRecord.select().count() == 2
    assert Person.select().count() == 1
    # The account's own record is untouched: still empty, and not this one.
    page = client.get("/record/").get_data(as_text=True)
    assert "Apart from my account" not in page


def test_opening_waits_its_turn_at_the_key_derivation_gate(app, client, monkeypatch):
    from portal.platform import kdf_gate

    code = started(client)
    full = kdf_gate.KdfGate(at_once=1, waiting=0, wait_seconds=1)
    monkeypatch.setattr(kdf_gate, "gate", lambda: full)
    with full.turn():  # someone else's derivation is running, and nobody may wait
        other = app.test_client()
        english(other)
        busy = other.post("/record-code/open", data={"code": code})
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
    page = busy.get_data(as_text=True)
    assert "Many records are being opened at this moment" in page and code in page

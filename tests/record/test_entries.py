"""The record's domain: entries as encrypted, chained versions, found only with the owner's key."""

from datetime import date, time

import pytest

from portal.platform import crypto
from portal.record import chain, entries, starts
from portal.record.models import JournalRecord, JournalVersion
from portal.reports import evidence

DAY = date(2026, 3, 4)


def content(what: str = "Shouted at in the team room", **extra) -> dict:
    return {
        "happened_on": "2026-02-10",
        "happened_until": "",
        "time": "09:30",
        "place": "Team room",
        "channel": "",
        "post_url": "",
        "people": [{"name": "J. Doe", "relation": "manager"}],
        "witnesses": "A colleague",
        "what": what,
        "effect": "I could not sleep",
        "actions": "Told my partner",
        "form": "intimidation",
        **extra,
    }


@pytest.fixture
def opened(app):
    pair = crypto.new_key_pair()
    with app.app_context():
        yield starts.find_or_start(pair.public, pair.private), pair


def test_an_entry_is_found_again_with_the_owner_key_only(app, opened):
    record, pair = opened
    uid = entries.add_entry(record, content(), [], DAY)
    again = entries.find(pair.private)
    assert again.record.id == record.record.id
    assert entries.read_entry(again, uid).content["what"] == "Shouted at in the team room"
    assert entries.find(crypto.new_key_pair().private) is None
    assert JournalRecord.select().count() == 1


def test_editing_adds_a_version_and_keeps_the_old_one(app, opened):
    record, _pair = opened
    uid = entries.add_entry(record, content(), [], DAY)
    assert entries.edit_entry(record, uid, content("Second version"), [], date(2026, 3, 5)) == 2
    versions = entries.history(record, uid)
    assert [v.content["what"] for v in versions] == [
        "Shouted at in the team room",
        "Second version",
    ]
    assert versions[1].written_on == date(2026, 3, 5)
    assert entries.read_entry(record, uid).written_on == DAY
    result = chain.verify(record)
    assert result.intact and result.versions == 2


def test_entries_come_in_the_order_they_happened(app, opened):
    record, _pair = opened
    entries.add_entry(record, content("later", happened_on="2026-03-01"), [], DAY)
    entries.add_entry(record, content("earlier", happened_on="2025-12-01"), [], DAY)
    assert [e.content["what"] for e in entries.read_entries(record)] == ["earlier", "later"]


def test_a_changed_version_breaks_the_chain(app, opened):
    record, _pair = opened
    uid = entries.add_entry(record, content(), [], DAY)
    entries.edit_entry(record, uid, content("Second version"), [], DAY)
    row = JournalVersion.get(JournalVersion.number == 1)
    body = bytearray(row.body)
    body[-1] ^= 1
    JournalVersion.update(body=bytes(body)).where(JournalVersion.id == row.id).execute()
    result = chain.verify(record)
    assert not result.intact
    assert chain.Problem(uid, 1, chain.EDITED) in result.problems


def test_a_removed_last_version_or_entry_shows_as_missing(app, opened):
    record, _pair = opened
    uid = entries.add_entry(record, content(), [], DAY)
    other = entries.add_entry(record, content("other"), [], DAY)
    entries.edit_entry(record, uid, content("Second version"), [], DAY)
    JournalVersion.delete().where(JournalVersion.number == 2).execute()
    from portal.record.models import JournalEntry

    JournalEntry.get(JournalEntry.uid == other).delete_instance(recursive=True)
    result = chain.verify(record)
    assert chain.Problem(uid, 2, chain.MISSING) in result.problems
    assert chain.Problem(other, 1, chain.MISSING) in result.problems


def test_evidence_is_kept_encrypted_with_its_hash(app, opened):
    record, _pair = opened
    accepted = evidence.accept("note.txt", b"what she wrote", 1024)
    uid = entries.add_entry(record, content(), [accepted], DAY)
    view = entries.read_entry(record, uid)
    assert view.files[0]["sha256"] == accepted.sha256
    meta, data = entries.read_file(record, uid, view.files[0]["uid"])
    assert data == b"what she wrote" and meta["filename"] == "note.txt"


def test_deleting_an_entry_and_the_record_is_real_and_logged(app, opened):
    from portal.core.audit.models import AccessLog, DayLog
    from portal.record.models import JournalFile

    record, pair = opened
    uid = entries.add_entry(record, content(), [evidence.accept("a.txt", b"x", 10)], DAY)
    entries.add_entry(record, content("other"), [], DAY)
    entries.delete_entry(record, uid, DAY)
    assert JournalFile.select().count() == 0
    assert chain.verify(record).intact
    with pytest.raises(entries.EntryNotFound):
        entries.read_entry(record, uid)
    entries.delete_record(record, DAY)
    assert entries.find(pair.private) is None
    assert JournalVersion.select().count() == 0
    # Logged by the day, in the log of its own (no place among timestamped entries).
    actions = [row.action for row in DayLog.select().order_by(DayLog.id)]
    assert actions == ["record.entry_deleted", "record.deleted"]
    assert all(row.person_id is None and row.at.time() == time.min for row in DayLog.select())
    assert not AccessLog.select().exists()

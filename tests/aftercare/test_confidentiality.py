"""A copy of the database (its file, its WAL, a backup) reveals nothing of a case."""

import io
import sqlite3

from portal.core.accounts.roles import Role
from tests.aftercare.helpers import client_for, in_team_of, open_case, person, team

MARKERS = {
    "note": "MARKER-STEP-NOTE-3e1a",
    "url": "https://MARKER-URL-7c2b.test/post",
    "handle": "@MARKER-HANDLE-5d9f",
    "others": "MARKER-OTHERS-8a4c",
    "file": "MARKER-FILE-BYTES-2b6e",
    "filename": "MARKER-FILENAME-9f1d",
    "how": "MARKER-HOW-4c7a",
    "words": "MARKER-WORDS-6e3b",
    "notice": "MARKER-NOTICE-1a8d",
    "police": "MARKER-POLICE-REG-7b5e",
    "address": "MARKER-ADDRESS-3f9c",
}


def raw_bytes(path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            data += extra.read_bytes()
    return data


def test_no_case_text_in_the_database_file_its_wal_or_a_backup(app, tmp_path):
    people = team(app)
    lead = client_for(app, people["lead"])
    case = open_case(lead, people["employee"].id)
    lead.post(
        f"/aftercare/{case}/steps/2",
        data={"owner": "lead", "status": "doing", "note": MARKERS["note"]},
    )
    lead.post(
        f"/aftercare/{case}/evidence/new",
        data={
            "platform": "x",
            "url": MARKERS["url"],
            "handle": MARKERS["handle"],
            "others": MARKERS["others"],
            "screenshots": [(io.BytesIO(MARKERS["file"].encode()), f"{MARKERS['filename']}.txt")],
        },
        content_type="multipart/form-data",
    )
    lead.post(f"/aftercare/{case}/notice", data={"reference": MARKERS["notice"]})
    lead.post(
        f"/aftercare/{case}/police",
        data={"registration": MARKERS["police"], "address": MARKERS["address"]},
    )
    lead.post(f"/aftercare/{case}/checkins/first", data={"how": MARKERS["how"]})
    employee = client_for(app, people["employee"])
    employee.post(f"/aftercare/{case}/checkins/first", data={"words": MARKERS["words"]})
    page = employee.get(f"/aftercare/{case}").get_data(as_text=True)
    for label in ("note", "handle", "others", "how", "words", "filename"):
        assert MARKERS[label] in page, label

    # Every row of every table, on SQLite and on PostgreSQL alike.
    from portal.platform.database import db

    for table in db.get_tables():
        rows = db.execute_sql(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608 - names from the database
        dumped = repr(rows).encode() + b"".join(
            bytes(v) for row in rows for v in row if isinstance(v, bytes | memoryview)
        )
        for label, marker in MARKERS.items():
            assert marker.encode() not in dumped, (table, label)

    database_file = tmp_path / "portal.sqlite3"
    backup_file = tmp_path / "backup.sqlite3"
    source, target = sqlite3.connect(database_file), sqlite3.connect(backup_file)
    source.backup(target)
    source.close()
    target.close()
    for blob in (raw_bytes(database_file), backup_file.read_bytes()):
        for label, marker in MARKERS.items():
            assert marker.encode() not in blob, label


def test_admin_reads_nothing_even_as_hr(app):
    """An administrator who is also HR but not on the case still gets nothing."""
    lead = person("l@example.test", "Lead", [Role.EMPLOYEE, Role.TEAM_LEAD])
    employee = person("e@example.test", "Employee E", [Role.EMPLOYEE])
    boss = person("b@example.test", "Admin HR", [Role.ADMIN, Role.HR], True, True)
    in_team_of(lead, employee)
    case = open_case(client_for(app, lead), employee.id)
    response = client_for(app, boss).get(f"/aftercare/{case}")
    assert response.status_code == 404 and "Employee E" not in response.get_data(as_text=True)

"""Whoever holds the database (and the secret key) cannot tell who keeps a record (#21, item 4).

Three employees sign in the same way: one keeps a record (a recovery code set up, entries written,
one edited), one opened My record and wrote nothing, one never opened it. Every table is dumped,
every column. The rows that name each account must look alike: the same tables and row counts,
the same NULL pattern, blobs and digests of the same length, no time finer than a day outside
the sign-in's own columns (which My record never writes). The records themselves name nobody: every
key holder has one, they look alike whether written in or not, and their ids do not follow the
order in which the key pairs were made.
"""

import re
import sqlite3

import pytest

from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person, SessionRecord
from portal.platform import database
from portal.record import entries
from portal.record.models import JournalRecord
from tests.conftest import PASSWORD, drop_created_databases, make_app, make_person, sign_in
from tests.record.helpers import entry_data, write_entry

# Same-length names: a name's length is not what this test is about.
KEEPER, OPENER, NEVER = "keeper@example.test", "opener@example.test", "nevero@example.test"
# Set at sign-in and by the account's own pages, never by My record (its pages are on the
# reporter's path and leave the session's activity time alone): the same for every account.
EXACT_TIMES_ALLOWED = {
    ("person", "created_at"),
    ("session_record", "created_at"),
    ("session_record", "last_seen_at"),
    ("session_record", "second_factor_at"),
}
# Columns that name the account or are random or ciphertext: compared by length only.
BY_LENGTH = {"email", "display_name", "password_hash", "token_digest", "lookup", "uid", "hash"}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
MIGRATIONS_TABLE = "schema_migrations"


@pytest.fixture
def app(tmp_path):
    """On SQLite, whatever TEST_DATABASE_URL says: these tests read the database file itself."""
    app = make_app(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    yield app
    if not database.db.is_closed():
        database.db.close()
    drop_created_databases()


def dump(path) -> dict[str, list[dict]]:
    """Every row of every table, every column, as the database holder sees it."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    select = 'SELECT * FROM "{}"'  # table names from sqlite_master, not from input
    found = {t: [dict(r) for r in connection.execute(select.format(t))] for t in tables}
    links = {
        t: {row["from"] for row in connection.execute(f"PRAGMA foreign_key_list('{t}')")}
        for t in tables
    }
    connection.close()
    return found, links


def person_columns(path) -> dict[str, set[str]]:
    """For each table, the columns that name a person (a foreign key, or a person's id)."""
    connection = sqlite3.connect(path)
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    columns = {}
    for table in tables:
        named = {
            r[3]
            for r in connection.execute(f"PRAGMA foreign_key_list('{table}')")
            if r[2] == "person"
        }
        named |= {
            r[1]
            for r in connection.execute(f"PRAGMA table_info('{table}')")
            if r[1] in ("person_id", "subject_id", "actor_id")
        }
        if table == "person":
            named.add("id")
        columns[table] = named
    connection.close()
    return columns


def shape(table: str, row: dict, id_columns: set[str]) -> tuple:
    """What may not differ between two accounts' rows: all but ciphertext, digests and ids."""
    parts = []
    for column, value in sorted(row.items()):
        if value is None:
            parts.append((column, None))
        elif column == "id" or column in id_columns:
            parts.append((column, "id"))
        elif isinstance(value, bytes):
            parts.append((column, "bytes", len(value)))
        elif isinstance(value, str) and DATETIME.match(value):
            parts.append(
                (column, "exact time" if (table, column) in EXACT_TIMES_ALLOWED else value)
            )
        elif isinstance(value, str) and column in BY_LENGTH:
            parts.append((column, "text", len(value)))
        else:
            parts.append((column, value))
    return tuple(parts)


def rows_of(tables, person_cols, fk_cols, person_id: int) -> dict[str, list[tuple]]:
    """Every row that names the person, and every row that points at such a row."""
    named: dict[str, list[dict]] = {}
    for table, rows in tables.items():
        cols = person_cols.get(table, set())
        named[table] = [r for r in rows if any(r.get(c) == person_id for c in cols)]
    return {
        table: sorted(shape(table, r, fk_cols[table] | person_cols[table]) for r in rows)
        for table, rows in named.items()
        if table != MIGRATIONS_TABLE
    }


def differences(one: dict, other: dict) -> list:
    """The parts of rows that one account has and the other lacks, table by table."""
    found = []
    for table in sorted(one):
        if one[table] == other[table]:
            continue
        if len(one[table]) != len(other[table]):
            found.append((table, "rows", len(one[table]), len(other[table])))
        mine = {part for row in one[table] for part in row}
        theirs = {part for row in other[table] for part in row}
        found += [(table, part) for part in sorted(mine ^ theirs, key=str)]
    return found


def finer_than_a_day(account_rows: dict[str, list[tuple]]) -> list:
    return [
        (table, part)
        for table, rows in account_rows.items()
        for row in rows
        for part in row
        if len(part) == 2 and isinstance(part[1], str) and DATETIME.match(part[1])
    ]


def signed_in(app, email: str):
    client = app.test_client()
    client.post("/language", data={"locale": "en"})
    assert sign_in(client, email).status_code == 302
    return client


def test_the_database_does_not_show_who_keeps_a_record(app, tmp_path):
    with app.app_context():
        for email in (KEEPER, OPENER, NEVER):
            make_person(email=email, name="Same Length")
    keeper, opener = signed_in(app, KEEPER), signed_in(app, OPENER)
    signed_in(app, NEVER)
    page = keeper.get("/record/recovery-code").get_data(as_text=True)
    code = re.search(r"<code>([A-Z0-9-]+)</code>", page).group(1)
    assert keeper.post("/record/recovery-code", data={"typed": code}).status_code == 302
    uid = write_entry(keeper, what="Something I keep")
    write_entry(keeper, what="And a second time")
    keeper.post(f"/record/entry/{uid}/edit", data=entry_data("Something I keep, edited"))
    assert "Something I keep, edited" in keeper.get("/record/").get_data(as_text=True)
    opener.get("/record/")

    path = tmp_path / "portal.sqlite3"
    tables, fk_cols = dump(path)
    person_cols = person_columns(path)
    with app.app_context():
        ids = {e: Person.get(Person.email == e).id for e in (KEEPER, OPENER, NEVER)}
        keys = {
            e: keyring.unlock(KeyRing.get(KeyRing.person == ids[e]), PASSWORD)
            for e in (KEEPER, OPENER, NEVER)
        }
        records = {
            e: JournalRecord.get_or_none(JournalRecord.lookup == entries.record_lookup(k))
            for e, k in keys.items()
        }
        key_ring_order = [r.person_id for r in KeyRing.select().order_by(KeyRing.id)]
        sessions = SessionRecord.select().count()
    assert sessions == 3

    seen = {e: rows_of(tables, person_cols, fk_cols, ids[e]) for e in ids}
    for email in (OPENER, NEVER):
        found = differences(seen[email], seen[KEEPER])
        assert not found, f"{email}:\n" + "\n".join(map(str, found))
    assert finer_than_a_day(seen[KEEPER]) == []

    # No row that only record keepers have: every key holder has a record, and they look alike.
    assert all(records.values()), "a key holder without a record"
    assert len(tables["journal_record"]) == len(key_ring_order)
    record_shapes = {
        e: shape("journal_record", tables_row(tables, r.id), {"id"}) for e, r in records.items()
    }
    assert record_shapes[OPENER] == record_shapes[KEEPER] == record_shapes[NEVER]
    # Their ids do not follow the order in which the key pairs were made.
    record_ids = sorted(r.id for r in records.values())
    assert record_ids != list(range(record_ids[0], record_ids[0] + len(record_ids)))
    assert max(record_ids) > 10_000


def tables_row(tables, row_id: int) -> dict:
    return next(r for r in tables["journal_record"] if r["id"] == row_id)


def reset_and_choose_own_password(app, email: str):
    from portal.core.accounts import people

    with app.app_context():
        people.reset_password(Person.get(Person.email == email), "temporary-password-2026")
    client = app.test_client()
    client.post("/language", data={"locale": "en"})
    sign_in(client, email, "temporary-password-2026")
    new = "my-own-password-2026"
    changed = client.post(
        "/password", data={"current": "temporary-password-2026", "new": new, "confirm": new}
    )
    assert changed.status_code == 302
    return client


def confirm_new_code(client) -> str:
    page = client.get("/record/recovery-code").get_data(as_text=True)
    code = re.search(r"<code>([A-Z0-9-]+)</code>", page).group(1)
    assert client.post("/record/recovery-code", data={"typed": code}).status_code == 302
    return code


def test_after_a_reset_a_keeper_and_anyone_else_are_asked_alike(app, tmp_path):
    with app.app_context():
        for email in (KEEPER, NEVER):
            make_person(email=email, name="Same Length")
    keeper = signed_in(app, KEEPER)
    signed_in(app, NEVER)
    code = confirm_new_code(keeper)
    write_entry(keeper, what="Kept before the reset")

    keeper, other = (reset_and_choose_own_password(app, e) for e in (KEEPER, NEVER))
    pages = []
    for client in (keeper, other):
        assert client.get("/record/").headers["Location"] == "/record/locked"
        page = client.get("/record/locked").get_data(as_text=True)
        assert "Did you keep a record here and set up a recovery code for it?" in page
        pages.append(
            re.sub(r'oken": "[^"]+"|value="[\w.-]{60,}"', "", page)
        )  # the CSRF token differs
    assert pages[0] == pages[1]  # the page does not tell either
    path = tmp_path / "portal.sqlite3"

    def compare():
        tables, fk_cols = dump(path)
        cols = person_columns(path)
        with app.app_context():
            ids = {e: Person.get(Person.email == e).id for e in (KEEPER, NEVER)}
        seen = {e: rows_of(tables, cols, fk_cols, ids[e]) for e in ids}
        found = differences(seen[NEVER], seen[KEEPER])
        assert not found, "\n".join(map(str, found))
        assert len(tables["journal_record"]) == 4  # a record for each key pair ever made

    compare()  # both replaced, both asked: alike
    # The one without a code goes on with the new key and sets up a recovery code for it.
    other.post("/record/earlier/none")
    assert other.get("/record/").headers["Location"] == "/record/recovery-code"
    confirm_new_code(other)
    # The keeper's code brings the earlier key pair back, with the record it opens.
    wrong = keeper.post(
        "/record/locked", data={"recovery_key": "AAAA-BBBB", "password": "my-own-password-2026"}
    )
    assert "This recovery code does not open your record." in wrong.get_data(as_text=True)
    back = keeper.post(
        "/record/locked", data={"recovery_key": code, "password": "my-own-password-2026"}
    )
    assert back.headers["Location"] == "/record/"
    assert "Kept before the reset" in keeper.get("/record/").get_data(as_text=True)
    compare()  # after both chose: still alike

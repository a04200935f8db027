"""The database: SQLite pragmas for durability, numbered migrations, per-request connections."""

import threading
import time
from datetime import date

from portal.platform import database
from portal.platform.database import db


def pragma(name):
    return db.execute_sql(f"PRAGMA {name}").fetchone()[0]


def on_postgres() -> bool:
    return database.is_postgres()


def test_the_database_is_durable_and_strict(app):
    if on_postgres():
        # PostgreSQL acknowledges a commit only once it is on disk, and checks foreign keys.
        assert db.execute_sql("SHOW synchronous_commit").fetchone()[0] == "on"
        assert db.execute_sql("SHOW fsync").fetchone()[0] == "on"
        return
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") >= 5000
    assert pragma("secure_delete") == 1


def test_migrations_are_applied_once_and_recorded(app):
    assert database.upgrade() == []  # the fixture applied them already
    names = [row[0] for row in db.execute_sql("SELECT name FROM schema_migration")]
    assert names[0] == "0001_accounts"
    files = sorted(p.stem for p in database.MIGRATIONS.glob("[0-9]*.py"))
    assert names == files


def test_request_closes_its_connection(app, client):
    db.close()
    client.get("/")
    assert db.is_closed()


def test_postgres_url_is_understood():
    pg = database.open_database("postgresql://user:pa%40ss@db.internal:5433/vertrouwd")
    assert pg.database == "vertrouwd"
    assert pg.connect_params["password"] == "pa@ss"
    assert pg.connect_params["port"] == 5433


def test_sqlite_file_is_private(tmp_path):
    database.open_database(f"sqlite:///{tmp_path}/new/portal.sqlite3")
    assert (tmp_path / "new" / "portal.sqlite3").stat().st_mode & 0o077 == 0


def test_a_transaction_that_reads_then_writes_waits_for_another_writer(app):
    """Two writers at once (as two gunicorn workers filing reports): neither fails.

    A deferred SQLite transaction that read before another writer committed fails at its
    first write with "database is locked", whatever the busy timeout; the portal's
    transactions begin IMMEDIATE, so the second writer waits instead.
    """
    from datetime import datetime

    from portal.platform.throttle import ThrottleCounter

    a_has_read, b_is_writing = threading.Event(), threading.Event()
    failures: list[Exception] = []

    def writer_a():
        try:
            with db.connection_context(), db.atomic():
                ThrottleCounter.select().count()
                a_has_read.set()
                b_is_writing.wait(5)
                time.sleep(0.3)  # B's write is under way (or, with IMMEDIATE, waiting)
                ThrottleCounter.create(key="a", window_start=datetime(2026, 1, 1))
        except Exception as exc:  # noqa: BLE001 - the failure is what this test looks for
            failures.append(exc)

    def writer_b():
        try:
            a_has_read.wait(5)
            with db.connection_context():
                b_is_writing.set()
                ThrottleCounter.create(key="b", window_start=datetime(2026, 1, 1))
        except Exception as exc:  # noqa: BLE001
            failures.append(exc)

    threads = [threading.Thread(target=writer_a), threading.Thread(target=writer_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert failures == []
    with db.connection_context():
        assert sorted(c.key for c in ThrottleCounter.select()) == ["a", "b"]


def test_instances_starting_at_once_apply_each_migration_once(tmp_path):
    """As several `portal serve` instances on one PostgreSQL database do when started together."""
    from tests.conftest import drop_created_databases, fresh_database_url

    database.db.initialize(database.open_database(fresh_database_url(tmp_path)))
    results: list[list[str]] = []
    failures: list[Exception] = []

    def start_instance():
        try:
            results.append(database.upgrade())
        except Exception as exc:  # noqa: BLE001 - a failed upgrade is what this test looks for
            failures.append(exc)

    try:
        threads = [threading.Thread(target=start_instance) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert failures == []
        applied = sorted(name for names in results for name in names)
        assert applied == sorted({p.stem for p in database.MIGRATIONS.glob("0*.py")})
        assert sorted(len(names) for names in results)[:2] == [0, 0]
    finally:
        drop_created_databases()


def test_a_prepared_select_answers_as_the_query_it_was_written_from(app):
    from portal.core.accounts.models import Person, PersonRole
    from portal.core.accounts.roles import Role
    from tests.conftest import make_person

    make_person(email="o'brien@example.test", roles=(Role.EMPLOYEE, Role.HR))
    make_person(email="other@example.test", roles=(Role.EMPLOYEE,))

    def people(email):
        return (
            Person.select(Person, PersonRole.role)
            .join(PersonRole, on=(PersonRole.person == Person.id), attr="role_row")
            .where(Person.email == email)
            .order_by(PersonRole.role)
        )

    prepared = database.Prepared(people)
    with app.app_context():
        for email in ("o'brien@example.test", "other@example.test", "nobody' OR '1'='1"):
            expected = [(p.email, p.role_row.role) for p in people(email)]
            found = [(p.email, p.role_row.role) for p in prepared.rows(email)]
            assert found == expected, email  # the value is bound, never written into the SQL
    assert [r.role_row.role for r in prepared.rows("o'brien@example.test")] == ["employee", "hr"]


def test_a_prepared_select_binds_whole_numbers_and_refuses_other_values(app):
    import pytest

    from portal.core.accounts.models import Person
    from tests.conftest import make_person

    people = [make_person(email=f"p{n}@example.test") for n in range(3)]
    prepared = database.Prepared(
        lambda first, skip: (
            Person.select().where(Person.id >= first).order_by(Person.id).limit(10).offset(skip)
        )
    )
    assert [p.id for p in prepared.rows(people[1].id, 0)] == [people[1].id, people[2].id]
    assert [p.id for p in prepared.rows(people[0].id, 2)] == [people[2].id]
    with pytest.raises(TypeError):
        prepared.rows(1.5, 0)


def test_a_prepared_select_keeps_its_constants_apart_from_the_call_values(app):
    """On PostgreSQL the constants are written into the SQL (so that one plan serves every
    call); quoted correctly, even with a quote or a percent sign, and the values still bound."""
    from portal.core.accounts.models import Person
    from tests.conftest import make_person

    tricky = "50% o'brien"
    make_person(email="a@example.test", name=tricky)
    make_person(email="b@example.test", name="Someone else")
    make_person(email="c@example.test", name=tricky)

    def named(email, day):
        return (
            Person.select()
            .where((Person.display_name == tricky) & (Person.email != email))
            .where(Person.created_at > day)
            .order_by(Person.email)
            .limit(5)
        )

    prepared = database.Prepared(named)
    since = date(2000, 1, 1)
    with app.app_context():
        assert [p.email for p in prepared.rows("a@example.test", since)] == ["c@example.test"]
        assert [p.email for p in prepared.rows("c@example.test", since)] == ["a@example.test"]
        assert prepared.rows("x@example.test", date(2999, 1, 1)) == []
        ((_query, sql, params, _positions),) = prepared._written.values()
        if database.is_postgres():
            assert len(params) == 2 and tricky not in params and 5 not in params
            assert "'50%% o''brien'" in sql and "LIMIT 5" in sql
        else:
            assert tricky in params and 5 in params


def test_a_prepared_tuple_query_converts_its_columns_as_peewee_does(app):
    from portal.reports.models import Report
    from tests.conftest import make_adviser
    from tests.factories import file_report

    adviser = make_adviser()
    for _ in range(3):
        file_report([adviser.id])

    def listed(status):
        return (
            Report.select(Report.id, Report.status, Report.received_on, Report.ack_due_on)
            .where(Report.status == status)
            .order_by(Report.id)
            .tuples()
        )

    prepared = database.Prepared(listed)
    with app.app_context():
        found = prepared.rows("received")
        assert found == list(listed("received")) and len(found) == 3
        assert all(isinstance(row[2], date) and row[1].value == "received" for row in found)
        assert prepared.rows("received") == found  # the converters kept from the first call
        assert prepared.rows("closed") == []

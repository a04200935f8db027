"""The one peewee database of the portal: bound at start, connected per request."""

import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable
from datetime import date, timedelta
from enum import Enum
from pathlib import Path
from urllib.parse import unquote, urlparse

from flask import Flask
from peewee import (
    ROW,
    CharField,
    DatabaseProxy,
    DateField,
    FieldAccessor,
    Model,
    ModelSelect,
    PostgresqlDatabase,
)
from playhouse.migrations import Runner
from playhouse.pool import PooledDatabase, PooledPostgresqlDatabase, PooledSqliteDatabase

from portal.platform.settings import RESOURCES

log = logging.getLogger(__name__)

db = DatabaseProxy()
POOL_SIZE = 16  # PostgreSQL connections a worker keeps at most (a worker has 12 threads)
MIGRATIONS = RESOURCES / "migrations"

# Set on every connection (connections live for one request, so these are kept cheap):
# synchronous=FULL makes an acknowledged commit survive a power cut; secure_delete overwrites
# deleted content instead of leaving it in free pages of the file. SQLite's own page cache
# starts empty with each connection, so memory-mapped reads use the operating system's cache
# instead, which stays warm (and a large cache_size would only cost its allocation).
SQLITE_PRAGMAS = {
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "synchronous": "full",
    "secure_delete": 1,
    "mmap_size": 512 * 1024 * 1024,
}
# WAL lets readers work while one writer writes. It is a property of the file, kept across
# connections, so it is set once when the database is opened, not on every request.
SQLITE_FILE_PRAGMAS = {"journal_mode": "wal"}


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class _EnumAccessor(FieldAccessor):
    def __set__(self, instance, value):
        # Turn a plain string into the member on assignment too, so a record made in memory
        # answers the enum's questions (report.status.is_open) as one read from the table.
        super().__set__(instance, None if value is None else self.field.enum(value))


class EnumField(CharField):
    """A text column whose values are the members of a str enum (the column holds the value)."""

    accessor_class = _EnumAccessor

    def __init__(self, enum: type[Enum], *args, **kwargs):
        self.enum = enum
        super().__init__(*args, **kwargs)

    def db_value(self, value):
        return super().db_value(value.value if isinstance(value, Enum) else value)

    def python_value(self, value):
        return None if value is None else self.enum(value)


class SentReminder(Model):
    """The columns of a reminder that went out, kept so that each is sent once.

    Not a table: it subclasses peewee's Model, not BaseModel, so it is bound to no database.
    A reminder table inherits these next to BaseModel, adds what the reminder was about and
    makes (that, kind, due_on) unique.
    """

    kind = CharField()
    due_on = DateField()  # the deadline or planned day the reminder was about
    sent_on = DateField()


class Prepared:
    """A select whose SQL peewee writes once per worker; each call only binds its values.

    Peewee takes longer to write the SQL of a small select (some 70 µs, 200 µs for the inbox)
    than SQLite takes to answer it. A query that runs on every request (the session's, the
    inbox's) is written once instead, per kind of database. Its values are text, whole numbers
    or days: they travel as the query's parameters, found by the position of a placeholder
    of their type.

    On PostgreSQL the query's constants (a status list, a page size) are written into the SQL
    as literals, so that only the call's values remain parameters. psycopg prepares a query
    it sees often, and PostgreSQL keeps one plan for a prepared query only when its
    parameters cannot change the plan: with a LIMIT or a status list as parameters it
    planned the inbox's query again on every run, which cost more than running it.
    """

    def __init__(self, build: Callable[..., ModelSelect]) -> None:
        self._build = build
        self._written: dict[tuple, tuple] = {}
        self._converters: dict[tuple, list] = {}  # of a tuple query's columns, once seen

    @staticmethod
    def _placeholder(number: int, value: str | int | date) -> str | int | date:
        if isinstance(value, str):
            return f"\x00prepared-{number}\x00"
        if isinstance(value, int) and not isinstance(value, bool):
            return -(10**15) - number  # no row id or count is ever this
        if type(value) is date:
            return date(1, 1, 1) + timedelta(days=number)  # no day the portal keeps
        raise TypeError(f"a prepared query takes text, whole numbers or days, not {type(value)}")

    def rows(self, *values: str | int | date) -> list:
        """Run the query with these values; return its rows as peewee would."""
        key = (type(db.obj), *(type(value) for value in values))
        written = self._written.get(key)
        if written is None:
            written = self._written[key] = self._write(values)
        query, sql, params, positions = written
        bound = list(params)
        for position, value in zip(positions, values, strict=True):
            bound[position] = value
        cursor = db.execute_sql(sql, bound)
        if query._row_type != ROW.TUPLE:
            return list(query._get_cursor_wrapper(cursor))
        # Rows as tuples (the inbox's fifty): converted column by column as peewee's own
        # wrapper would, without its per-row iterator machinery.
        converters = self._converters.get(key)
        if converters is None:
            wrapper = query._get_cursor_wrapper(cursor)
            wrapper.initialize()
            converters = self._converters[key] = wrapper.converters
        return [
            tuple([c(v) if c else v for c, v in zip(converters, row, strict=True)])
            for row in cursor.fetchall()
        ]

    def _write(self, values: tuple) -> tuple:
        marks = [self._placeholder(number, value) for number, value in enumerate(values)]
        query = self._build(*marks)
        sql, params = query.sql()
        positions = [params.index(mark) for mark in marks]
        if is_postgres():
            sql, params, positions = _constants_written_out(sql, params, positions)
        return query, sql, params, positions


def _constants_written_out(sql: str, params: list, keep: list[int]) -> tuple[str, list, list]:
    """Return the SQL with every parameter but those at `keep` written in as a literal,
    the parameters left and where the kept ones now are (psycopg quotes the literals)."""
    from psycopg.sql import Literal

    connection = db.connection()
    pieces = re.split(r"(%%|%s)", sql)
    number = 0
    left: list = []
    for index, piece in enumerate(pieces):
        if piece != "%s":
            continue
        if number not in keep:
            # A literal is text in the SQL now: a % in it must not read as a placeholder.
            pieces[index] = Literal(params[number]).as_string(connection).replace("%", "%%")
        else:
            left.append(number)
        number += 1
    return "".join(pieces), [params[n] for n in left], [left.index(n) for n in keep]


class PooledPostgresRecentlyChecked(PooledPostgresqlDatabase):
    """PostgreSQL connections from a pool, reused without a round trip when recently used.

    Peewee's pool proves a connection alive with `SELECT 1` each time it hands one out: a
    round trip on every request, as costly as a small page's own query. A connection handed
    back in the last few seconds, with no transaction open, is trusted instead; an older one
    is still checked. Should the server go away within those seconds, the next query fails
    once and the broken connection is then dropped (psycopg marks it closed).

    Keep "PooledPostgres" at the start of the name: migration 0010 tells PostgreSQL by it.
    """

    TRUSTED_SECONDS = 5.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._handed_back: dict[int, float] = {}

    def _close(self, conn, close_conn: bool = False) -> None:
        self._handed_back[self.conn_key(conn)] = time.monotonic()
        super()._close(conn, close_conn)

    def _is_closed(self, conn) -> bool:
        if conn.closed:
            return True
        handed_back = self._handed_back.get(self.conn_key(conn))
        recent = handed_back is not None and time.monotonic() - handed_back < self.TRUSTED_SECONDS
        if recent and self._adapter.txn_status(conn) == self._adapter.txn_idle:
            return False
        return super()._is_closed(conn)


def _create_private(path: Path) -> None:
    """Create the SQLite file readable by the owner only (its -wal and -shm files follow it)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _set_file_pragmas(path: str) -> None:
    """Set the file's pragmas. Two servers starting at once on a new file can meet here: the
    switch to WAL may answer "locked" at once, without waiting out the busy timeout, so it is
    tried again for a while."""
    deadline = time.monotonic() + 30
    while True:
        connection = sqlite3.connect(path, timeout=10)
        try:
            for name, value in SQLITE_FILE_PRAGMAS.items():
                connection.execute(f"PRAGMA {name}={value}")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        finally:
            connection.close()
        time.sleep(0.1)


def open_database(url: str):
    """Return an unconnected peewee database for a sqlite:/// or postgresql:// URL."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if path.startswith("//"):  # sqlite:////abs/path
            path = path[1:]
        _create_private(Path(path))
        _set_file_pragmas(path)
        # IMMEDIATE: a transaction takes the write lock when it begins, so waiting for another
        # writer goes through the busy timeout. A deferred one that read first and then writes
        # would fail at once with "database is locked" when another writer got in between.
        # A pool per worker here too: a request still connects and closes, but "close" hands the
        # connection back, so its pragmas and page cache are not set up again for every page.
        return PooledSqliteDatabase(
            path,
            pragmas=SQLITE_PRAGMAS,
            timeout=10,
            lock_type="IMMEDIATE",
            max_connections=POOL_SIZE,
            stale_timeout=300,
            # A pooled connection serves one thread at a time, but not always the same one.
            check_same_thread=False,
        )
    if parsed.scheme in {"postgres", "postgresql"}:
        # A pool per worker: opening a PostgreSQL connection (with SCRAM authentication) costs
        # more than most pages; PooledPostgresRecentlyChecked says when a pooled one is checked.
        return PooledPostgresRecentlyChecked(
            unquote(parsed.path.lstrip("/")),
            max_connections=POOL_SIZE,
            stale_timeout=300,
            timeout=30,
            user=unquote(parsed.username or "") or None,
            password=unquote(parsed.password or "") or None,
            host=parsed.hostname or None,
            port=parsed.port or None,
        )
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, not {url!r}")


def init_app(app: Flask) -> None:
    """Bind the database and scope a connection to every request."""
    db.initialize(open_database(app.config["DATABASE_URL"]))

    @app.before_request
    def _connect() -> None:
        db.connect(reuse_if_open=True)

    @app.teardown_appcontext
    def _close(_exc) -> None:
        if not db.is_closed():
            db.close()


def release_idle() -> None:
    """Close the pool's idle connections: before forking workers, none may cross the fork."""
    if isinstance(db.obj, PooledDatabase):
        db.obj.close_idle()


def is_postgres() -> bool:
    return isinstance(db.obj, PostgresqlDatabase)  # pooled or not


MIGRATION_LOCK = 0x5654_4D49  # "VTMI": PostgreSQL advisory lock key for migrations


def upgrade() -> list[str]:
    """Apply every pending numbered migration in migrations/; return the applied names.

    Several instances may start at once on one PostgreSQL database: the whole upgrade runs in
    one transaction holding an advisory lock (on SQLite the IMMEDIATE write lock), so the
    next instance waits and then finds nothing left to apply.
    """
    with db.connection_context(), db.atomic():
        if is_postgres():
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        applied = Runner(db.obj, directory=str(MIGRATIONS)).up()
    release_idle()  # `portal serve` migrates before forking: keep no idle connection
    for name in applied:
        log.info("applied migration %s", name)
    return applied

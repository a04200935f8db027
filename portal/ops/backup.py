"""Consistent online backups and restores of the portal's database.

SQLite: the backup API copies a consistent snapshot while the portal keeps running.
PostgreSQL: pg_dump and pg_restore (custom format). Report content in a backup stays
encrypted; the secret key is not part of it and should be kept apart.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse


class BackupError(Exception):
    """The backup or restore could not be made; the message says why."""


def _sqlite_path(url: str) -> Path:
    path = unquote(urlparse(url).path)
    return Path(path[1:] if path.startswith("//") else path)


def _create_private(target: Path) -> None:
    """Create the empty file readable by the owner only, before any byte goes into it."""
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError as exc:
        raise BackupError(f"{target} exists already; choose a new file.") from exc


def backup(database_url: str, target: Path) -> Path:
    """Write a consistent copy of the database to target (a file)."""
    scheme = urlparse(database_url).scheme
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file.")
    if scheme in {"sqlite", "postgres", "postgresql"}:
        _create_private(target)
    if scheme == "sqlite":
        source = sqlite3.connect(_sqlite_path(database_url))
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    if scheme in {"postgres", "postgresql"}:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", database_url])
        return target
    raise BackupError(f"Cannot back up a database at {scheme}://")


def restore(database_url: str, source: Path) -> None:
    """Replace the database with a backup. Stop the portal first."""
    scheme = urlparse(database_url).scheme
    source = Path(source)
    if not source.exists():
        raise BackupError(f"{source} does not exist.")
    if scheme == "sqlite":
        check = sqlite3.connect(source)
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{source} is damaged; not restored.")
        finally:
            check.close()
        # The backup API in reverse: page by page into the live file, so its WAL stays consistent.
        target = _sqlite_path(database_url)
        backup_copy, live = sqlite3.connect(source), sqlite3.connect(target)
        try:
            backup_copy.backup(live)
        finally:
            live.close()
            backup_copy.close()
        target.chmod(0o600)
        return
    if scheme in {"postgres", "postgresql"}:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                f"--dbname={database_url}",
                str(source),
            ]
        )
        return
    raise BackupError(f"Cannot restore a database at {scheme}://")


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tools, no shell
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")

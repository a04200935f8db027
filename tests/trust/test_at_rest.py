"""Issue 11, item 7: TOTP secrets encrypted at rest; backups and the instance folder private."""

import os
import sqlite3
import stat

import pyotp
from playhouse.migrations import Runner

from portal import create_app
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.ops import backup
from portal.platform import database
from portal.platform.database import db
from tests.conftest import TEST_SECRET, fresh_database_url, make_person, sign_in


def test_the_totp_secret_is_not_in_the_database_in_clear(app, client):
    secret = pyotp.random_base32()
    make_person(email="hr@example.test", roles=[Role.HR], totp_secret=secret)
    stored = db.execute_sql("SELECT totp_secret FROM person").fetchone()[0]
    assert stored and secret not in stored
    assert Person.get().totp_secret == secret
    sign_in(client, "hr@example.test")
    done = client.post("/second-factor", data={"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302 and "second-factor" not in done.headers["Location"]


def test_enrolling_stores_the_secret_encrypted(app, client):
    make_person(email="hr@example.test", roles=[Role.HR])
    sign_in(client, "hr@example.test")
    page = client.get("/second-factor").get_data(as_text=True)
    import re

    secret = re.search(r"[A-Z2-7]{32}", page).group(0)
    client.post("/second-factor", data={"code": pyotp.TOTP(secret).now()})
    assert Person.get().totp_secret == secret
    assert secret not in db.execute_sql("SELECT totp_secret FROM person").fetchone()[0]


def test_the_migration_encrypts_existing_secrets(tmp_path):
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": fresh_database_url(tmp_path),
            "SECRET_KEY": TEST_SECRET,
            "PORTAL_ENV": "testing",
            "TESTING": True,
        }
    )
    with app.app_context(), db.connection_context():
        Runner(db.obj, directory=str(database.MIGRATIONS)).up(target="0006_consent")
        db.execute_sql(
            "INSERT INTO person (email, display_name, must_change_password, totp_secret,"
            " totp_last_step, active, created_at) VALUES"
            " ('a@example.test', 'A', false, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 0, true,"
            " '2026-01-01 00:00:00')"
        )
        database.upgrade()
        stored = db.execute_sql("SELECT totp_secret FROM person").fetchone()[0]
        assert "JBSWY3DPEHPK3PXP" not in stored
        assert Person.get().totp_secret == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    if not db.is_closed():
        db.close()
    from tests.conftest import drop_created_databases

    drop_created_databases()


def test_a_backup_file_is_private_from_the_moment_it_exists(app, tmp_path, monkeypatch):
    if database.is_postgres():
        return
    seen = []
    real_connect = sqlite3.connect

    def watching(path, *args, **kwargs):
        if str(path) == str(tmp_path / "copy.db"):
            seen.append(os.stat(path).st_mode & 0o777 if os.path.exists(path) else None)
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(backup.sqlite3, "connect", watching)
    old = os.umask(0)
    try:
        backup.backup(app.config["DATABASE_URL"], tmp_path / "copy.db")
    finally:
        os.umask(old)
    assert seen == [0o600]


def test_the_instance_folder_is_private(tmp_path):
    folder = tmp_path / "instance"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    create_app(
        {
            "INSTANCE_PATH": str(folder),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "SECRET_KEY": TEST_SECRET,
            "PORTAL_ENV": "testing",
        }
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    fresh = tmp_path / "fresh"
    create_app(
        {
            "INSTANCE_PATH": str(fresh),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'y.sqlite3'}",
            "SECRET_KEY": TEST_SECRET,
            "PORTAL_ENV": "testing",
        }
    )
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700

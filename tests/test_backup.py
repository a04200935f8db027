"""portal backup and portal restore: a round trip after which a report still decrypts."""

from click.testing import CliRunner

from portal.ops import cli
from portal.reports.models import Report
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_report


def test_backup_and_restore_round_trip(app, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "build_app", lambda demo=False: app)
    adviser = make_adviser()
    filed = file_report([adviser.id], text="BACKED-UP TEXT")
    runner = CliRunner()
    target = tmp_path / "backup.sqlite3"
    made = runner.invoke(cli.main, ["backup", str(target)])
    assert made.exit_code == 0, made.output
    assert target.stat().st_mode & 0o077 == 0
    assert b"BACKED-UP TEXT" not in target.read_bytes()
    again = runner.invoke(cli.main, ["backup", str(target)])
    assert again.exit_code != 0 and "exists already" in again.output

    file_report([adviser.id], text="AFTER THE BACKUP")
    Report.delete().where(Report.id == filed.report.id).execute()
    assert Report.select().count() == 1

    restored = runner.invoke(cli.main, ["restore", "--yes", str(target)])
    assert restored.exit_code == 0, restored.output
    assert [r.reference for r in Report.select()] == [filed.report.reference]
    staff = sign_in_fully(app.test_client(), adviser)
    assert "BACKED-UP TEXT" in staff.get(f"/inbox/{filed.report.reference}").get_data(as_text=True)
    reporter = app.test_client()
    assert reporter.post("/followup/", data={"code": filed.receipt_code}).status_code == 302


def test_restore_refuses_a_damaged_file(app, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "build_app", lambda demo=False: app)
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = CliRunner().invoke(cli.main, ["restore", "--yes", str(broken)])
    assert result.exit_code != 0 and "Traceback" not in result.output

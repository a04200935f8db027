"""The `portal` command.

portal serve [--demo]        migrate, then serve (with a demo organisation)
portal db upgrade            apply pending migrations
portal user create           create a person who can sign in
portal secret-key            keep a generated secret key in the instance folder
portal remind                daily: new prompts to team leads, coming deadlines to advisers
                             (or their stand-ins while they are away)
portal retention run         daily: warn, then delete closed reports' content
portal audit verify          check the access log's hash chain
portal backup FILE           a consistent online copy of the database
portal restore FILE          put a backup back (portal stopped)
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click
from flask import Flask

from portal import create_app
from portal.platform import backup_log, clock, database, settings
from portal.platform.settings import SettingsError


def build_app(demo: bool = False):
    """Create the app, turning a settings problem into a clear message instead of a traceback."""
    try:
        return create_app({"DEMO": True} if demo else None)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def app_at_work(urls: bool = False) -> Iterator[Flask]:
    """Build the app and work inside it with a database connection; with urls, url_for works
    too and makes links to PORTAL_URL (for e-mails)."""
    app = build_app()
    with ExitStack() as stack:
        stack.enter_context(app.app_context())
        if urls:
            stack.enter_context(app.test_request_context(base_url=app.config["PORTAL_URL"]))
        stack.enter_context(database.db.connection_context())
        yield app


@click.group()
def main() -> None:
    """Vertrouwd: report unwanted behaviour at work, safely."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers", default=3, show_default=True, type=int, help="gunicorn worker processes."
)
@click.option(
    "--demo", is_flag=True, help="Development mode with a demo organisation and sign-ins."
)
def serve(host: str, port: int, workers: int, demo: bool) -> None:
    """Apply pending migrations, then serve the portal with gunicorn."""
    if demo:
        os.environ.setdefault("PORTAL_ENV", "development")
    app = build_app(demo)
    with app.app_context():
        database.upgrade()
    if demo:
        from portal.ops import demo as demo_data

        with app.app_context():  # the access log's entries are chained under the secret key
            if demo_data.seed_if_empty():
                click.echo("Created the demo organisation.")
        click.echo(demo_data.sign_ins_text())
    database.release_idle()  # no SQLite or PostgreSQL connection may cross into the workers
    click.echo(f"Vertrouwd is listening on http://{host}:{port}/")
    from portal.ops.server import run

    run(lambda: build_app(demo), host, port, workers, app.instance_path)


@main.command("check")
def check() -> None:
    """Check the configuration as deployed and say what to fix; exit 1 on a failure."""
    from portal.platform import checks

    try:
        app = create_app()
    except SettingsError as exc:
        click.echo(f"FAIL  settings: {exc}")
        raise SystemExit(1) from exc
    findings = checks.run(app)
    for finding in findings:
        click.echo(finding.line())
    failed = sum(f.level == checks.FAIL for f in findings)
    click.echo(f"{failed} problem(s) to fix." if failed else "Everything checked is in order.")
    if failed:
        raise SystemExit(1)


@main.group()
def db() -> None:
    """Database commands."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    with app_at_work():
        applied = database.upgrade()
    click.echo("Applied: " + ", ".join(applied) if applied else "The database is up to date.")


@main.group()
def user() -> None:
    """Accounts."""


@user.command("create")
@click.option("--email", required=True, help="The address the person signs in with.")
@click.option("--name", required=True, help="The person's display name.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    default=["employee"],
    show_default=True,
    type=click.Choice(["employee", "team_lead", "adviser", "hr", "admin"]),
    help="Repeat for several.",
)
@click.password_option(help="Prompted for when not given.")
def user_create(email: str, name: str, roles: tuple[str, ...], password: str) -> None:
    """Create a person who can sign in."""
    from portal.core.accounts import people
    from portal.core.accounts.roles import Role

    with app_at_work():
        try:
            people.create_person(
                email, name, password, [Role(r) for r in roles], must_change_password=False
            )
        except people.EmailTaken as exc:
            raise click.ClickException(f"Someone already signs in with {email}.") from exc
        except people.WeakPassword as exc:
            raise click.ClickException(
                "That password is too weak: use at least 12 characters, not containing the e-mail name."
            ) from exc
    click.echo(f"Created {email} ({', '.join(roles)}).")


@main.command()
@click.option("--month", metavar="YYYY-MM", help="The month to remind about; default: this month.")
def remind(month: str | None) -> None:
    """E-mail team leads that this month's discussion prompt is ready (once per lead per month).

    Safe to run daily from cron or a systemd timer: a lead who has been reminded this month
    is not mailed again; a failed send is tried again on the next run.
    """
    from datetime import datetime

    from portal.prompts import reminders, schedule

    try:
        first = datetime.strptime(month, "%Y-%m").date() if month else schedule.current_month()
    except ValueError as exc:
        raise click.BadParameter(
            "use the form YYYY-MM, e.g. 2026-11", param_hint="--month"
        ) from exc
    from portal.aftercare import notify as aftercare_notify
    from portal.reports import standin
    from portal.triage import reminders as deadline_reminders

    with app_at_work(urls=True) as app:
        outcome = reminders.send_reminders(first, app.config["ORGANISATION_NAME"])
        stand_ins_ended = standin.end_stand_ins(clock.today())  # before the deadlines are routed
        deadlines = deadline_reminders.send(clock.today(), app.config["REMIND_DAYS_AHEAD"])
        aftercare = aftercare_notify.send_reminders(
            clock.today(), app.config["REMIND_DAYS_AHEAD"], app.config["AFTERCARE_LEGAL_HELP_DAYS"]
        )
    click.echo(
        f"{first:%Y-%m}: sent {outcome.sent}, failed {outcome.failed}, "
        f"reminded before {outcome.already}."
    )
    click.echo(
        f"Deadlines: {deadlines.deadlines} reminded in {deadlines.mailed} mails, failed {deadlines.failed}."
    )
    if stand_ins_ended:
        click.echo(f"Stand-ins: {stand_ins_ended} ended, their advisers are back.")
    click.echo(
        f"Aftercare: {aftercare.items} due in {aftercare.mailed} mails, failed {aftercare.failed}."
    )
    if outcome.failed or deadlines.failed or aftercare.failed:
        raise click.ClickException("Some reminders could not be sent; run again later.")


@main.group()
def audit() -> None:
    """The access log."""


@audit.command("verify")
def audit_verify() -> None:
    """Check the access log's hash chain: report any edited or removed entry."""
    from portal.core.audit import log

    with app_at_work() as app:
        count, problems = log.verify(app.config["SECRET_KEY"])
    for problem in problems:
        click.echo(f"entry {problem.entry_id}: {problem.what}")
    if problems:
        raise click.ClickException(
            f"The access log has been tampered with ({len(problems)} problems in {count} entries)."
        )
    click.echo(f"The access log is intact ({count} entries).")


@main.group()
def retention() -> None:
    """Deleting closed reports after the retention period."""


@retention.command("run")
def retention_run() -> None:
    """Warn advisers, delete content past the retention period, prune the register (daily)."""

    from portal.aftercare import retention as aftercare_retention
    from portal.ops import retention as policy

    with app_at_work(urls=True) as app:
        outcome = policy.run(
            clock.today(), app.config["RETENTION_MONTHS"], app.config["REGISTER_RETENTION_MONTHS"]
        )
        cases = aftercare_retention.run(clock.today(), app.config["AFTERCARE_RETENTION_MONTHS"])
    click.echo(
        f"Deleted {outcome.deleted}, kept {outcome.kept_as_register} as register entries, "
        f"removed {outcome.register_removed} register entries, warned about {outcome.warned}, "
        f"purged {outcome.drafts_purged} expired drafts and follow-up records."
    )
    click.echo(f"Aftercare: deleted {cases} closed cases.")


def copy_database(copy: Callable[[str, Path], None], path: Path) -> Flask:
    """Back the configured database up to PATH or restore it from PATH; a failure is a message.
    Return the app whose database it was."""
    from portal.ops.backup import BackupError

    app = build_app()
    try:
        copy(app.config["DATABASE_URL"], path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    return app


@main.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(target: Path) -> None:
    """Write a consistent online copy of the database to TARGET."""
    from portal.ops import backup

    app = copy_database(backup.backup, target)
    backup_log.record(app.instance_path, clock.now(), target.stat().st_size)
    click.echo(f"Backed up to {target}. Keep the secret key apart from it.")


@main.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.confirmation_option(prompt="This replaces the current database. Is the portal stopped?")
def restore_command(source: Path) -> None:
    """Replace the database with the backup SOURCE (stop the portal first)."""
    from portal.ops import backup

    copy_database(backup.restore, source)
    click.echo(f"Restored from {source}.")


@main.command("secret-key")
def secret_key() -> None:
    """Generate the secret key and keep it in the instance folder (mode 0600)."""
    path = settings.instance_path(None)
    from pathlib import Path

    kept = Path(path) / settings.SECRET_FILE_NAME
    if kept.exists():
        raise click.ClickException(f"{kept} exists already; remove it first to replace it.")
    settings.keep_new_secret(Path(path))
    click.echo(f"Kept a new secret key in {kept}.")


if __name__ == "__main__":
    sys.exit(main())

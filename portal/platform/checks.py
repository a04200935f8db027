"""`portal check`: the configuration as deployed, each finding with what to do about it.

Checks the secret key, HTTPS and the proxy count, the database (reachable, every migration
applied), the mail server (reachable), the OpenID Connect provider when sign-in through it is on
(it answers, names itself as configured, publishes its keys), the instance folder's
permissions and the last backup.
Reads settings and connects; never changes anything. The checks that need no network
(all but the mail server) also run inside a request, for the administrator's today page.
"""

import json
import os
import smtplib
import stat
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from playhouse.migrations import Runner

from portal.platform import backup_log, clock, database, settings

OK, WARN, FAIL = "ok", "warn", "FAIL"
SMTP_TIMEOUT_SECONDS = 5
BACKUP_MAX_AGE_DAYS = 2  # backups run daily: older than this, one was missed


@dataclass(frozen=True)
class Finding:
    level: str  # OK, WARN or FAIL
    topic: str
    text: str  # what was found and, unless all is well, what to do

    def line(self) -> str:
        return f"{self.level:<4}  {self.topic}: {self.text}"


def secret_key(app: Flask) -> Finding:
    """The secret key must be strong; in production a kept one must be private."""
    problem = settings.weakness(app.config["SECRET_KEY"])
    if problem:
        return Finding(FAIL, "secret key", f"{problem}. Run 'portal secret-key' or set SECRET_KEY.")
    kept = Path(app.instance_path) / settings.SECRET_FILE_NAME
    if not os.environ.get("SECRET_KEY") and kept.exists():
        if kept.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            return Finding(FAIL, "secret key", f"{kept} is readable by others: chmod 600 {kept}")
        return Finding(OK, "secret key", f"strong, kept in {kept} (mode 0600)")
    return Finding(OK, "secret key", "strong, from SECRET_KEY")


def https(app: Flask) -> list[Finding]:
    """Production needs Secure cookies (PORTAL_HTTPS) and, behind a proxy, its count."""
    production = app.config["PORTAL_ENV"] == "production"
    proxies = app.config["PROXY_COUNT"]
    found = []
    if not app.config["SESSION_COOKIE_SECURE"]:
        found.append(
            Finding(
                FAIL if production else WARN,
                "https",
                "cookies are not marked Secure. Serve the portal over HTTPS through a reverse "
                "proxy and set PORTAL_HTTPS=1 (the default in production).",
            )
        )
    else:
        found.append(Finding(OK, "https", "cookies are Secure and HSTS is sent"))
    if proxies == 0:
        found.append(
            Finding(
                WARN if production else OK,
                "proxy count",
                "PORTAL_PROXY_COUNT is 0: right only when browsers reach gunicorn directly. "
                "Behind one reverse proxy (the usual set-up for HTTPS) set PORTAL_PROXY_COUNT=1.",
            )
        )
    elif proxies > 2:
        found.append(
            Finding(
                WARN,
                "proxy count",
                f"PORTAL_PROXY_COUNT is {proxies}: count only the proxies you run; a number "
                "too high lets a visitor choose the address the portal sees.",
            )
        )
    else:
        found.append(
            Finding(
                OK, "proxy count", f"{proxies} reverse prox{'y' if proxies == 1 else 'ies'} trusted"
            )
        )
    return found


def unreachable(
    area: str, exc: Exception, advice: str, *, target: str = "", with_message: bool = False
) -> Finding:
    """A service the portal needs did not answer: a failed finding naming the error."""
    error = f"{type(exc).__name__}: {exc}" if with_message else type(exc).__name__
    where = f"{target} " if target else ""
    return Finding(FAIL, area, f"{where}cannot be reached ({error}). {advice}")


def migration_status() -> list:
    """Return every migration with the moment it was applied (None: pending); needs a connection."""
    return Runner(database.db.obj, directory=str(database.MIGRATIONS)).status()


def migrations(status: list) -> Finding:
    """Say whether every migration in migrations/ is applied."""
    pending = [m.name for m in status if m.applied is None]
    if pending:
        return Finding(
            FAIL,
            "database",
            f"{len(pending)} migration(s) not applied ({', '.join(pending)}). Run 'portal db "
            "upgrade' (or start 'portal serve', which applies them).",
        )
    return Finding(OK, "database", f"reachable, all {len(status)} migrations applied")


def database_state(app: Flask) -> Finding:
    """The database answers and every migration in migrations/ is applied."""
    try:
        with app.app_context(), database.db.connection_context():
            status = migration_status()
    except Exception as exc:  # noqa: BLE001 - any failure to connect is the finding
        advice = "Check DATABASE_URL, that the server runs and that the role may connect."
        return unreachable("database", exc, advice, with_message=True)
    return migrations(status)


def smtp(app: Flask) -> Finding:
    """The mail server for notifications accepts a connection."""
    host, port = app.config["SMTP_HOST"], app.config["SMTP_PORT"]
    try:
        with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_SECONDS) as server:
            server.noop()
    except (OSError, smtplib.SMTPException) as exc:
        advice = (
            "Set SMTP_HOST and SMTP_PORT to your mail relay; without it nobody hears of new "
            "reports."
        )
        return unreachable("mail", exc, advice, target=f"{host}:{port}")
    return Finding(OK, "mail", f"{host}:{port} answers")


def instance_folder(app: Flask) -> Finding:
    """The instance folder exists, is writable for the portal and closed to others."""
    folder = Path(app.instance_path)
    if not folder.is_dir():
        return Finding(FAIL, "instance folder", f"{folder} does not exist: mkdir -m 700 {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        return Finding(
            FAIL,
            "instance folder",
            f"{folder} is not writable for this user: chown it to the user the portal runs as.",
        )
    loose = [
        path
        for path in (folder, *folder.iterdir())
        if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    ]
    if loose:
        names = " ".join(str(p) for p in loose)
        return Finding(
            FAIL,
            "instance folder",
            f"open to other users: {names}. Run: chmod go-rwx {names}",
        )
    return Finding(OK, "instance folder", f"{folder} is writable and closed to others")


def last_backup(app: Flask) -> Finding:
    """A backup was made on this server lately (`portal backup` writes the moment down)."""
    found = backup_log.last(app.instance_path)
    if found is None:
        return Finding(
            WARN,
            "backup",
            "no backup is recorded on this server. Run 'portal backup FILE' every day (cron or "
            "a systemd timer) and keep the copies apart from the secret key.",
        )
    age = found.age_days(clock.now())
    made = found.made_at.strftime("%Y-%m-%d %H:%M UTC")
    if age > BACKUP_MAX_AGE_DAYS:
        return Finding(
            WARN,
            "backup",
            f"the last backup was made {age} days ago ({made}). Check that 'portal backup' "
            "still runs every day.",
        )
    return Finding(OK, "backup", f"last made {made}, {found.size} bytes")


def identity_provider(app: Flask) -> list[Finding]:
    """When sign-in through an OpenID Connect provider is on: its discovery document answers,
    names the configured issuer, and the keys it publishes can be read."""
    issuer = app.config["OIDC_ISSUER"]
    if not issuer:
        return []
    advice = "Check OIDC_ISSUER and that this server can reach the provider."
    try:
        document = _read_json(issuer + "/.well-known/openid-configuration")
        keys = _read_json(document["jwks_uri"]).get("keys") or []
    except (OSError, ValueError, KeyError, urllib.error.URLError) as exc:
        return [unreachable("sign-in provider", exc, advice, target=issuer, with_message=True)]
    if document.get("issuer") != issuer:
        text = (
            f"{issuer} calls itself {document.get('issuer')!r}: set OIDC_ISSUER to exactly that "
            "value, or ID tokens will be refused."
        )
        return [Finding(FAIL, "sign-in provider", text)]
    if not keys:
        return [Finding(FAIL, "sign-in provider", f"{issuer} publishes no signing keys.")]
    return [Finding(OK, "sign-in provider", f"{issuer} answers and publishes {len(keys)} key(s)")]


def _read_json(url: str) -> dict:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not a web address: {url}")
    with urllib.request.urlopen(url, timeout=SMTP_TIMEOUT_SECONDS) as answer:  # noqa: S310
        return json.load(answer)


def without_network(app: Flask) -> list[Finding]:
    """The checks that read settings and files only, cheap enough for a request: the
    database's migrations on the request's own connection, no mail server."""
    return [
        secret_key(app),
        *https(app),
        instance_folder(app),
        migrations(migration_status()),
        last_backup(app),
    ]


def run(app: Flask) -> list[Finding]:
    """Check everything; the findings in the order an operator fixes them."""
    return [
        secret_key(app),
        *https(app),
        instance_folder(app),
        database_state(app),
        smtp(app),
        *identity_provider(app),
        last_backup(app),
    ]

"""Settings from environment variables, with safe defaults."""

import os
import secrets
import stat
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask

from portal.platform import kdf_gate

MIN_SECRET_LENGTH = 32
MIN_DISTINCT_SECRET_CHARS = 12
SECRET_FILE_NAME = "secret_key"  # noqa: S105 - a file name
# The quick exit's default: a weather page, as GOV.UK's "Exit this page" leaves for BBC Weather.
# Nothing on it is about the portal or about unwanted behaviour, it needs no account, it is
# something anyone at work may have open, and it is Dutch (the portal's first language).
DEFAULT_QUICK_EXIT_URL = "https://www.buienradar.nl/"
PACKAGE = Path(__file__).resolve().parent.parent  # portal/, above this layer
PROJECT_ROOT = PACKAGE.parent  # the checkout, when running from one
# templates/, static/ and migrations/: inside the package when installed from the wheel
# (setup.py bundles them), otherwise at the top of the checkout (an editable install).
INSTALLED = (PACKAGE / "bundled" / "templates").is_dir()
RESOURCES = PACKAGE / "bundled" if INSTALLED else PROJECT_ROOT


class SettingsError(RuntimeError):
    """The portal cannot start with these settings; the message says why and what to do."""


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, not {value!r}.") from exc


def instance_path(config: dict | None) -> str:
    """Return the instance folder: the config's, PORTAL_INSTANCE, or ./instance."""
    if config and config.get("INSTANCE_PATH"):
        return str(Path(config["INSTANCE_PATH"]).resolve())
    # From a checkout, its instance/ folder; installed from the wheel, ./instance where it runs.
    default = Path.cwd() / "instance" if INSTALLED else PROJECT_ROOT / "instance"
    return str(Path(os.environ.get("PORTAL_INSTANCE", default)).resolve())


def from_environment(instance: Path) -> dict:
    """Read every setting the portal knows from the environment."""
    env = os.environ.get("PORTAL_ENV", "production").strip().lower()
    production = env == "production"
    return {
        "PORTAL_ENV": env,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or f"sqlite:///{instance / 'portal.sqlite3'}",
        "SESSION_IDLE_MINUTES": _env_int("SESSION_IDLE_MINUTES", 30),
        "SESSION_ABSOLUTE_HOURS": _env_int("SESSION_ABSOLUTE_HOURS", 12),
        "SESSION_COOKIE_SECURE": _env_bool("PORTAL_HTTPS", production),
        "PROXY_COUNT": _env_int("PORTAL_PROXY_COUNT", 0),
        "TRUSTED_USER_HEADER": os.environ.get("TRUSTED_USER_HEADER", "").strip(),
        "SIGNIN_MAX_FAILURES": _env_int("SIGNIN_MAX_FAILURES", 5),
        "SIGNIN_MAX_FAILURES_PER_ADDRESS": _env_int("SIGNIN_MAX_FAILURES_PER_ADDRESS", 30),
        "SIGNIN_WINDOW_MINUTES": _env_int("SIGNIN_WINDOW_MINUTES", 15),
        # A stranger may slow an account down, never lock it: past this many failures from
        # anywhere, every sign-in to the account waits SIGNIN_SLOWDOWN_SECONDS.
        "SIGNIN_SLOW_AFTER_FAILURES": _env_int("SIGNIN_SLOW_AFTER_FAILURES", 20),
        "SIGNIN_SLOWDOWN_SECONDS": _env_int("SIGNIN_SLOWDOWN_SECONDS", 2),
        "SECOND_STEP_MAX_FAILURES": _env_int("SECOND_STEP_MAX_FAILURES", 5),
        # The reporter's path keeps no clock: its counters run per calendar day.
        "RECEIPT_MAX_FAILURES_PER_ADDRESS": _env_int("RECEIPT_MAX_FAILURES_PER_ADDRESS", 50),
        # Past this many wrong codes from everyone together, each further wrong code waits
        # RECEIPT_SLOWDOWN_SECONDS; a right code never does (throttle.CodeGuard).
        "RECEIPT_MAX_FAILURES_GLOBAL": _env_int("RECEIPT_MAX_FAILURES_GLOBAL", 5000),
        "RECEIPT_SLOWDOWN_SECONDS": _env_int("RECEIPT_SLOWDOWN_SECONDS", 2),
        "REPORTS_MAX_PER_ADDRESS": _env_int("REPORTS_MAX_PER_ADDRESS", 20),
        "DRAFTS_MAX_MB_PER_ADDRESS": _env_int("DRAFTS_MAX_MB_PER_ADDRESS", 300),
        "DRAFTS_MAX_MB_TOTAL": _env_int("DRAFTS_MAX_MB_TOTAL", 4096),
        **{name: _env_int(name, default) for name, default in kdf_gate.DEFAULTS.items()},
        "EVIDENCE_MAX_FILE_MB": _env_int("EVIDENCE_MAX_FILE_MB", 10),
        "EVIDENCE_MAX_REPORT_MB": _env_int("EVIDENCE_MAX_REPORT_MB", 50),
        "FIRST_CONTACT_WORKING_DAYS": _env_int("FIRST_CONTACT_WORKING_DAYS", 5),
        "CONVERSATION_ANSWER_WORKING_DAYS": _env_int("CONVERSATION_ANSWER_WORKING_DAYS", 3),
        "REMIND_DAYS_AHEAD": _env_int("REMIND_DAYS_AHEAD", 2),
        # Counts under this are hidden in the yearly report; never below 3 (see insights).
        "INSIGHTS_MIN_CELL": max(3, _env_int("INSIGHTS_MIN_CELL", 5)),
        # The team pulse shows a team's month only when this many answered; never below 5.
        "PULSE_MIN_ANSWERS": max(5, _env_int("PULSE_MIN_ANSWERS", 5)),
        # Report together (portal/together/): a match needs this many writers, never fewer than 2.
        "TOGETHER_MATCH_THRESHOLD": max(2, _env_int("TOGETHER_MATCH_THRESHOLD", 2)),
        "TOGETHER_HOLD_DAYS": max(1, _env_int("TOGETHER_HOLD_DAYS", 365)),
        "TOGETHER_WARN_DAYS": _env_int("TOGETHER_WARN_DAYS", 30),
        "TOGETHER_MAX_HELD": max(1, _env_int("TOGETHER_MAX_HELD", 3)),
        "TOGETHER_CHECKS_PER_HOUR": max(1, _env_int("TOGETHER_CHECKS_PER_HOUR", 200)),
        "RETENTION_MONTHS": _env_int("RETENTION_MONTHS", 12),
        "REGISTER_RETENTION_MONTHS": _env_int("REGISTER_RETENTION_MONTHS", 60),
        "AFTERCARE_FIRST_CHECKIN_HOURS": _env_int("AFTERCARE_FIRST_CHECKIN_HOURS", 72),
        "AFTERCARE_SECOND_CHECKIN_DAYS": _env_int("AFTERCARE_SECOND_CHECKIN_DAYS", 14),
        "AFTERCARE_LAST_CHECKIN_DAYS": _env_int("AFTERCARE_LAST_CHECKIN_DAYS", 42),
        "AFTERCARE_LAST_CHECKIN_LATEST_DAYS": _env_int("AFTERCARE_LAST_CHECKIN_LATEST_DAYS", 56),
        "AFTERCARE_LEGAL_HELP_DAYS": _env_int("AFTERCARE_LEGAL_HELP_DAYS", 14),
        "AFTERCARE_RETENTION_MONTHS": _env_int("AFTERCARE_RETENTION_MONTHS", 12),
        "SECOND_FACTOR_ROLES": os.environ.get("SECOND_FACTOR_ROLES", "adviser,hr,admin"),
        "MAX_CONTENT_LENGTH": _env_int("MAX_REQUEST_MB", 60) * 1024 * 1024,
        # Where the quick exit leaves for: a neutral page that shows nothing of the portal.
        "QUICK_EXIT_URL": os.environ.get("QUICK_EXIT_URL", "").strip() or DEFAULT_QUICK_EXIT_URL,
        "SMTP_HOST": os.environ.get("SMTP_HOST", "localhost"),
        "SMTP_PORT": _env_int("SMTP_PORT", 25),
        "SMTP_FROM": os.environ.get("SMTP_FROM", "vertrouwd@localhost"),
        # A reporter's notice names neither the portal nor a report (reports/notice.py).
        "NOTICE_FROM": os.environ.get("NOTICE_FROM")
        or "noreply@" + os.environ.get("SMTP_FROM", "vertrouwd@localhost").rsplit("@", 1)[-1],
        "PORTAL_URL": os.environ.get("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/"),
        "PORTAL_TIMEZONE": os.environ.get("PORTAL_TIMEZONE", "Europe/Amsterdam"),
        "ORGANISATION_NAME": os.environ.get("ORGANISATION_NAME", "Vertrouwd"),
        # Sign-in with the organisation's OpenID Connect provider (portal/auth/oidc.py): off
        # while OIDC_ISSUER is empty.
        "OIDC_ISSUER": os.environ.get("OIDC_ISSUER", "").strip().rstrip("/"),
        "OIDC_CLIENT_ID": os.environ.get("OIDC_CLIENT_ID", "").strip(),
        "OIDC_CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET", "").strip(),
        "OIDC_LABEL": os.environ.get("OIDC_LABEL", "").strip(),
    }


def load(app: Flask, overrides: dict | None) -> None:
    """Fill app.config from the environment, then overrides, then check the secret."""
    instance = Path(app.instance_path)
    keep_private(instance)
    app.config.update(from_environment(instance))
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="vertrouwd",
        WTF_CSRF_TIME_LIMIT=None,  # bound to the session: long reports still submit
        WTF_CSRF_SSL_STRICT=True,
        TEMPLATES_AUTO_RELOAD=False,
        DEMO=False,
    )
    if overrides:
        app.config.update({k: v for k, v in overrides.items() if k != "INSTANCE_PATH"})
    check_timezone(app.config["PORTAL_TIMEZONE"])
    check_provider(app.config)
    app.config["SECRET_KEY"] = resolve_secret(
        app.config.get("SECRET_KEY"), instance, app.config["PORTAL_ENV"] == "production"
    )


def check_provider(config) -> None:
    """An OpenID Connect provider needs its client's id and secret, and HTTPS in production."""
    issuer = config["OIDC_ISSUER"]
    if not issuer:
        return
    if not (config["OIDC_CLIENT_ID"] and config["OIDC_CLIENT_SECRET"]):
        raise SettingsError(
            "OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too (from the "
            "client registered for the portal at the provider)."
        )
    if config["PORTAL_ENV"] == "production" and not issuer.startswith("https://"):
        raise SettingsError(f"OIDC_ISSUER must be an https:// address in production, not {issuer}.")


def check_timezone(name: str) -> None:
    """Refuse a PORTAL_TIMEZONE that is not an IANA time zone name."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(
            f"PORTAL_TIMEZONE={name!r} is not a time zone; use a name such as Europe/Amsterdam."
        ) from exc


def keep_private(folder: Path) -> None:
    """Make the instance folder (database, secret key) reachable by its owner only."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_uid == os.geteuid() and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)


def weakness(secret: str) -> str | None:
    """Say what makes a secret key weak, or None when it is strong enough."""
    if len(secret) < MIN_SECRET_LENGTH:
        return f"it has {len(secret)} characters; at least {MIN_SECRET_LENGTH} are needed"
    if len(set(secret)) < MIN_DISTINCT_SECRET_CHARS:
        return "it repeats too few different characters to be random"
    return None


def resolve_secret(given: str | None, instance: Path, production: bool) -> str:
    """Return the secret key: the given one, the kept one, or a new kept one (not in production)."""
    how_to = (
        "Set SECRET_KEY to a random value, for example the output of\n"
        "  python3 -c 'import secrets; print(secrets.token_urlsafe(48))'\n"
        f"or run 'portal secret-key' to keep one in {instance / SECRET_FILE_NAME}."
    )
    if given:
        problem = weakness(given)
        if problem and production:
            raise SettingsError(f"The SECRET_KEY is too weak: {problem}.\n{how_to}")
        return given
    kept = instance / SECRET_FILE_NAME
    if kept.exists():
        secret = kept.read_text().strip()
        problem = weakness(secret)
        if problem and production:
            raise SettingsError(f"The secret key in {kept} is too weak: {problem}.\n{how_to}")
        if production and kept.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise SettingsError(f"{kept} is readable by others; run 'chmod 600 {kept}'.")
        return secret
    if production:
        raise SettingsError(f"No secret key is set (production mode).\n{how_to}")
    return keep_new_secret(instance)


def keep_new_secret(instance: Path) -> str:
    """Generate a secret key and keep it in the instance folder, readable by the owner only."""
    instance.mkdir(parents=True, exist_ok=True)
    kept = instance / SECRET_FILE_NAME
    secret = secrets.token_urlsafe(48)
    fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret + "\n")
    return secret

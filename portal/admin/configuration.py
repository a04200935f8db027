"""The settings the portal runs with, for the administrator to read: every variable of the
README's configuration table with its current value; secrets only as set or not set."""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

MIB = 1024 * 1024
# Values that open something: never shown, only whether they are set.
SECRETS = frozenset({"SECRET_KEY", "OIDC_CLIENT_SECRET"})

# The environment variable, and the config key it ends up in when the name differs.
VARIABLES: list[tuple[str, str]] = [
    ("PORTAL_ENV", "PORTAL_ENV"),
    ("SECRET_KEY", "SECRET_KEY"),
    ("PORTAL_INSTANCE", ""),  # the instance folder, app.instance_path
    ("DATABASE_URL", "DATABASE_URL"),
    ("PORTAL_HTTPS", "SESSION_COOKIE_SECURE"),
    ("PORTAL_PROXY_COUNT", "PROXY_COUNT"),
    ("OIDC_ISSUER", "OIDC_ISSUER"),
    ("OIDC_CLIENT_ID", "OIDC_CLIENT_ID"),
    ("OIDC_CLIENT_SECRET", "OIDC_CLIENT_SECRET"),
    ("OIDC_LABEL", "OIDC_LABEL"),
    ("TRUSTED_USER_HEADER", "TRUSTED_USER_HEADER"),
    ("SESSION_IDLE_MINUTES", "SESSION_IDLE_MINUTES"),
    ("SESSION_ABSOLUTE_HOURS", "SESSION_ABSOLUTE_HOURS"),
    ("SECOND_FACTOR_ROLES", "SECOND_FACTOR_ROLES"),
    ("SIGNIN_MAX_FAILURES", "SIGNIN_MAX_FAILURES"),
    ("SIGNIN_MAX_FAILURES_PER_ADDRESS", "SIGNIN_MAX_FAILURES_PER_ADDRESS"),
    ("SIGNIN_SLOW_AFTER_FAILURES", "SIGNIN_SLOW_AFTER_FAILURES"),
    ("SIGNIN_SLOWDOWN_SECONDS", "SIGNIN_SLOWDOWN_SECONDS"),
    ("SECOND_STEP_MAX_FAILURES", "SECOND_STEP_MAX_FAILURES"),
    ("SIGNIN_WINDOW_MINUTES", "SIGNIN_WINDOW_MINUTES"),
    ("MAX_REQUEST_MB", "MAX_CONTENT_LENGTH"),
    ("EVIDENCE_MAX_FILE_MB", "EVIDENCE_MAX_FILE_MB"),
    ("EVIDENCE_MAX_REPORT_MB", "EVIDENCE_MAX_REPORT_MB"),
    ("RECEIPT_MAX_FAILURES_PER_ADDRESS", "RECEIPT_MAX_FAILURES_PER_ADDRESS"),
    ("RECEIPT_MAX_FAILURES_GLOBAL", "RECEIPT_MAX_FAILURES_GLOBAL"),
    ("RECEIPT_SLOWDOWN_SECONDS", "RECEIPT_SLOWDOWN_SECONDS"),
    ("REPORTS_MAX_PER_ADDRESS", "REPORTS_MAX_PER_ADDRESS"),
    ("DRAFTS_MAX_MB_PER_ADDRESS", "DRAFTS_MAX_MB_PER_ADDRESS"),
    ("DRAFTS_MAX_MB_TOTAL", "DRAFTS_MAX_MB_TOTAL"),
    ("KDF_AT_ONCE_PER_WORKER", "KDF_AT_ONCE_PER_WORKER"),
    ("KDF_WAITING_PER_WORKER", "KDF_WAITING_PER_WORKER"),
    ("KDF_WAIT_SECONDS", "KDF_WAIT_SECONDS"),
    ("QUICK_EXIT_URL", "QUICK_EXIT_URL"),
    ("SMTP_HOST", "SMTP_HOST"),
    ("SMTP_PORT", "SMTP_PORT"),
    ("SMTP_FROM", "SMTP_FROM"),
    ("NOTICE_FROM", "NOTICE_FROM"),
    ("PORTAL_URL", "PORTAL_URL"),
    ("FIRST_CONTACT_WORKING_DAYS", "FIRST_CONTACT_WORKING_DAYS"),
    ("CONVERSATION_ANSWER_WORKING_DAYS", "CONVERSATION_ANSWER_WORKING_DAYS"),
    ("REMIND_DAYS_AHEAD", "REMIND_DAYS_AHEAD"),
    ("RETENTION_MONTHS", "RETENTION_MONTHS"),
    ("REGISTER_RETENTION_MONTHS", "REGISTER_RETENTION_MONTHS"),
    ("PORTAL_TIMEZONE", "PORTAL_TIMEZONE"),
    ("AFTERCARE_FIRST_CHECKIN_HOURS", "AFTERCARE_FIRST_CHECKIN_HOURS"),
    ("AFTERCARE_SECOND_CHECKIN_DAYS", "AFTERCARE_SECOND_CHECKIN_DAYS"),
    ("AFTERCARE_LAST_CHECKIN_DAYS", "AFTERCARE_LAST_CHECKIN_DAYS"),
    ("AFTERCARE_LAST_CHECKIN_LATEST_DAYS", "AFTERCARE_LAST_CHECKIN_LATEST_DAYS"),
    ("AFTERCARE_LEGAL_HELP_DAYS", "AFTERCARE_LEGAL_HELP_DAYS"),
    ("AFTERCARE_RETENTION_MONTHS", "AFTERCARE_RETENTION_MONTHS"),
    ("ORGANISATION_NAME", "ORGANISATION_NAME"),
    ("INSIGHTS_MIN_CELL", "INSIGHTS_MIN_CELL"),
    ("PULSE_MIN_ANSWERS", "PULSE_MIN_ANSWERS"),
    ("TOGETHER_MATCH_THRESHOLD", "TOGETHER_MATCH_THRESHOLD"),
    ("TOGETHER_HOLD_DAYS", "TOGETHER_HOLD_DAYS"),
    ("TOGETHER_WARN_DAYS", "TOGETHER_WARN_DAYS"),
    ("TOGETHER_MAX_HELD", "TOGETHER_MAX_HELD"),
    ("TOGETHER_CHECKS_PER_HOUR", "TOGETHER_CHECKS_PER_HOUR"),
]


@dataclass(frozen=True)
class Setting:
    name: str
    value: str  # what to show; empty for a secret
    secret: bool
    is_set: bool


def without_password(url: str) -> str:
    """Return a database address with its password left out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _shown(name: str, value) -> str:
    if name == "MAX_REQUEST_MB":
        return str(value // MIB)
    if name == "DATABASE_URL":
        return without_password(str(value))
    if isinstance(value, bool):
        return "on" if value else "off"
    return "" if value is None else str(value)


def current(config, instance_path: str) -> list[Setting]:
    """Return every setting in the README's order with the value the portal runs with."""
    found = []
    for name, key in VARIABLES:
        value = config.get(key) if key else instance_path
        if name in SECRETS:
            found.append(Setting(name, "", True, bool(value)))
        else:
            found.append(Setting(name, _shown(name, value), False, value not in (None, "")))
    return found

"""The portal's clock: one source of "now", and the day as the organisation counts it.

A report's day is the organisation's day (PORTAL_TIMEZONE, Europe/Amsterdam by default), not
the server's: a report sent at 00:48 in Amsterdam belongs to that date even on a server that
keeps UTC. Tests set the clock by replacing `now`.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Europe/Amsterdam"


def now() -> datetime:
    """Return the current moment, aware, in UTC."""
    return datetime.now(UTC)


def utcnow() -> datetime:
    """Return the current time in UTC without tzinfo, as the database stores it."""
    return now().astimezone(UTC).replace(tzinfo=None)


def zone() -> ZoneInfo:
    """Return the organisation's time zone."""
    name = current_app.config.get("PORTAL_TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or DEFAULT_TIMEZONE)


def today() -> date:
    """Return today's date in the organisation's time zone."""
    return now().astimezone(zone()).date()

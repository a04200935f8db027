"""Counters of failed attempts, kept in the database so every worker shares them."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import CharField, DateTimeField, IntegerField

from portal.accounts.models import utcnow
from portal.database import BaseModel, db


class ThrottleCounter(BaseModel):
    key = CharField(unique=True)  # a scope and a keyed digest, never an address or name
    window_start = DateTimeField()
    count = IntegerField(default=0)


class Throttled(Exception):
    """Too many failed attempts; try again after retry_after seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Limit:
    key: str
    attempts: int
    window: timedelta


def digest_key(scope: str, secret: str, value: str, day: date | None = None) -> str:
    """Return a counter key for a value; with a day, the digest changes every day."""
    salt = f"{secret}|{scope}|{day.isoformat() if day else ''}".encode()
    mac = hmac.new(salt, value.strip().lower().encode(), hashlib.sha256).hexdigest()
    return f"{scope}:{mac[:40]}"


def check(limits: list[Limit], now: datetime | None = None) -> None:
    """Raise Throttled when any limit is used up within its window."""
    now = now or utcnow()
    for limit in limits:
        counter = ThrottleCounter.get_or_none(ThrottleCounter.key == limit.key)
        if counter is None or counter.window_start + limit.window <= now:
            continue
        if counter.count >= limit.attempts:
            remaining = counter.window_start + limit.window - now
            raise Throttled(max(1, int(remaining.total_seconds())))


def record_failure(limits: list[Limit], now: datetime | None = None) -> None:
    """Count one failed attempt against every limit, starting a new window where one ended."""
    now = now or utcnow()
    with db.atomic():
        for limit in limits:
            counter = ThrottleCounter.get_or_none(ThrottleCounter.key == limit.key)
            if counter is None:
                ThrottleCounter.create(key=limit.key, window_start=now, count=1)
            elif counter.window_start + limit.window <= now:
                counter.window_start, counter.count = now, 1
                counter.save()
            else:
                ThrottleCounter.update(count=ThrottleCounter.count + 1).where(
                    ThrottleCounter.id == counter.id
                ).execute()


def reset(limit: Limit) -> None:
    """Forget the failures counted against a limit (after a success)."""
    ThrottleCounter.delete().where(ThrottleCounter.key == limit.key).execute()

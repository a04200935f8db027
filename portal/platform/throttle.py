"""Counters of failed attempts, kept in the database so every worker shares them."""

import hashlib
import hmac
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import CharField, DateTimeField, IntegerField

from portal.platform.clock import utcnow
from portal.platform.database import BaseModel, db


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
    # Past its attempts a slowing limit makes each try wait this long instead of refusing it:
    # for counters that a stranger can drive up for someone else (an account's own counter).
    delay: float = 0.0
    # The window starts at midnight, so no exact time is stored (the reporter's path).
    by_day: bool = False

    def start(self, now: datetime) -> datetime:
        return datetime.combine(now.date(), datetime.min.time()) if self.by_day else now


def pause(seconds: float) -> None:
    time.sleep(seconds)


def digest_key(scope: str, secret: str, value: str, day: date | None = None) -> str:
    """Return a counter key for a value; with a day, the digest changes every day."""
    salt = f"{secret}|{scope}|{day.isoformat() if day else ''}".encode()
    mac = hmac.new(salt, value.strip().lower().encode(), hashlib.sha256).hexdigest()
    return f"{scope}:{mac[:40]}"


def check(limits: list[Limit], now: datetime | None = None) -> None:
    """Raise Throttled when a refusing limit is used up; wait where a slowing one is."""
    now = now or utcnow()
    wait = 0.0
    for limit in limits:
        counter = ThrottleCounter.get_or_none(ThrottleCounter.key == limit.key)
        if counter is None or counter.window_start + limit.window <= now:
            continue
        if counter.count >= limit.attempts:
            if limit.delay:
                wait = max(wait, limit.delay)
                continue
            remaining = counter.window_start + limit.window - now
            raise Throttled(max(1, int(remaining.total_seconds())))
    if wait:
        pause(wait)


def record_failure(limits: list[Limit], now: datetime | None = None) -> None:
    """Count one failed attempt against every limit, starting a new window where one ended."""
    now = now or utcnow()
    with db.atomic():
        for limit in limits:
            counter = ThrottleCounter.get_or_none(ThrottleCounter.key == limit.key)
            if counter is None:
                ThrottleCounter.create(key=limit.key, window_start=limit.start(now), count=1)
            elif counter.window_start + limit.window <= now:
                counter.window_start, counter.count = limit.start(now), 1
                counter.save()
            else:
                ThrottleCounter.update(count=ThrottleCounter.count + 1).where(
                    ThrottleCounter.id == counter.id
                ).execute()


def count(limits: list[Limit], now: datetime | None = None) -> None:
    """Count one use (not a failure) against every limit: filings per address, for example."""
    record_failure(limits, now)


def reset(limit: Limit) -> None:
    """Forget the failures counted against a limit (after a success)."""
    ThrottleCounter.delete().where(ThrottleCounter.key == limit.key).execute()

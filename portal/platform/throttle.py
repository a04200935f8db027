"""Counters of failed attempts, kept in the database so every worker shares them."""

import hashlib
import hmac
import threading
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


# At most this many threads of a worker wait out a slowed miss at once: a flood must not hold
# the threads that serve everyone else. A miss beyond them is answered at once; what bounds
# such a flood then is each address's own daily limit.
SLOW_LANE = 2
_slow_lane = threading.BoundedSemaphore(SLOW_LANE)


@dataclass(frozen=True)
class CodeGuard:
    """The limits on guessing a secret code, where a miss costs the server almost nothing.

    `own` limits (per daily-hashed address) refuse, and are checked before the code is looked
    up, so a right code meets only these. `shared` limits (everyone together) count every miss
    and, once used up, slow each further miss by their delay: they never refuse, so a flood
    from many addresses cannot switch opening by code off for the person with the right code.
    """

    own: list[Limit]
    shared: list[Limit]

    def before(self, now: datetime | None = None) -> None:
        """Raise Throttled when this address has used up its own limits."""
        check(self.own, now)

    def missed(self, now: datetime | None = None) -> None:
        """Count a wrong code against every limit; wait where a shared limit was used up."""
        now = now or utcnow()
        wait = max((limit.delay for limit in self.shared if _used_up(limit, now)), default=0.0)
        record_failure([*self.own, *self.shared], now)
        if wait and _slow_lane.acquire(blocking=False):
            try:
                pause(wait)
            finally:
                _slow_lane.release()


def _used_up(limit: Limit, now: datetime) -> bool:
    counter = ThrottleCounter.get_or_none(ThrottleCounter.key == limit.key)
    return (
        counter is not None
        and counter.window_start + limit.window > now
        and counter.count >= limit.attempts
    )


def reset(limit: Limit) -> None:
    """Forget the failures counted against a limit (after a success)."""
    ThrottleCounter.delete().where(ThrottleCounter.key == limit.key).execute()

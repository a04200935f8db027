"""Reports being written, kept encrypted under a key only the reporter's browser holds.

The browser keeps a random token in its session cookie; the database keeps the SHA-256 of
the token and the draft encrypted under a key derived from it. A draft lives until the end of
the next calendar day (the reporter's path keeps no clock). Storage is capped per (daily-hashed)
address and in total, and expired drafts are purged whenever a draft is written.

A draft within its address's share is never refused because others filled the total: the
address holding the most (more than the writer will) gives way, its largest draft first. So a
few addresses cannot stop drafts for everyone, and the total still holds.
"""

import base64
import hashlib
import json
import secrets
from datetime import date, datetime, timedelta

from flask import current_app
from peewee import fn

from portal.platform import crypto, published, throttle
from portal.platform.clock import utcnow
from portal.platform.database import Prepared, db
from portal.reports.models import ReportDraft

LIFETIME_DAYS = 2  # expires at the midnight that ends tomorrow
CONTEXT = b"vertrouwd|v1|draft"
MB = 1024 * 1024


class StorageFull(Exception):
    """No room for this draft: the address's share or the total draft storage is used up."""


def expiry(today: date) -> datetime:
    """Return when a draft written today expires: a midnight, never an exact time."""
    return datetime.combine(today + timedelta(days=LIFETIME_DAYS), datetime.min.time())


def address_key(address: str, today: date) -> str:
    return throttle.digest_key("draft-address", current_app.config["SECRET_KEY"], address, today)


def _stored_bytes(*conditions) -> int:
    query = ReportDraft.select(fn.COALESCE(fn.SUM(ReportDraft.size), 0))
    for condition in conditions:
        query = query.where(condition)
    return int(query.scalar() or 0)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _key(token: str) -> bytes:
    return hashlib.blake2b(token.encode(), digest_size=32, person=b"vertrouwd-draft").digest()


def save(token: str | None, content: dict, address: str = "") -> str:
    """Store the draft (JSON-able, files as base64 text) and return its token.

    Raise StorageFull when the address's share would be exceeded, or the total and no address
    holds more than this one would (see make_room).
    """
    token = token or secrets.token_urlsafe(32)
    blob = crypto.encrypt(_key(token), json.dumps(content).encode(), CONTEXT)
    today = utcnow().date()
    owner = address_key(address, today)
    config = current_app.config
    with db.atomic():
        purge_expired()
        others = ReportDraft.token_digest != _digest(token)
        held_after = _stored_bytes(others, ReportDraft.address_key == owner) + len(blob)
        if held_after > config["DRAFTS_MAX_MB_PER_ADDRESS"] * MB:
            raise StorageFull()
        over = _stored_bytes(others) + len(blob) - config["DRAFTS_MAX_MB_TOTAL"] * MB
        if over > 0 and not make_room(over, owner, held_after, _digest(token)):
            raise StorageFull()
        fields = {
            "content": blob,
            "expires_at": expiry(today),
            "size": len(blob),
            "address_key": owner,
        }
        updated = (
            ReportDraft.update(**fields).where(ReportDraft.token_digest == _digest(token)).execute()
        )
        if not updated:
            ReportDraft.create(token_digest=_digest(token), **fields)
    return token


def make_room(needed: int, owner: str, held_after: int, digest: str) -> bool:
    """Delete drafts of the addresses holding more than `held_after` bytes, the heaviest
    address and its largest draft first, until `needed` bytes are free; tell whether they are.

    Only heavier addresses give way, so a flood from a few addresses makes room for everyone
    else, and someone holding little is never pushed out by someone holding more.
    """
    held = fn.SUM(ReportDraft.size)
    movable = (ReportDraft.address_key != owner) & (ReportDraft.token_digest != digest)
    while needed > 0:
        heaviest = (
            ReportDraft.select(ReportDraft.address_key)
            .where(movable)
            .group_by(ReportDraft.address_key)
            .having(held > held_after)
            .order_by(held.desc())
            .limit(1)
            .scalar()
        )
        if heaviest is None:
            return False
        largest = (
            ReportDraft.select(ReportDraft.id, ReportDraft.size)
            .where(movable & (ReportDraft.address_key == heaviest))
            .order_by(ReportDraft.size.desc())
            .first()
        )
        ReportDraft.delete().where(ReportDraft.id == largest.id).execute()
        needed -= largest.size
    return True


# Read on every view of the report form, with published content's counter (the form lists
# the advisers): its SQL is written once (database.Prepared).
_DRAFT_BY_DIGEST = Prepared(
    lambda digest: published.read_along(
        ReportDraft.select().where(ReportDraft.token_digest == digest)
    )
)


def load(token: str | None) -> dict | None:
    """Return the draft behind a token, or None when it is gone or expired."""
    if not token:
        return None
    found = _DRAFT_BY_DIGEST.rows(_digest(token))
    draft = found[0] if found else None
    if draft is not None:
        published.noted(draft)
    if draft is None or draft.expires_at <= utcnow():
        return None
    try:
        return json.loads(crypto.decrypt(_key(token), bytes(draft.content), CONTEXT))
    except crypto.DecryptionFailed:
        return None


def discard(token: str | None) -> None:
    if token:
        ReportDraft.delete().where(ReportDraft.token_digest == _digest(token)).execute()


def purge_expired() -> int:
    """Delete drafts past their lifetime; return how many."""
    return ReportDraft.delete().where(ReportDraft.expires_at <= utcnow()).execute()


def encode_file(data: bytes) -> str:
    return base64.b64encode(data).decode()


def decode_file(text: str) -> bytes:
    return base64.b64decode(text)

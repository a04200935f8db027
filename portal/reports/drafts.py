"""Reports being written, kept encrypted under a key only the reporter's browser holds.

The browser keeps a random token in its session cookie; the database keeps the SHA-256 of
the token and the draft encrypted under a key derived from it. A draft lives until the end of
the next calendar day (the reporter's path keeps no clock). Storage is capped per (daily-hashed)
address and in total, and expired drafts are purged whenever a draft is written.
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

    Raise StorageFull when the address's share or the total draft storage would be exceeded.
    """
    token = token or secrets.token_urlsafe(32)
    blob = crypto.encrypt(_key(token), json.dumps(content).encode(), CONTEXT)
    today = utcnow().date()
    owner = address_key(address, today)
    config = current_app.config
    with db.atomic():
        purge_expired()
        others = ReportDraft.token_digest != _digest(token)
        if (
            _stored_bytes(others, ReportDraft.address_key == owner) + len(blob)
            > config["DRAFTS_MAX_MB_PER_ADDRESS"] * MB
            or _stored_bytes(others) + len(blob) > config["DRAFTS_MAX_MB_TOTAL"] * MB
        ):
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

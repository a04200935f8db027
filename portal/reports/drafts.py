"""Reports being written, kept encrypted under a key only the reporter's browser holds.

The browser keeps a random token in its session cookie; the database keeps the SHA-256 of
the token and the draft encrypted under a key derived from it. A draft lives a day at most.
"""

import base64
import hashlib
import json
import secrets
from datetime import timedelta

from portal import crypto
from portal.accounts.models import utcnow
from portal.reports.models import ReportDraft

LIFETIME = timedelta(hours=24)
CONTEXT = b"vertrouwd|v1|draft"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _key(token: str) -> bytes:
    return hashlib.blake2b(token.encode(), digest_size=32, person=b"vertrouwd-draft").digest()


def save(token: str | None, content: dict) -> str:
    """Store the draft (JSON-able, files as base64 text) and return its token."""
    token = token or secrets.token_urlsafe(32)
    blob = crypto.encrypt(_key(token), json.dumps(content).encode(), CONTEXT)
    expires = utcnow() + LIFETIME
    updated = (
        ReportDraft.update(content=blob, expires_at=expires)
        .where(ReportDraft.token_digest == _digest(token))
        .execute()
    )
    if not updated:
        ReportDraft.create(token_digest=_digest(token), content=blob, expires_at=expires)
    return token


def load(token: str | None) -> dict | None:
    """Return the draft behind a token, or None when it is gone or expired."""
    if not token:
        return None
    draft = ReportDraft.get_or_none(
        (ReportDraft.token_digest == _digest(token)) & (ReportDraft.expires_at > utcnow())
    )
    if draft is None:
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

"""What the owner last saw of their record, kept with them: an anchor the database cannot undo.

The chain (chain.py) shows a change made to one part of the record behind the portal's back.
It cannot show that the whole record was put back to an older copy: an older manifest with the
entries it lists is consistent with itself. So the browser keeps, in an HttpOnly cookie, how
many changes the record had when its owner last looked and the chain head then, encrypted under
a key only the owner's door can make (from their private key, or from the record's data key for
a record kept by its code). Whoever holds the database and the portal's secret key can neither
read nor roll back that cookie. On the next visit the record is compared with it:

- the same number of changes and the same head: nothing changed since they last looked;
- more changes: changed since (by the owner on another device: the anchor moves forward);
- fewer changes, or the same number with another head, or no record at all: the record is
  behind what they saw. The page says so until the owner chooses to accept it as it is now.

Without an anchor (another browser, cookies cleared) the page claims only that the record is
consistent. Every signed-in person gets a cookie of the same size, whether they keep a record
or not (random bytes when there is nothing to anchor), so the cookie does not tell either.
"""

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from enum import StrEnum

from flask import after_this_request, current_app, request

from portal.platform import crypto

CONTEXT = b"vertrouwd|v1|record-anchor"
ACCOUNT_COOKIE = "record_anchor"  # My record, opened with the account
CODE_COOKIE = "record_code_anchor"  # a record kept by its code
PLAIN_SIZE = 112  # the JSON below, padded: every anchor has the same length
MAX_AGE = 400 * 24 * 3600  # as long as browsers keep a cookie


class State(StrEnum):
    NONE = "none"  # nothing to compare with: this browser has no anchor for the record
    MATCHES = "matches"  # nothing changed since the owner last looked
    AHEAD = "ahead"  # changed since, through the portal (another device)
    BEHIND = "behind"  # what the owner saw is gone: an older copy, or removed


@dataclass(frozen=True)
class Anchor:
    sequence: int  # changes ever saved to the record
    head: str  # its chain head


def key_from(secret: bytes) -> bytes:
    """Derive the anchor's key from a secret only the owner's door holds."""
    return hashlib.blake2b(bytes(secret), digest_size=32, person=b"vertrouwd-anchor").digest()


def seal(key: bytes, anchor: Anchor) -> str:
    """Encrypt an anchor to a cookie value of fixed length."""
    plain = json.dumps({"s": anchor.sequence, "h": anchor.head}).encode().ljust(PLAIN_SIZE)
    return base64.urlsafe_b64encode(crypto.encrypt(key, plain, CONTEXT)).decode()


def blank() -> str:
    """Return random bytes as long as a sealed anchor: the cookie of someone with no record."""
    length = len(base64.urlsafe_b64decode(seal(bytes(32), Anchor(0, ""))))
    return base64.urlsafe_b64encode(secrets.token_bytes(length)).decode()


def read(key: bytes, value: str | None) -> Anchor | None:
    """Open a cookie's anchor; None when there is none, or it is not this record's."""
    if not value:
        return None
    try:
        plain = crypto.decrypt(key, base64.urlsafe_b64decode(value.encode()), CONTEXT)
        stored = json.loads(plain)
        return Anchor(int(stored["s"]), str(stored["h"]))
    except (crypto.DecryptionFailed, ValueError, KeyError, TypeError):
        return None


def compare(anchor: Anchor | None, now: Anchor | None) -> State:
    """Compare the record as it is now (None: there is none) with what the owner last saw."""
    if anchor is None:
        return State.NONE
    if now is None:
        return State.BEHIND if anchor.sequence > 0 else State.NONE
    if now.sequence < anchor.sequence:
        return State.BEHIND
    if now.sequence == anchor.sequence:
        return State.MATCHES if now.head == anchor.head else State.BEHIND
    return State.AHEAD


def keep(cookie: str, value: str) -> None:
    """Send the cookie with this request's response: HttpOnly, for the whole portal."""

    @after_this_request
    def set_cookie(response):
        response.set_cookie(
            cookie,
            value,
            max_age=MAX_AGE,
            httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            samesite="Lax",
        )
        return response


def give_blank(cookie: str) -> None:
    """Give this browser an anchor cookie of the usual size when it has none yet."""
    if not request.cookies.get(cookie):
        keep(cookie, blank())

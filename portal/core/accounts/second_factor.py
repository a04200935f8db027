"""The TOTP second factor: secrets, verification without replay, and the QR code as SVG."""

import base64
import hashlib
import hmac
import time

import pyotp
import segno
from flask import Flask, current_app, has_app_context
from markupsafe import Markup
from peewee import CharField

from portal.platform import crypto

ISSUER = "Vertrouwd"
SEALED_PREFIX = "v1:"
SECRET_CONTEXT = b"vertrouwd|v1|totp-secret"


_bound: dict[str, bytes] = {}  # the storage key of the app bound last (for scripts and tests)


def init_app(app: Flask) -> None:
    """Bind the storage key, as the database is bound, for code that runs outside a request."""
    _bound["key"] = crypto.key_from_secret(app.config["SECRET_KEY"], "totp-secret")


def _storage_key() -> bytes:
    if has_app_context():
        return crypto.key_from_secret(current_app.config["SECRET_KEY"], "totp-secret")
    return _bound["key"]


def seal_secret(secret: str) -> str:
    """Encrypt a TOTP secret for storage under a key derived from the app's secret key."""
    blob = crypto.encrypt(_storage_key(), secret.encode(), SECRET_CONTEXT)
    return SEALED_PREFIX + base64.b64encode(blob).decode()


def open_secret(stored: str) -> str:
    """Decrypt what seal_secret() stored, or raise crypto.DecryptionFailed."""
    if not stored.startswith(SEALED_PREFIX):
        raise crypto.DecryptionFailed()
    blob = base64.b64decode(stored[len(SEALED_PREFIX) :])
    return crypto.decrypt(_storage_key(), blob, SECRET_CONTEXT).decode()


class SealedSecretField(CharField):
    """A TOTP secret: the model sees it in clear, the database holds it encrypted."""

    def db_value(self, value):
        return None if value is None else seal_secret(value)

    def python_value(self, value):
        return None if value is None else open_secret(value)


def new_secret() -> str:
    """Return a fresh base32 TOTP secret."""
    return pyotp.random_base32()


def enrolment_secret(server_secret: str, session_digest: str) -> str:
    """Derive the secret offered for enrolment: stable for this session, kept nowhere."""
    mac = hmac.new(server_secret.encode(), b"totp-enrol|" + session_digest.encode(), hashlib.sha256)
    return base64.b32encode(mac.digest()[:20]).decode()


def provisioning_uri(secret: str, account: str) -> str:
    """Return the otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_svg(uri: str) -> Markup:
    """Render the address as an inline SVG QR code (no script, no style attribute)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff")
    return Markup(svg)  # noqa: S704 - segno's own markup of a URI we built


def _steps_of(secret: str, code: str, at: float | None) -> list[int]:
    """Return the time steps near now (one step of clock drift either way) the code is for."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return []
    totp = pyotp.TOTP(secret)
    now = at if at is not None else time.time()
    step = int(now // totp.interval)
    return [
        candidate
        for candidate in (step, step - 1, step + 1)
        if pyotp.utils.strings_equal(totp.generate_otp(candidate), code)
    ]


def matching_step(secret: str, code: str, last_step: int, at: float | None = None) -> int | None:
    """Return the time step the code belongs to, if valid and newer than last_step."""
    return next((s for s in _steps_of(secret, code, at) if s > last_step), None)


def just_used(secret: str, code: str, last_step: int, at: float | None = None) -> bool:
    """Tell whether the code is a right one that was already used (a second sign-in within
    the same half minute): not a guess, so it should not count as a wrong code."""
    steps = _steps_of(secret, code, at)
    return bool(steps) and all(s <= last_step for s in steps)


def current_code(secret: str) -> str:
    """Return the code valid now (used only by the demo's second-factor hint)."""
    return pyotp.TOTP(secret).now()

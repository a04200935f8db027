"""The TOTP second factor: secrets, verification without replay, and the QR code as SVG."""

import time

import pyotp
import segno
from markupsafe import Markup

ISSUER = "Vertrouwd"


def new_secret() -> str:
    """Return a fresh base32 TOTP secret."""
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    """Return the otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_svg(uri: str) -> Markup:
    """Render the address as an inline SVG QR code (no script, no style attribute)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff")
    return Markup(svg)  # noqa: S704 - segno's own markup of a URI we built


def matching_step(secret: str, code: str, last_step: int, at: float | None = None) -> int | None:
    """Return the time step the code belongs to, if valid and newer than last_step."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = at if at is not None else time.time()
    step = int(now // totp.interval)
    for candidate in (step, step - 1, step + 1):  # one step of clock drift either way
        if candidate > last_step and pyotp.utils.strings_equal(totp.generate_otp(candidate), code):
            return candidate
    return None


def current_code(secret: str) -> str:
    """Return the code valid now (used only by the demo's second-factor hint)."""
    return pyotp.TOTP(secret).now()

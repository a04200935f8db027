"""Safe redirect targets: only paths on this site, never another host."""

from urllib.parse import urlsplit


def safe_next(target: str | None, fallback: str) -> str:
    """Return the target when it is a local path, else the fallback (no open redirects)."""
    if not target:
        return fallback
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return fallback
    return target

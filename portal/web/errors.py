"""Error pages in the person's language that never show internals, and logs without content."""

import logging
import traceback

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.platform.i18n import lazy_gettext as _l

log = logging.getLogger(__name__)

# Fixed phrases of the database's own errors: they hold no content, and tell an operator (and
# bench/soak.py) what went wrong. Any other message is never logged.
KNOWN_CAUSES = ("database is locked", "disk I/O error", "database or disk is full")

MESSAGES = {
    400: (
        _l("This request could not be handled"),
        _l("Something in the request was not right. Go back and try again."),
    ),
    403: (
        _l("No access"),
        _l("You do not have access to this page. If you think you should, ask your administrator."),
    ),
    404: (
        _l("Page not found"),
        _l("This page does not exist (any more). Check the address or start from the home page."),
    ),
    405: (
        _l("This request could not be handled"),
        _l("This page cannot be used in this way. Go back and try again."),
    ),
    413: (
        _l("Too large"),
        _l(
            "What you sent is larger than the portal accepts. Make files smaller or send fewer at once."
        ),
    ),
    429: (
        _l("Too many attempts"),
        _l("There were too many attempts in a short time. Wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l(
            "The portal could not finish this request. Nothing you sent was shown to anyone. Please try again later."
        ),
    ),
}
# Form fields never echoed back into a page, whatever happens.
SECRET_FIELDS = ("password", "code", "csrf_token", "receipt")


def render_error(status: int, retry_after: int | None = None):
    """Render the error page for a status code."""
    title, message = MESSAGES.get(status, MESSAGES[500])
    response = render_template("errors/error.html", status=status, title=title, message=message)
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return response, status, headers


def is_same_origin() -> bool:
    """Tell whether the browser says the request came from our own pages."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin") or ""
    return origin.rstrip("/") == request.host_url.rstrip("/")


def kept_fields() -> list[tuple[str, str]]:
    """Return the typed form fields worth giving back (no secrets, no empty ones)."""
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if value and not any(secret in name.lower() for secret in SECRET_FIELDS)
    ]


def handle_csrf(_error: CSRFError):
    """Explain the missing or stale form token; give typed text back to resend from our pages."""
    fields = kept_fields() if is_same_origin() else []
    page = render_template(
        "errors/csrf.html", fields=fields, action=request.path, had_files=bool(request.files)
    )
    return page, 400


def handle_http(error: HTTPException):
    retry_after = getattr(error, "retry_after", None)
    return render_error(error.code or 500, retry_after)


def handle_unexpected(error: Exception):
    """Log where it failed (no message: it may hold report text) and show a calm page."""
    if isinstance(error, HTTPException) and not isinstance(error, InternalServerError):
        return handle_http(error)
    original = getattr(error, "original_exception", None) or error
    frames = traceback.extract_tb(original.__traceback__)
    where = " <- ".join(
        f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames)
    )
    cause = next((c for c in KNOWN_CAUSES if c == str(original)), None)
    name = f"{type(original).__name__} ({cause})" if cause else type(original).__name__
    log.error("unhandled %s at %s", name, where or "unknown place")
    return render_error(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)

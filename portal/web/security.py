"""Security headers on every response, and the proxy setup for running behind HTTPS."""

import re
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]+)?")  # nothing that could end the directive


@lru_cache(maxsize=8)
def policy_for(*destinations: str) -> str:
    """The policy, with the origins a form may lead to allowed as a form's destination.

    The quick exit is a form posted to /exit, which redirects to the neutral site; signing out
    after a sign-in through the organisation's provider redirects to the provider. Browsers
    hold such a redirect to form-action, and a blocked one would leave the page on screen.
    """
    origins = []
    for url in destinations:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and HOST.fullmatch(parts.netloc):
            origins.append(f"{parts.scheme}://{parts.netloc}")  # a path on the portal: 'self'
    if not origins:
        return CONTENT_SECURITY_POLICY
    allowed = " ".join(dict.fromkeys(origins))
    return CONTENT_SECURITY_POLICY.replace("form-action 'self'", f"form-action 'self' {allowed}")


def apply_headers(response):
    """Add the security headers; never let a dynamic page be cached."""
    headers = response.headers
    config = current_app.config
    headers["Content-Security-Policy"] = policy_for(config["QUICK_EXIT_URL"], config["OIDC_ISSUER"])
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def reject_nul_characters():
    """Refuse input holding NUL characters: nobody types them, and PostgreSQL cannot store them."""
    values = [*request.args.values(), *(request.form.values() if request.method == "POST" else [])]
    if any("\x00" in value for value in values):
        abort(400)


def init_app(app: Flask) -> None:
    app.before_request(reject_nul_characters)
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    app.after_request(apply_headers)

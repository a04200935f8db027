"""One helper decides whether a request gets the full page or only its fragment."""

from flask import render_template, request
from htmx_flask import make_response
from markupsafe import Markup


def wants_fragment() -> bool:
    """Tell whether this is a genuine htmx request (not boosted, not a history restore)."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page(page: str, fragment: str | Markup, status: int = 200, **context):
    """Render the full page, or only the fragment it includes for htmx; vary on HX-Request.

    The fragment is a template's name, or its HTML already rendered (kept, see published.py).
    """
    if not wants_fragment():
        body = render_template(page, **context)
    elif isinstance(fragment, Markup):
        body = fragment
    else:
        body = render_template(fragment, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response

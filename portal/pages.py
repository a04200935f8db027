"""One helper decides whether a request gets the full page or only its fragment."""

from flask import render_template, request
from htmx_flask import make_response


def wants_fragment() -> bool:
    """Tell whether this is a genuine htmx request (not boosted, not a history restore)."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page(page: str, fragment: str, status: int = 200, **context):
    """Render the full page, or only the fragment it includes for htmx; vary on HX-Request."""
    template = fragment if wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response

"""One helper decides whether a request gets the full page or only its fragment."""

from urllib.parse import quote

from flask import Flask, current_app, render_template, request, url_for
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


class LinkPattern:
    """One endpoint's address for every row of a list: url_for once, each row's value put in.

    A list of fifty rows called url_for fifty times, each time building the address through
    the routing map; this builds it once with a placeholder and fills in the value.
    """

    PLACEHOLDER = "__row__"

    def __init__(self, endpoint: str, name: str, **values) -> None:
        self._address = url_for(endpoint, **{name: self.PLACEHOLDER}, **values)

    def __call__(self, value: object) -> str:
        return self._address.replace(self.PLACEHOLDER, quote(str(value), safe="!$&'()*+,:;=@"))


def asset(filename: str) -> str:
    """The address of a static file, built once per worker (every page links the same four)."""
    built = current_app.extensions.setdefault("asset_urls", {})
    key = (request.script_root, filename)
    if key not in built:
        built[key] = url_for("static", filename=filename)
    return built[key]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset"] = asset

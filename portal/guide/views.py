"""The guide's pages, open to everyone, signed in or not."""

from flask import Blueprint, abort, render_template
from flask_babel import get_locale

from portal import access
from portal.guide import pages

bp = Blueprint("guide", __name__, url_prefix="/guide")


@bp.get("/")
@access.public
def index():
    """List the guide's pages."""
    return render_template("guide/index.html", pages=pages.all_pages(str(get_locale())))


@bp.get("/<slug>")
@access.public
def page(slug: str):
    """Show one guide page."""
    locale = str(get_locale())
    try:
        shown = pages.load(slug, locale)
    except pages.PageNotFound:
        abort(404)
    return render_template("guide/page.html", page=shown, wanted_locale=locale)

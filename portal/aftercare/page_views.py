"""HR's pages for everyone signed in: the policy "who does what" and the conduct agreements
(with their poster and flyer); HR edits both languages side by side, with versions."""

from flask import abort, current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.aftercare import pages, posters
from portal.aftercare.blueprint import bp
from portal.aftercare.forms import PageForm
from portal.core.accounts.roles import Role
from portal.platform.i18n import force_locale
from portal.platform.rich_text import render_markdown
from portal.web import access, bilingual_views


def heading(page: str) -> str:
    """Name an HR page in the reader's language."""
    return _("Our policy: who does what") if page == "policy" else _("Conduct agreements")


def show(page: str):
    """Render an HR page in the reader's language, else in the other one."""
    locale = str(get_locale())
    version = pages.shown(page, locale)
    return render_template(
        "aftercare/page.html",
        page=page,
        heading=heading(page),
        version=version,
        body=render_markdown(version.body) if version else None,
        fallback=version is not None and version.locale != locale,
        formats=posters.FORMATS,
    )


def edit(page: str):
    """Show the side-by-side editor of an HR page, or save a version per changed language."""
    form = PageForm()
    if request.method == "GET":
        for loc, draft in pages.drafts_of(page).items():
            form[f"title_{loc}"].data, form[f"body_{loc}"].data = draft.title, draft.body
    drafts = {
        loc: pages.Draft.from_fields(form[f"title_{loc}"].data, form[f"body_{loc}"].data)
        for loc in pages.LOCALES
    }
    return bilingual_views.save(
        form,
        lambda: (page, pages.save(page, drafts, current_user)),
        bilingual_views.PAGE,
        then=url_for(f"aftercare.{page}"),
        page=lambda: render_template(
            "aftercare/page_edit.html", form=form, page=page, heading=heading(page)
        ),
    )


def history(page: str):
    """Show every version of an HR page."""
    versions = [(v, render_markdown(v.body)) for v in pages.history(page)]
    return render_template(
        "aftercare/page_history.html", page=page, heading=heading(page), versions=versions
    )


@bp.get("/policy")
@access.signed_in
def policy():
    """Show the organisation's policy on online harassment: who does what."""
    return show("policy")


@bp.route("/policy/edit", methods=["GET", "POST"])
@access.roles(Role.HR)
def edit_policy():
    """Change the policy, Dutch and English side by side."""
    return edit("policy")


@bp.get("/policy/history")
@access.roles(Role.HR)
def policy_history():
    """List every version of the policy."""
    return history("policy")


@bp.get("/conduct")
@access.signed_in
def conduct():
    """Show the conduct agreements with clients, with the poster and flyer to print."""
    return show("conduct")


@bp.route("/conduct/edit", methods=["GET", "POST"])
@access.roles(Role.HR)
def edit_conduct():
    """Change the conduct agreements, Dutch and English side by side."""
    return edit("conduct")


@bp.get("/conduct/history")
@access.roles(Role.HR)
def conduct_history():
    """List every version of the conduct agreements."""
    return history("conduct")


@bp.get("/conduct/<kind>/<locale>.pdf")
@access.signed_in
def conduct_pdf(kind: str, locale: str):
    """Send the poster (A3, A4) or flyer (A5) of the conduct agreements in one language."""
    version = pages.latest("conduct").get(locale)
    if kind not in posters.FORMATS or version is None:
        abort(404)
    organisation = current_app.config["ORGANISATION_NAME"]
    portal_url = current_app.config["PORTAL_URL"]
    with force_locale(locale):
        footer = _("These are the agreements of %(organisation)s.", organisation=organisation)
        scan_text = _("Scan for the agreements and our confidential advisers")
        data = posters.conduct_pdf(
            kind, version.title, version.body, organisation, footer, portal_url, locale, scan_text
        )
    response = current_app.response_class(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{kind}-{locale}.pdf"'
    return response

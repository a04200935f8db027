"""HR's pages for everyone signed in: the policy "who does what" and the conduct agreements
(with their poster and flyer); HR edits both languages side by side, with versions."""

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.aftercare import announcements, logo, pages, posters, protocol
from portal.aftercare import policy as structure
from portal.aftercare.blueprint import bp
from portal.aftercare.forms import PageForm
from portal.aftercare.policy_forms import AnnounceForm
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.platform.i18n import force_locale
from portal.platform.rich_text import render_markdown
from portal.web import access, bilingual_views, form_views


def heading(page: str) -> str:
    """Name an HR page in the reader's language."""
    return _("Our policy: who does what") if page == "policy" else _("Conduct agreements")


def show(page: str, announce_form: AnnounceForm | None = None):
    """Render an HR page in the reader's language, else in the other one; for HR with the
    announcement form and how many opened each announcement."""
    locale = str(get_locale())
    version = pages.shown(page, locale)
    hr = current_user.has_role(Role.HR)
    return render_template(
        "aftercare/page.html",
        page=page,
        heading=heading(page),
        version=version,
        body=render_markdown(version.body) if version else None,
        fallback=version is not None and version.locale != locale,
        formats=posters.FORMATS,
        locale=locale,
        protocol=protocol,
        rules=structure.rules() if page == "policy" else [],
        contacts=structure.contacts() if page == "policy" else [],
        announce_form=announce_form or (AnnounceForm(formdata=None) if hr else None),
        tallies=announcements.tallies(page) if hr else [],
        has_logo=hr and page == "conduct" and logo.current() is not None,
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
            kind,
            version.title,
            version.body,
            organisation,
            footer,
            portal_url,
            locale,
            scan_text,
            logo.data_uri(),
        )
    response = current_app.response_class(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{kind}-{locale}.pdf"'
    return response


@bp.post("/<any(policy, conduct):page>/announce")
@access.roles(Role.HR)
def announce(page: str):
    """Tell all staff that the policy or the conduct agreements are new or changed."""
    form = AnnounceForm()
    return form_views.submit(
        form,
        lambda: announcements.announce(
            page, form.note_nl.data, form.note_en.data, current_user, clock.today()
        ),
        {
            announcements.NothingToAnnounce: form_views.on_form(
                form, _("Write the page first: there is nothing to announce yet.")
            ),
            announcements.NoteTooLong: form_views.on_form(form, _("The note is too long.")),
        },
        saved=_("Everyone will see the announcement on their home page until they open it."),
        then=url_for(f"aftercare.{page}") + "#announce",
        page=lambda: show(page, announce_form=form),
    )


@bp.post("/announcements/<int:announcement_id>/open")
@access.signed_in
def open_announcement(announcement_id: int):
    """Open an announcement: it leaves the home page, it is counted once, the page opens."""
    try:
        announcement = announcements.open_announcement(current_user, announcement_id)
    except announcements.AnnouncementUnknown:
        abort(404)
    return redirect(url_for(f"aftercare.{announcement.page}"), code=303)


def my_announcements() -> list[dict]:
    """Return the announcements the signed-in person has not opened, for their home page."""
    if not current_user.is_authenticated:
        return []
    locale = str(get_locale())
    return [
        {
            "id": a.id,
            "page": a.page,
            "heading": heading(a.page),
            "announced_on": a.announced_on,
            "note": announcements.note_in(a, locale),
        }
        for a in announcements.unread_for(current_user)
    ]


@bp.app_context_processor
def announcement_notices() -> dict:
    """Offer templates the announcements the signed-in person has not opened yet."""
    return {"aftercare_announcements_for_me": my_announcements}

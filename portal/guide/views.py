"""The guide: pages and the guided check for everyone; HR edits the pages."""

from flask import abort, current_app, render_template, request, url_for
from flask_login import current_user

from portal.core.accounts.roles import Role
from portal.guide import check as guided
from portal.guide import editing, pages
from portal.guide.blueprint import bp
from portal.guide.forms import GuidePageForm
from portal.platform import published
from portal.platform.i18n import current_locale
from portal.platform.rich_text import render_markdown
from portal.web import access, bilingual_views
from portal.web.pages import render_page, wants_fragment


@bp.get("/")
@access.public
def index():
    """List the guide's pages."""
    locale = current_locale()
    shown = published.kept(("guide_pages", locale), lambda: pages.all_pages(locale))
    return render_template("guide/index.html", pages=shown)


@bp.get("/<slug>")
@access.public
def page(slug: str):
    """Show one guide page, in the other language with a note when it is not translated."""
    locale = current_locale()
    try:  # a page that does not exist raises, so only pages that do are kept
        shown = published.kept(("guide_page", slug, locale), lambda: pages.load(slug, locale))
    except pages.PageNotFound:
        abort(404)
    return render_template("guide/page.html", page=shown, wanted_locale=locale)


def next_steps(outcome: guided.Outcome) -> list[dict]:
    """Link each next step to its part of the portal, or to a guide page while it does not exist."""
    steps = []
    for key in outcome.steps:
        step = guided.NEXT_STEPS[key]
        exists = step.endpoint in current_app.view_functions
        href = url_for(step.endpoint) if exists else url_for("guide.page", slug=step.guide_page)
        steps.append(
            {"key": key, "title": step.title, "text": step.text, "href": href, "direct": exists}
        )
    return steps


@bp.route("/check", methods=["GET", "POST"])
@access.public
def check():
    """Ask a few questions one at a time; end on the fitting guide page and next steps."""
    # No form class: the questions are data (guide/check.py), earlier answers come back as
    # hidden fields, and valid_answers() keeps only offered choices. CSRFProtect checks the post.
    answers = guided.valid_answers(request.form) if request.method == "POST" else {}
    step = request.form.get("step", "")
    unanswered = False
    if request.method == "POST" and "back" in request.form:
        answers = guided.go_back(answers, step)
    elif request.method == "POST":
        unanswered = step in guided.QUESTIONS and step not in answers
    question = guided.next_question(answers)
    context = {"answers": answers, "question": question, "unanswered": unanswered}
    if question is not None:
        context["number"], context["total"] = guided.step_number(question, answers)
    else:
        outcome = guided.outcome(answers)
        try:
            context["guide_page"] = pages.load(outcome.guide_page, current_locale())
        except pages.PageNotFound:
            context["guide_page"] = None
        context.update(outcome=outcome, steps=next_steps(outcome))
    return render_page("guide/check.html", "guide/_check.html", swapped=wants_fragment(), **context)


# HR: editing, previews and version history.


def drafts_from(form: GuidePageForm) -> dict[str, editing.Draft | None]:
    return {
        loc: editing.Draft.from_fields(form[f"title_{loc}"].data, form[f"body_{loc}"].data)
        for loc in pages.LOCALES
    }


def page_editor(entry):
    """Show the editor; preview, or save a version per changed language."""
    form = GuidePageForm()
    if request.method == "GET" and entry is not None:
        for loc, draft in editing.drafts_of(entry).items():
            form[f"title_{loc}"].data, form[f"body_{loc}"].data = draft.title, draft.body
    drafts = drafts_from(form)
    preview = None
    if form.is_submitted() and form.action.data == "preview":
        under = url_for("guide.index")
        preview = {
            loc: (d.title, render_markdown(d.body, links_under=under))
            for loc, d in drafts.items()
            if d
        }
        return render_page(
            "guide/edit.html", "guide/_preview.html", form=form, entry=entry, preview=preview
        )
    return bilingual_views.save(
        form,
        lambda: editing.save_page(entry, drafts, current_user),
        bilingual_views.PAGE,
        then=lambda saved: url_for("guide.edit_page", slug=saved.slug),
        page=lambda: render_template("guide/edit.html", form=form, entry=entry, preview=preview),
    )


@bp.get("/manage/")
@access.roles(Role.HR)
def manage():
    """List the guide's pages for HR, with who changed each language last."""
    return render_template("guide/manage.html", rows=editing.overview())


@bp.route("/manage/new", methods=["GET", "POST"])
@access.roles(Role.HR)
def new_page():
    """Write a new guide page."""
    return page_editor(None)


@bp.route("/manage/<slug>", methods=["GET", "POST"])
@access.roles(Role.HR)
def edit_page(slug: str):
    """Change a guide page, Dutch and English side by side."""
    try:
        entry = pages.find(slug)
    except pages.PageNotFound:
        abort(404)
    return page_editor(entry)


@bp.get("/manage/<slug>/history")
@access.roles(Role.HR)
def page_history(slug: str):
    """List every version of a page with who saved it and when."""
    try:
        entry, versions = editing.history(slug)
    except pages.PageNotFound:
        abort(404)
    under = url_for("guide.index")
    shown = [(version, render_markdown(version.body, links_under=under)) for version in versions]
    return render_template("guide/history.html", entry=entry, versions=shown)

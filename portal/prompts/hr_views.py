"""HR's prompt pages: editing with preview and versions, the schedule, coverage and CSV."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.core.accounts.roles import Role
from portal.guide import pages as guide_pages
from portal.platform.i18n import current_locale
from portal.platform.i18n import lazy_gettext as _l
from portal.platform.rich_text import render_markdown
from portal.prompts import library, lookup, meetings, schedule
from portal.prompts.blueprint import bp
from portal.prompts.forms import PromptForm, ScheduleForm
from portal.web import access, bilingual_views
from portal.web.pages import render_page


def field_message(field: str) -> str:
    messages = {
        "title": _("Fill in the title."),
        "intro": _("Fill in the introduction."),
        "case": _("Fill in the case or dilemma."),
        "questions": _(
            "Write %(min)d to %(max)d questions, one per line.",
            min=library.MIN_QUESTIONS,
            max=library.MAX_QUESTIONS,
        ),
    }
    return messages[field]


PROMPT_TEXTS = bilingual_views.Texts(
    _l("Write the prompt in at least one language."),
    _l("The prompt has been saved."),
    field_message,
    "title",
)


def drafts_from(form: PromptForm) -> dict[str, library.Draft | None]:
    return {
        loc: library.Draft.from_fields(
            *(form[f"{name}_{loc}"].data for name in ("title", "intro", "questions", "case"))
        )
        for loc in library.LOCALES
    }


def prompt_editor(prompt):
    """Show the editor; preview, or save a version per changed language."""
    form = PromptForm()
    form.guide_page.choices = [
        SelectChoice(slug, title) for slug, title in guide_pages.titles(current_locale()).items()
    ]
    if request.method == "GET" and prompt is not None:
        form.guide_page.data = prompt.guide_page
        for loc, draft in library.drafts_of(prompt).items():
            form[f"title_{loc}"].data, form[f"intro_{loc}"].data = draft.title, draft.intro
            form[f"questions_{loc}"].data = "\n".join(draft.questions)
            form[f"case_{loc}"].data = draft.case
    drafts = drafts_from(form)
    preview = None
    if form.is_submitted() and form.action.data == "preview":
        preview = {
            loc: {
                "title": d.title,
                "intro": render_markdown(d.intro),
                "questions": d.questions,
                "case": render_markdown(d.case),
            }
            for loc, d in drafts.items()
            if d
        }
        return render_page(
            "prompts/edit.html", "prompts/_preview.html", form=form, prompt=prompt, preview=preview
        )
    return bilingual_views.save(
        form,
        lambda: library.save_prompt(prompt, form.guide_page.data, drafts, current_user),
        PROMPT_TEXTS,
        then=lambda saved: url_for("prompts.edit", slug=saved.slug),
        page=lambda: render_template(
            "prompts/edit.html", form=form, prompt=prompt, preview=preview
        ),
    )


@bp.route("/new", methods=["GET", "POST"])
@access.roles(Role.HR)
def new():
    """Write a new prompt for the library."""
    return prompt_editor(None)


@bp.route("/library/<slug>/edit", methods=["GET", "POST"])
@access.roles(Role.HR)
def edit(slug: str):
    """Change a prompt, Dutch and English side by side."""
    return prompt_editor(lookup.prompt_or_404(slug))


@bp.get("/library/<slug>/history")
@access.roles(Role.HR)
def history(slug: str):
    """List every version of a prompt with who saved it and when."""
    prompt = lookup.prompt_or_404(slug)
    versions = [
        (version, render_markdown(version.intro), render_markdown(version.case_text))
        for version in library.history(prompt)
    ]
    return render_template("prompts/history.html", prompt=prompt, versions=versions)


def chosen_year() -> int:
    year = request.args.get("year", type=int) or schedule.today().year
    return min(max(year, 2000), 2100)


@bp.route("/schedule", methods=["GET", "POST"])
@access.roles(Role.HR)
def schedule_page():
    """List each month's prompt once; change one month (a prompt, or back to the rotation)."""
    year = chosen_year()
    months = schedule.months_of_year(year)
    plan = schedule.organisation_plan(months)
    titles = library.titles(current_locale())
    prompts = library.ordered()
    form = ScheduleForm()
    form.month.choices = [SelectChoice(str(m.month), format_date(m, "LLLL yyyy")) for m in months]
    form.prompt.choices = [SelectChoice("", _("The rotation"))] + [
        SelectChoice(str(p.id), titles.get(p.id, p.slug)) for p in prompts
    ]
    if form.validate_on_submit():
        month = months[int(form.month.data) - 1]
        chosen = int(form.prompt.data) if form.prompt.data else None
        schedule.set_organisation_prompts({month: chosen}, current_user)
        flash(_("%(month)s has been saved.", month=format_date(month, "LLLL yyyy")), "success")
        return redirect(url_for("prompts.schedule_page", year=year))
    rows = [(m, titles.get(plan[m].prompt_id, ""), plan[m].source) for m in months]
    return render_template(
        "prompts/schedule.html",
        form=form,
        year=year,
        rows=rows,
        organisation=schedule.Source.ORGANISATION,
    )


@bp.get("/coverage")
@access.roles(Role.HR)
def coverage():
    """Show every team by month: discussed, not yet or skipped; and coverage per month."""
    year = chosen_year()
    cover = meetings.coverage(year, schedule.today())
    return render_template(
        "prompts/coverage.html", cover=cover, labels=meetings.status_labels(), year=year
    )


@bp.get("/coverage.csv")
@access.roles(Role.HR)
def coverage_csv():
    """Download the coverage of a year as CSV."""
    year = chosen_year()
    cover = meetings.coverage(year, schedule.today())
    headers = [_("Team"), _("Month"), _("Status"), _("Date"), _("Present"), _("Prompt")]
    body = meetings.coverage_csv(
        cover, headers, meetings.status_labels(), library.titles(current_locale())
    )
    return (
        body,
        200,
        {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="coverage-{year}.csv"',
        },
    )

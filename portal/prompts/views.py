"""The team lead's monthly prompt, meeting view and history; the prompt library to read."""

from collections.abc import Callable
from datetime import date
from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.core.accounts.models import Team
from portal.core.accounts.roles import Role
from portal.guide import pages as guide_pages
from portal.platform import published
from portal.platform.i18n import current_locale, day_text
from portal.prompts import library, lookup, meetings, schedule
from portal.prompts.blueprint import bp
from portal.prompts.forms import ChoiceForm, DiscussedForm
from portal.prompts.models import Prompt
from portal.web import access
from portal.web.pages import render_page, wants_fragment


def led_team(team_id: int):
    """Return the team when the signed-in person leads it; 403 otherwise."""
    try:
        return schedule.team_led_by(current_user, team_id)
    except schedule.NotTheLead:
        abort(403)


def _text_or_none(prompt_id: int | None, locale: str) -> library.PromptText | None:
    prompt = Prompt.get_or_none(Prompt.id == prompt_id) if prompt_id else None
    return library.load(prompt, locale) if prompt else None


def text_or_none(prompt_id: int | None) -> library.PromptText | None:
    """The prompt's text in the page's language (kept per worker: published content)."""
    locale = current_locale()
    return published.kept(
        ("prompt_text", prompt_id, locale), lambda: _text_or_none(prompt_id, locale)
    )


def choice_form(planned: schedule.Planned, organisation: schedule.Planned) -> ChoiceForm:
    """Offer going back to the organisation's choice, then every other prompt (each once)."""
    locale = current_locale()
    titles = published.kept(("prompt_titles", locale), lambda: library.titles(locale))
    form = ChoiceForm(
        prompt=str(planned.prompt_id) if planned.source == schedule.Source.TEAM else ""
    )
    default = titles.get(organisation.prompt_id, "")
    form.prompt.choices = [
        SelectChoice("", _("The organisation's prompt: %(title)s", title=default))
    ] + [
        SelectChoice(str(p.id), titles.get(p.id, p.slug))
        for p in published.kept(("prompt_order",), library.ordered)
        if p.id != organisation.prompt_id
    ]
    return form


def discussed_form(discussion) -> DiscussedForm:
    if discussion is not None:
        return DiscussedForm(
            formdata=None,
            held_on=discussion.held_on,
            present=discussion.present,
            action_points=discussion.action_points,
            standing_question_asked=discussion.standing_question_asked,
        )
    return DiscussedForm(formdata=None, held_on=schedule.today())


def source_labels() -> dict:
    return {
        schedule.Source.TEAM: _("chosen by you for this team"),
        schedule.Source.ORGANISATION: _("chosen by HR for the whole organisation"),
        schedule.Source.ROTATION: _("this month's prompt in the yearly rotation"),
    }


@bp.get("/")
@access.roles(Role.TEAM_LEAD, Role.HR)
def this_month():
    """Show this month's prompt: the team's for a team lead, the organisation's for HR."""
    month = schedule.current_month()
    organisation = lookup.organisation_prompt(month)
    is_lead = current_user.has_role(Role.TEAM_LEAD)
    teams = meetings.teams_this_month(current_user, month, organisation) if is_lead else []
    wanted = request.args.get("team", type=int)
    shown = next((t for t in teams if t.team.id == wanted), teams[0] if teams else None)
    locale = current_locale()
    context = {
        "month": month,
        "teams": [t.team for t in teams],
        "team": shown.team if shown else None,
        "organisation": organisation,
        "is_lead": is_lead,
        "is_hr": current_user.has_role(Role.HR),
        "source_labels": source_labels(),
        "guide_titles": published.kept(
            ("guide_titles", locale), lambda: guide_pages.titles(locale)
        ),
    }
    if shown is not None:
        context.update(
            planned=shown.planned,
            prompt=text_or_none(shown.planned.prompt_id),
            discussion=shown.discussion,
            choice=choice_form(shown.planned, organisation),
            form=discussed_form(shown.discussion),
        )
    if context["is_hr"]:
        context["organisation_prompt"] = text_or_none(organisation.prompt_id)
    return render_template("prompts/this_month.html", **context)


@bp.post("/teams/<int:team_id>/choice")
@access.roles(Role.TEAM_LEAD)
def choose(team_id: int):
    """Let the team discuss another prompt this month, or go back to the organisation's."""
    team = led_team(team_id)
    month = schedule.current_month()
    form = choice_form(
        schedule.team_prompt(team, month), schedule.organisation_plan([month])[month]
    )
    if form.validate_on_submit():
        schedule.choose_for_team(
            team, month, int(form.prompt.data) if form.prompt.data else None, current_user
        )
        flash(_("Your team's prompt for this month has been changed."), "success")
    else:
        flash(_("Choose one of the prompts in the list."), "error")
    return redirect(url_for("prompts.this_month", team=team.id))


def month_page(page: str, fragment: str) -> Callable:
    """Run a view for the team the signed-in person leads (403 otherwise) and this month; render
    the context it returns into the page (its fragment for htmx) with both. A response it
    returns instead (a redirect) goes out as it is."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(team_id: int):
            team, month = led_team(team_id), schedule.current_month()
            context = view(team, month)
            if not isinstance(context, dict):
                return context
            return render_page(page, fragment, team=team, month=month, **context)

        return wrapper

    return decorate


@bp.route("/teams/<int:team_id>/discussed", methods=["GET", "POST"])
@access.roles(Role.TEAM_LEAD)
@month_page("prompts/discussed.html", "prompts/_discussed.html")
def discussed(team: Team, month: date):
    """Record that the team discussed the prompt: date, number present, action points."""
    discussion = meetings.discussion_in(team, month)
    form = DiscussedForm() if request.method == "POST" else discussed_form(discussion)
    saved = False
    if form.validate_on_submit():
        try:
            recorded = meetings.record_discussion(
                team,
                form.held_on.data,
                form.present.data,
                form.action_points.data,
                current_user,
                schedule.today(),
                form.standing_question_asked.data,
            )
        except meetings.DateOutOfRange:
            earliest = meetings.earliest_meeting_date(schedule.today())
            form.held_on.errors.append(
                _("Choose a date from %(date)s up to today.", date=day_text(earliest))
            )
        else:
            message = _(
                "Recorded: the team discussed the prompt of %(month)s.",
                month=format_date(recorded.month, "LLLL yyyy"),
            )
            if not wants_fragment():
                flash(message, "success")
                return redirect(url_for("prompts.this_month", team=team.id))
            discussion, saved = meetings.discussion_in(team, month), message
            form = discussed_form(discussion)
    return {"form": form, "discussion": discussion, "saved": saved}


@bp.get("/teams/<int:team_id>/meeting")
@access.roles(Role.TEAM_LEAD)
@month_page("prompts/meeting.html", "prompts/_slide.html")
def meeting(team: Team, month: date):
    """Show the prompt on a meeting-room screen, one question at a time."""
    prompt = text_or_none(schedule.team_prompt(team, month).prompt_id)
    if prompt is None:
        abort(404)
    last = len(prompt.questions) + 1  # 0: opening, 1..n: questions, n + 1: closing
    step = min(max(request.args.get("q", 0, type=int) or 0, 0), last)
    return {"prompt": prompt, "step": step, "last": last}


@bp.get("/teams/<int:team_id>/history")
@access.roles(Role.TEAM_LEAD, Role.HR)
def team_history(team_id: int):
    """List the team's last twelve months: prompt, discussed or not, and action points.

    The lead reads their own team's; HR, who sees every team's coverage, reads any team's.
    """
    if current_user.has_role(Role.HR):
        team = Team.get_or_none(Team.id == team_id) or abort(404)
    else:
        team = led_team(team_id)
    cells = meetings.team_history(team, schedule.today())
    plan = schedule.team_plan(team, [cell.month for cell in cells])
    return render_template(
        "prompts/team_history.html",
        team=team,
        is_lead=team.lead_id == current_user.id,
        cells=cells,
        plan=plan,
        titles=library.titles(current_locale()),
        labels=meetings.status_labels(),
    )


@bp.get("/library/")
@access.roles(Role.TEAM_LEAD, Role.HR)
def library_index():
    """List every prompt in the order of the default rotation."""
    return render_template("prompts/library.html", prompts=library.all_prompts(current_locale()))


@bp.get("/library/<slug>")
@access.roles(Role.TEAM_LEAD, Role.HR)
def show(slug: str):
    """Show one prompt in full."""
    prompt = library.load(lookup.prompt_or_404(slug), current_locale())
    return render_template(
        "prompts/show.html", prompt=prompt, guide_titles=guide_pages.titles(current_locale())
    )


# HR's pages live in their own module on this blueprint.

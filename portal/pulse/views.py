"""The team's pulse: a member answers once a month; a lead and HR read closed months."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts import sessions
from portal.core.accounts.models import Team
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.pulse import answering, results
from portal.pulse.blueprint import bp
from portal.pulse.forms import PulseForm
from portal.pulse.questions import QUESTIONS, STATEMENTS
from portal.web import access, form_views


@bp.route("/", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def answer():
    """The month's few questions, for a member of a team."""
    teams = answering.teams_of(current_user)
    private_key = sessions.vault_secret(current_user, "private_key")
    month = answering.month_of(clock.today())
    context = {
        "teams": teams,
        "month": month,
        "key_closed": private_key is None,
        "questions": QUESTIONS,
    }
    if not teams or private_key is None:
        return render_template("pulse/answer.html", **context)
    if answering.has_answered(private_key, month):
        return render_template("pulse/answer.html", answered=True, **context)
    form = PulseForm()
    form.team.choices = [(team.id, team.name) for team in teams]

    def count():
        given = {q.key: int(form[q.key].data) for q in QUESTIONS}
        answering.answer(current_user, form.team.data, given, private_key, clock.today())

    return form_views.submit(
        form,
        count,
        {
            answering.AlreadyAnswered: form_views.on_form(
                form, _("You answered this month already. Thank you.")
            ),
            answering.NotAMember: form_views.on_field(form.team, _("Choose one of your teams.")),
            answering.Incomplete: form_views.on_form(form, _("Answer every question.")),
        },
        saved=_("Thank you. Your answers are counted, without your name."),
        then=url_for("pulse.answer"),
        page=lambda: render_template("pulse/answer.html", form=form, **context),
    )


@bp.get("/results")
@access.roles(Role.TEAM_LEAD, Role.HR)
def overview():
    """The closed months of my teams (a lead), or of every team and the organisation (HR)."""
    is_hr = current_user.has_role(Role.HR)
    teams = (
        list(Team.select().order_by(Team.name))
        if is_hr
        else list(Team.select().where(Team.lead == current_user.id).order_by(Team.name))
    )
    shown = results.overview(teams, clock.today(), organisation=is_hr)
    rows = [(None, _("The whole organisation"))] if is_hr else []
    rows += [(team.id, team.name) for team in teams]
    return render_template(
        "pulse/results.html",
        shown=shown,
        rows=rows,
        statements=STATEMENTS,
        organisation=is_hr,
        minimum=results.minimum(),
    )

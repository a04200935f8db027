"""The administrator's pages: create people, give roles and teams, deactivate."""

import secrets
from collections.abc import Callable
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.admin import configuration, directory
from portal.admin.blueprint import bp
from portal.admin.forms import ActiveForm, DecisionForm, PersonForm, TeamForm
from portal.core.accounts import people, step_enrolments, step_resets
from portal.core.accounts import teams as team_rules  # `teams` is the list page's view
from portal.core.accounts.models import Person, Team
from portal.core.accounts.roles import Role, in_order
from portal.web import access, form_views
from portal.web.forms import ActionForm


def temporary_password() -> str:
    """Return a temporary password that is easy to pass on and meets the rules."""
    return "-".join(secrets.token_hex(3) for _ in range(4))


def person_or_404(person_id: int) -> Person:
    return Person.get_or_none(Person.id == person_id) or abort(404)


@bp.get("/people", endpoint="people")
@access.roles(Role.ADMIN)
def people_list():
    """List people, searchable by name or e-mail address, fifty to a page."""
    query = request.args.get("q", "").strip()[:200]
    page = max(1, request.args.get("page", 1, type=int) or 1)
    found = directory.search_people(query, page)
    return render_template(
        "admin/people.html",
        rows=found.rows,
        roles=found.roles,
        query=query,
        page=found.page,
        pages=found.pages,
        total=found.total,
    )


@bp.route("/people/new", methods=["GET", "POST"])
@access.roles(Role.ADMIN)
def new_person():
    """Create a person with a temporary password shown once."""
    form = PersonForm()
    if form.validate_on_submit():
        password = temporary_password()
        try:
            person = people.create_person(
                form.email.data,
                form.display_name.data,
                password,
                [Role(r) for r in form.roles.data],
                by=current_user,
            )
        except people.EmailTaken:
            form.email.errors.append(_("Someone already signs in with this e-mail address."))
        else:
            # Rendered, not redirected: the password must not travel through the session cookie.
            return render_template("admin/password_shown.html", person=person, password=password)
    return render_template("admin/person_form.html", form=form, person=None)


@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
@access.roles(Role.ADMIN)
def edit_person(person_id: int):
    """Change a person's name, e-mail address and roles."""
    person = person_or_404(person_id)
    form = PersonForm(obj=person)
    if request.method == "GET":
        form.roles.data = [r.value for r in person.roles | people.pending_roles(person)]

    def save() -> None:
        people.update_person(person, form.email.data, form.display_name.data)
        people.set_roles(person, [Role(r) for r in form.roles.data], by=current_user)

    return form_views.submit(
        form,
        save,
        {
            people.EmailTaken: form_views.on_field(
                form.email, _("Someone already signs in with this e-mail address.")
            ),
            people.LastAdministrator: form_views.on_field(
                form.roles, _("At least one active administrator must remain.")
            ),
        },
        saved=_("The changes have been saved."),
        then=url_for("admin.edit_person", person_id=person.id),
        page=lambda: render_template(
            "admin/person_form.html",
            form=form,
            person=person,
            teams=directory.teams_of(person),
            pending=in_order(people.pending_roles(person)),
            reset_waiting=person is not None and step_resets.waiting_for(person),
        ),
    )


@bp.post("/people/<int:person_id>/active")
@access.roles(Role.ADMIN)
def set_active(person_id: int):
    """Deactivate or reactivate a person."""
    person = person_or_404(person_id)
    form = ActiveForm()
    if not form.validate_on_submit():
        abort(400)
    active = form.active.data == "1"
    try:
        people.set_active(person, active)
    except people.LastAdministrator:
        flash(_("At least one active administrator must remain."), "error")
    else:
        flash(
            _("The account is active again.") if active else _("The account has been deactivated."),
            "success",
        )
    return redirect(url_for("admin.edit_person", person_id=person.id))


@bp.post("/people/<int:person_id>/password")
@access.roles(Role.ADMIN)
def reset_password(person_id: int):
    """Give a person a temporary password (it does not restore access to encrypted reports)."""
    person = person_or_404(person_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    password = temporary_password()
    people.reset_password(person, password, by=current_user)
    return render_template("admin/password_shown.html", person=person, password=password)


@bp.post("/people/<int:person_id>/second-factor")
@access.roles(Role.ADMIN)
def reset_second_factor(person_id: int):
    """Ask for a person's second step to be reset (a lost phone); a second person confirms."""
    person = person_or_404(person_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    return form_views.act(
        lambda: step_resets.ask(person, by=current_user),
        {
            step_resets.NoSecondStep: form_views.flashed(
                _("This person has no authenticator app set up: there is nothing to reset."),
                "info",
            )
        },
        saved=_(
            "Asked. The reset takes effect once a second person (HR, or another administrator) confirms it under Roles to confirm; then %(name)s sets up the authenticator app again at the next sign-in.",
            name=person.display_name,
        ),
        then=url_for("admin.edit_person", person_id=person.id),
    )


@bp.get("/teams")
@access.roles(Role.ADMIN)
def teams():
    """List the teams with their lead and size."""
    rows, leads = directory.teams_with_size()
    return render_template("admin/teams.html", rows=rows, leads=leads)


def fill_lead_choices(form: TeamForm) -> None:
    form.lead.choices = [SelectChoice("", _("(no lead yet)"))] + [
        SelectChoice(str(p.id), f"{p.display_name} ({p.email})") for p in directory.possible_leads()
    ]


@bp.route("/teams/new", methods=["GET", "POST"])
@access.roles(Role.ADMIN)
def new_team():
    """Create a team."""
    return team_form(None)


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@access.roles(Role.ADMIN)
def edit_team(team_id: int):
    """Change a team's name, lead and members."""
    return team_form(Team.get_or_none(Team.id == team_id) or abort(404))


def team_form(team: Team | None):
    form = TeamForm(obj=team)
    fill_lead_choices(form)
    waiting = team_rules.waiting(team) if team is not None else []
    if request.method == "GET" and team is not None:
        asked_lead = next((c.person_id for c in waiting if c.kind == team_rules.LEAD), None)
        form.lead.data = str(asked_lead or team.lead_id or "")
        asked = [c.person.email for c in waiting if c.kind == team_rules.MEMBER]
        form.members.data = "\n".join(sorted(directory.member_emails(team) + asked))
    return form_views.submit(
        form,
        lambda: team_rules.save_team_by_emails(
            team, form.name.data, form.lead.data or "", form.members.data or "", by=current_user
        ),
        {
            team_rules.UnknownEmails: form_views.on_field(
                form.members,
                lambda exc: _(
                    "No account has these addresses: %(list)s", list=", ".join(exc.emails)
                ),
            ),
            team_rules.TeamNameTaken: form_views.on_field(
                form.name, _("Another team already has this name.")
            ),
        },
        saved=_("The team has been saved."),
        then=url_for("admin.teams"),
        page=lambda: render_template("admin/team_form.html", form=form, team=team, waiting=waiting),
    )


@bp.get("/role-requests")
@access.roles(Role.HR, Role.ADMIN)
def role_requests():
    """List the trusted roles and second-step resets that wait for a second person."""
    return render_template(
        "admin/role_requests.html",
        requests=people.role_requests(),
        resets=step_resets.waiting(),
        team_changes=team_rules.waiting(),
        enrolments=[
            (e, step_enrolments.readable_fingerprint(e.person)) for e in step_enrolments.waiting()
        ],
        me=current_user.id,
        roles={r.value: r for r in Role},
    )


def decide(confirm: Callable[[], Any], decline: Callable[[], Any], declined: str, confirmed: str):
    """Confirm or decline a request that waits for a second person (a role, a second-step
    reset); nobody confirms their own, and a request dealt with already is said to be so."""
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    if form.decision.data == "decline":
        decline()
        flash(declined, "success")
        return redirect(url_for("admin.role_requests"))
    return form_views.act(
        confirm,
        {
            people.OwnRoleRequest: form_views.flashed(
                _(
                    "A second person must confirm this: not the person concerned, and not whoever asked for it."
                )
            ),
            people.RoleRequestGone: form_views.flashed(
                _("This request was already dealt with."), "info"
            ),
        },
        saved=confirmed,
        then=url_for("admin.role_requests"),
    )


@bp.post("/role-requests/<int:request_id>")
@access.roles(Role.HR, Role.ADMIN)
def decide_role_request(request_id: int):
    """Confirm a role (it takes effect) or decline it."""
    return decide(
        lambda: people.confirm_role(request_id, current_user),
        lambda: people.decline_role(request_id, current_user),
        declined=_("The role request is declined."),
        confirmed=_("The role is confirmed and takes effect now."),
    )


@bp.post("/second-step-resets/<int:request_id>")
@access.roles(Role.HR, Role.ADMIN)
def decide_second_step_reset(request_id: int):
    """Confirm a second-step reset (it takes effect) or decline it."""
    return decide(
        lambda: step_resets.confirm(request_id, current_user),
        lambda: step_resets.decline(request_id, current_user),
        declined=_("The reset is declined: the second step stays as it is."),
        confirmed=_("The second step is reset: the person sets it up again at the next sign-in."),
    )


@bp.post("/team-changes/<int:request_id>")
@access.roles(Role.HR, Role.ADMIN)
def decide_team_change(request_id: int):
    """Confirm a team's new lead or member (it takes effect) or decline it."""
    return decide(
        lambda: team_rules.confirm(request_id, current_user),
        lambda: team_rules.decline(request_id, current_user),
        declined=_("The team change is declined: the team stays as it is."),
        confirmed=_("The team change is confirmed and takes effect now."),
    )


@bp.post("/second-step-enrolments/<int:request_id>")
@access.roles(Role.HR, Role.ADMIN)
def decide_second_step_enrolment(request_id: int):
    """Confirm, after checking it with the person, an authenticator app set up after a password
    someone else set; or decline it (the app is forgotten)."""
    return decide(
        lambda: step_enrolments.confirm(request_id, current_user),
        lambda: step_enrolments.decline(request_id, current_user),
        declined=_("Declined: the authenticator app is forgotten and the person is signed out."),
        confirmed=_("The authenticator app is checked: the person can now sign in with it."),
    )


@bp.get("/settings")
@access.roles(Role.ADMIN)
def settings():
    """Show the settings the portal runs with (read only; secrets as set or not set)."""
    return render_template(
        "admin/settings.html",
        settings=configuration.current(current_app.config, current_app.instance_path),
    )

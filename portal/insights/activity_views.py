"""The advisers' activity register: list, add, change and delete the year's activities."""

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts.roles import Role
from portal.insights import activities
from portal.insights.blueprint import bp
from portal.insights.drafting import year_or_404
from portal.insights.forms import ActivityForm, SignForm
from portal.web import access, form_views


def _withdrawn_note(withdrawn: list[str]) -> None:
    if withdrawn:
        flash(
            _(
                "The draft changed, so the signatures are withdrawn (%(names)s). Every listed adviser signs again.",
                names=", ".join(withdrawn),
            ),
            "warning",
        )


def _problems(form: ActivityForm) -> dict:
    return {
        activities.BadActivity: form_views.on_field(
            form.month, _("Choose a month of this year, not in the future.")
        ),
        activities.NotYours: form_views.aborted(404),
    }


@bp.route("/<int:year>/activities", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def activity_register(year: int):
    """List the year's activities and add one."""
    year_or_404(year)
    today = date.today()
    form = ActivityForm(data={"month": str(today.month if year == today.year else 12)})

    def added():
        data = form_views.into(activities.NewActivity, form)
        _withdrawn_note(activities.add(year, current_user, data, date.today()))

    return form_views.submit(
        form,
        added,
        _problems(form),
        saved=_("The activity is added to the register."),
        then=url_for("insights.activity_register", year=year),
        page=lambda: (
            render_template(
                "insights/activities.html",
                year=year,
                form=form,
                entries=activities.of_year(year),
                counts=activities.counts(year),
                delete_form=SignForm(),
            ),
            400 if form.errors else 200,
        ),
    )


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def activity_edit(activity_id: int):
    """Change one of my activities."""
    try:
        entry = activities.own(activity_id, current_user)
    except activities.NotYours:
        abort(404)
    form = ActivityForm(
        data={
            "month": str(entry.month),
            "kind": entry.kind,
            "description": entry.description,
            "participants": entry.participants,
        }
    )

    def changed():
        data = form_views.into(activities.NewActivity, form)
        _withdrawn_note(activities.change(activity_id, current_user, data, date.today()))

    return form_views.submit(
        form,
        changed,
        _problems(form),
        saved=_("The activity is changed."),
        then=url_for("insights.activity_register", year=entry.year),
        page=lambda: (
            render_template("insights/activity_edit.html", entry=entry, form=form),
            400 if form.errors else 200,
        ),
    )


@bp.post("/activities/<int:activity_id>/delete")
@access.roles(Role.ADVISER)
def activity_delete(activity_id: int):
    """Delete one of my activities."""
    if not SignForm().validate_on_submit():
        abort(400)
    try:
        year, withdrawn = activities.delete(activity_id, current_user)
    except activities.NotYours:
        abort(404)
    flash(_("The activity is deleted."), "success")
    _withdrawn_note(withdrawn)
    return redirect(url_for("insights.activity_register", year=year))

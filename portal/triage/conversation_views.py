"""The adviser's side of a conversation request: record the meeting as an oral report, or
close the request once answered. Registered on the triage blueprint; the request itself is
shown on the report page (views.render_workspace picks its template)."""

from flask import abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.reports import conversation
from portal.reports.opening import OpenReport
from portal.triage.blueprint import bp
from portal.triage.conversation_forms import MinutesForm
from portal.triage.lookup import opened_or_404, with_form
from portal.triage.views import render_workspace
from portal.web import access
from portal.web.forms import ActionForm


def keep_typed(reference: str, opened: OpenReport, form: MinutesForm):
    """Show the request again with the minutes as typed and what is missing."""
    return render_workspace(opened, 400, minutes_form=form)


@bp.post("/<reference>/minutes")
@access.roles(Role.ADVISER)
@with_form(MinutesForm, keep_typed)
def record_minutes(reference: str, opened: OpenReport, form: MinutesForm):
    """Make the request an oral report with the meeting's minutes; the person confirms it."""
    try:
        conversation.record_minutes(
            opened,
            current_user,
            form.category.data,
            form.minutes.data,
            clock.today(),
            current_app.config["FIRST_CONTACT_WORKING_DAYS"],
        )
    except conversation.RequestError:
        flash(_("This request cannot become a report now."), "error")
    else:
        flash(
            _(
                "The minutes are now an oral report. The person reads them with their code (or under My reports) and confirms them."
            ),
            "success",
        )
    return redirect(url_for("triage.report", reference=reference))


@bp.post("/<reference>/close-request")
@access.roles(Role.ADVISER)
def close_request(reference: str):
    """Close an answered request (the conversation took place, the question was answered)."""
    opened = opened_or_404(reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        conversation.close(opened, clock.today())
    except conversation.RequestError:
        flash(_("This change is not possible now."), "error")
    else:
        flash(_("The request is closed."), "success")
    return redirect(url_for("triage.report", reference=reference))

"""The adviser's colleagues: ask the reporter to let a colleague take over or join, and the
stand-in's page for a colleague's report while that colleague is away.

Registered on the triage blueprint. The domain is reports/handover.py and reports/standin.py.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.reports import deadlines, handover, kinds, standin
from portal.reports.opening import OpenReport
from portal.triage.blueprint import bp
from portal.triage.colleague_forms import ColleagueForm
from portal.triage.lookup import opened_or_404, with_form
from portal.web import access
from portal.web.forms import ActionForm


def to_panel(reference: str) -> str:
    """Return the address of the report's colleagues panel."""
    return url_for("triage.report", reference=reference) + "#colleagues"


def _invalid(reference: str, opened: OpenReport, form: ColleagueForm):
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")
    return redirect(to_panel(reference))


@bp.post("/<reference>/colleague")
@access.roles(Role.ADVISER)
@with_form(ColleagueForm, _invalid)
def ask_colleague(reference: str, opened: OpenReport, form: ColleagueForm):
    """Ask the reporter to let a colleague take the report over, or join; they are told."""
    try:
        request = handover.ask(
            opened, current_user, form.colleague.data, form.kind.data, clock.today()
        )
    except handover.AlreadyAsked:
        flash(_("A request already waits for the reporter's answer."), "error")
    except handover.HandoverError:
        flash(_("Choose one of the colleagues in the list."), "error")
    else:
        flash(
            _(
                "Asked. %(name)s can read the report only after the reporter agrees.",
                name=request.colleague.display_name,
            ),
            "success",
        )
    return redirect(to_panel(reference))


@bp.post("/<reference>/colleague/<int:request_id>/withdraw")
@access.roles(Role.ADVISER)
def withdraw_colleague(reference: str, request_id: int):
    """Take back a request the reporter has not answered; the reporter is told."""
    opened = opened_or_404(reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        handover.withdraw(opened, current_user, request_id, clock.today())
    except handover.HandoverError:
        flash(_("The reporter answered this request already."), "info")
    else:
        flash(_("The request is taken back. The reporter has been told."), "success")
    return redirect(to_panel(reference))


def _line_or_404(reference: str) -> standin.StandInLine:
    try:
        return standin.standing_in_for(current_user, reference, clock.today())
    except standin.NoStandIn:
        abort(404)


@bp.get("/standing-in/<reference>")
@access.roles(Role.ADVISER)
def standing_in(reference: str):
    """Show a colleague's report I stand in for: reference, status and deadlines, no content."""
    line = _line_or_404(reference)
    report = line.report
    return render_template(
        "triage/standing_in.html",
        line=line,
        report=report,
        kinds=kinds,
        today=clock.today(),
        next_deadline=deadlines.next_deadline(report),
        acknowledgement_due=deadlines.acknowledgement_due(report),
        feedback_due=deadlines.feedback_due(report),
        is_overdue=deadlines.is_overdue,
    )


@bp.post("/standing-in/<reference>/acknowledge")
@access.roles(Role.ADVISER)
def acknowledge_standing_in(reference: str):
    """Acknowledge receipt of a colleague's report while they are away."""
    _line_or_404(reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        standin.acknowledge(current_user, reference, clock.today())
    except standin.NoStandIn:
        flash(_("This report was acknowledged already."), "info")
    else:
        flash(_("Receipt acknowledged. The reporter sees it on their page."), "success")
    return redirect(url_for("triage.standing_in", reference=reference))

"""The reporter's answer when a colleague would read their report: a hand-over or a colleague
added at the adviser's request, or the stand-in while the adviser is away.

Registered behind both doors (doors.py). Agreeing seals the report to the colleague with the
key this request opened the report with: the reporter's own.
"""

from flask import abort, flash, redirect
from flask_babel import gettext as _

from portal.followup import doors
from portal.platform import clock
from portal.reports import handover, opening, standin
from portal.web.forms import ActionForm


def _opened(door: doors.Door, reference: str | None) -> opening.OpenReport:
    opened = door.open(reference) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not opened.report.status.reporter_may_act:
        abort(404)
    return opened


def _back(door: doors.Door, reference: str | None):
    return redirect(door.url("report", reference) + "#who-answers")


@doors.route("/colleague/<int:request_id>/agree", "agree_colleague", ("POST",))
def agree_colleague(door: doors.Door, reference: str | None, request_id: int):
    """Let the colleague my adviser asked for read my report (and take it over, if asked)."""
    opened = _opened(door, reference)
    try:
        request = handover.agree(opened, request_id, clock.today())
    except handover.ColleagueKeyChanged:
        flash(
            _(
                "Nothing was passed on: this colleague's account changed since your adviser asked. Ask your adviser in a message what to do."
            ),
            "error",
        )
    except handover.HandoverError:
        abort(404)
    else:
        flash(
            _("%(name)s can now read your report.", name=request.colleague.display_name),
            "success",
        )
    return _back(door, reference)


@doors.route("/colleague/<int:request_id>/decline", "decline_colleague", ("POST",))
def decline_colleague(door: doors.Door, reference: str | None, request_id: int):
    """Say no: my report stays with my adviser."""
    opened = _opened(door, reference)
    try:
        handover.decline(opened, request_id, clock.today())
    except handover.HandoverError:
        abort(404)
    flash(_("Your report stays with your adviser. Nobody else can read it."), "success")
    return _back(door, reference)


@doors.route("/stand-in/agree", "agree_stand_in", ("POST",))
def agree_stand_in(door: doors.Door, reference: str | None):
    """Let the stand-in read and answer while my adviser is away."""
    opened = _opened(door, reference)
    try:
        person = standin.agree(opened, clock.today())
    except standin.NoStandIn:
        abort(404)
    flash(
        _("%(name)s can now read your report and answer you.", name=person.display_name), "success"
    )
    return _back(door, reference)


@doors.route("/stand-in/decline", "decline_stand_in", ("POST",))
def decline_stand_in(door: doors.Door, reference: str | None):
    """Wait for my own adviser: the stand-in keeps seeing only the dates."""
    opened = _opened(door, reference)
    try:
        standin.decline(opened, clock.today())
    except standin.NoStandIn:
        abort(404)
    flash(_("You wait for your own adviser. The stand-in cannot read your report."), "success")
    return _back(door, reference)

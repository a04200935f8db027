"""A notice without content when the adviser writes: the reporter gives an address for it, or
stops it. Registered behind both doors (doors.py); the address is sealed to the advisers at
once (reports/notice.py) and never shown again, not even to the reporter."""

from flask import abort, flash, redirect
from flask_babel import gettext as _

from portal.followup import doors
from portal.followup.forms import NoticeForm
from portal.reports import notice
from portal.web.forms import ActionForm


def _back(door: doors.Door, reference: str | None):
    return redirect(door.url("report", reference) + "#notice")


@doors.route("/notice", "ask_notice", ("POST",))
def ask_notice(door: doors.Door, reference: str | None):
    """Ask for a notice without content, at an address I give for it."""
    opened = door.open(reference) or abort(404)
    form = NoticeForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash(_("Fill in an e-mail address, such as name@example.org."), "error")
        return _back(door, reference)
    if not opened.report.status.reporter_may_act:
        abort(404)
    try:
        notice.ask(opened, form.address.data)
    except notice.NotForAnonymous:
        abort(404)
    except notice.BadAddress:
        flash(_("Fill in an e-mail address, such as name@example.org."), "error")
    else:
        flash(
            _("You will get a notice without content when your adviser writes."),
            "success",
        )
    return _back(door, reference)


@doors.route("/notice/stop", "stop_notice", ("POST",))
def stop_notice(door: doors.Door, reference: str | None):
    """Stop the notices: the address is forgotten."""
    opened = door.open(reference) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    notice.stop(opened)
    flash(_("No more notices. Your address is deleted."), "success")
    return _back(door, reference)

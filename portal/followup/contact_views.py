"""How we stay in touch, as the reporter agrees it: a return day, or the adviser's offer.

Registered behind both doors (doors.py), like the other choices on the report page.
"""

from datetime import date

from flask import abort, flash, redirect, request
from flask_babel import gettext as _

from portal.followup import doors
from portal.platform import clock
from portal.reports import contact, opening
from portal.web.forms import ActionForm


def _back(door: doors.Door, reference: str | None):
    return redirect(door.url("report", reference) + "#contact")


def _opened(door: doors.Door, reference: str | None) -> opening.OpenReport:
    opened = door.open(reference) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    return opened


@doors.route("/contact", "agree_return", ("POST",))
def agree_return(door: doors.Door, reference: str | None):
    """Agree the day I come back with my code."""
    opened = _opened(door, reference)
    try:
        day = date.fromisoformat(request.form.get("return_by", "").strip())
        contact.agree_return(opened, day, clock.today())
    except (ValueError, contact.DayOutOfRange):
        flash(_("Choose a day after today and within a year."), "error")
    except opening.ReportClosed:
        abort(404)
    else:
        flash(_("Your return day is kept. Only you and your adviser can see it."), "success")
    return _back(door, reference)


@doors.route("/contact/accept", "accept_offer", ("POST",))
def accept_offer(door: doors.Door, reference: str | None):
    """Agree to the way of staying in touch that my adviser offered."""
    opened = _opened(door, reference)
    try:
        contact.accept_offer(opened, clock.today())
    except contact.NoOffer:
        abort(404)
    flash(_("You agreed to the way your adviser offered."), "success")
    return _back(door, reference)

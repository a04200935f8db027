"""The receipt and thank-you pages: the code once, what happens next, and how we stay in
touch (an anonymous reporter's return day, with a calendar file that says nothing).

Public and account-free, like the rest of the reporter's path: nothing here logs.
"""

from datetime import date

from flask import abort, render_template, request
from flask_babel import gettext as _
from htmx_flask import make_response

from portal.platform import clock, kdf_gate, throttle
from portal.reports import contact, forms, opening, receipt_page
from portal.reports.blueprint import bp
from portal.reports.models import Report
from portal.web import access


def agree_return_day(report: Report, code: str, typed_day: str) -> str | None:
    """Keep the return day the anonymous reporter chose; return an error message, or None."""
    if not typed_day or report.mode != "anonymous":
        return None
    try:
        day = date.fromisoformat(typed_day)
        contact.agree_return(
            opening.open_with_code(code, request.remote_addr or ""), day, clock.today()
        )
    except (ValueError, contact.DayOutOfRange):
        return _("Choose a day after today and within a year.")
    except (opening.ReportNotFound, opening.ReportClosed, throttle.Throttled, kdf_gate.Busy):
        return _("Your return day could not be kept just now. You can agree it when you follow up.")
    return None


@bp.post("/confirm")
@access.public
def confirm():
    """Make the reporter type the code back, so we know it was saved; keep their return day."""
    form = forms.CodeCheckForm()
    if not form.validate_on_submit():
        abort(400)
    report = Report.get_or_none(Report.reference == (form.reference.data or ""))
    shown, typed = form.code.data or "", form.typed.data or ""
    typed_day = request.form.get("return_by", "").strip()
    address = request.remote_addr or ""
    kept = {"typed": typed, "typed_day": typed_day}
    try:
        # An unknown reference counts as a wrong code: references cannot be probed for free.
        if not opening.code_matches(report, shown, address):
            abort(400)
        if not opening.code_matches(report, typed, address):
            error = _("This is not the same code. Check what you saved, correct it and try again.")
            return receipt_page.render(report, shown, error=error, **kept)
    except throttle.Throttled:
        if report is None:
            abort(429)
        error = _(
            "Too many wrong codes were tried from this network today. For your safety, try again tomorrow; your report has been sent."
        )
        return receipt_page.render(report, shown, 429, error=error, **kept)
    day_error = agree_return_day(report, shown, typed_day)
    if day_error:
        return receipt_page.render(report, shown, day_error=day_error, **kept)
    return render_template(
        "reports/confirmed.html",
        report=report,
        next_step=contact.next_step(report),
        return_by=date.fromisoformat(typed_day) if typed_day else None,
    )


@bp.get("/reminder.ics")
@access.public
def reminder():
    """A calendar file for the return day: a neutral title, a whole day, nothing else."""
    try:
        day = date.fromisoformat(request.args.get("on", ""))
    except ValueError:
        abort(404)
    response = make_response(contact.calendar_file(day, _("Reminder")))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="reminder.ics"'
    return response

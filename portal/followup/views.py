"""Following up: open with the receipt code (no account), or from "My reports" when signed in.

The report page and what it posts are written once and served behind both doors (doors.py).
"""

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts import sessions
from portal.followup import access as holding
from portal.followup import doors, report_page
from portal.followup.blueprint import bp
from portal.followup.forms import ReceiptForm
from portal.platform import clock
from portal.reports import kinds, mine, notify, opening, standin
from portal.reports.forms import WithdrawForm
from portal.web import access, code_page, quick_exit
from portal.web.forms import ActionForm

REPORT_PAGE = "followup/report.html"
REQUEST_PAGE = "followup/conversation.html"  # a conversation request (reports/conversation.py)

quick_exit.forget_on_exit(bp, holding.forget)  # close a report opened by its code


@bp.route("/followup/", methods=["GET", "POST"])
@access.public
def open():  # noqa: A001 - the endpoint name people see in links: followup.open
    """Open a report with its receipt code."""
    return code_page.open_with(
        ReceiptForm(),
        opening.open_with_code,
        opening.ReportNotFound,
        unknown=_("No report belongs to this code. Check it and try again."),
        busy=_(
            "Many reports are being opened at this moment. Wait a few seconds and press the button again; your code is still filled in."
        ),
        keep=holding.remember,
        then=url_for("followup.report"),
        template="followup/open.html",
    )


def opened_here(door: doors.Door, reference: str | None) -> opening.OpenReport:
    """Open the report behind the door; with no report held in this browser, ask for the code."""
    opened = door.open(reference)
    if opened is None:
        abort(redirect(url_for("followup.open")))
    return opened


def page(door: doors.Door, reference: str | None, opened: opening.OpenReport, **extra):
    """Render the report page behind the door."""
    actions = door.actions(reference)
    template = REQUEST_PAGE if opened.report.request else REPORT_PAGE
    return report_page.render_report(template, opened, actions=actions, door=door, **extra)


@doors.route("", "report")
def report(door: doors.Door, reference: str | None):
    """Show my report: status, dates, the conversation and my choices."""
    return page(door, reference, opened_here(door, reference))


@doors.route("/message", "message", ("POST",))
def message(door: doors.Door, reference: str | None):
    """Send a message (with evidence) to the adviser."""
    opened = opened_here(door, reference)
    problem = report_page.answer(opened, "reporter", clock.today())
    if problem is not None:
        return page(door, reference, opened, **problem)
    # While the adviser is away, the stand-in is told (no content: the report's dates only).
    away = standin.who_answers(opened.report, clock.today()).away
    notify.standing_in([a.stand_in for a in away if a.stand_in])
    return redirect(door.url("report", reference) + "#conversation")


@doors.route("/attachment/<int:attachment_id>", "attachment")
def attachment(door: doors.Door, reference: str | None, attachment_id: int):
    """Download a file of my report."""
    opened = door.open(reference) or abort(404)
    try:
        return report_page.download(opened, attachment_id)
    except opening.ReportNotFound:
        abort(404)


@doors.route("/withdraw", "withdraw", ("POST",))
def withdraw(door: doors.Door, reference: str | None):
    """Withdraw my report."""
    opened = opened_here(door, reference)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return page(door, reference, opened, withdraw_form=form)
    opening.withdraw(opened, clock.today())
    return redirect(door.url("report", reference))


@bp.post("/followup/report/confirm")
@access.public
def confirm_oral():
    """Confirm that the adviser wrote the report down correctly."""
    opened = opened_here(doors.BY_CODE, None)
    if not ActionForm().validate_on_submit():
        abort(400)
    opening.confirm_oral(opened, clock.today())
    return redirect(url_for("followup.report"))


@bp.post("/followup/close")
@access.public
def close():
    """Forget the opened report in this browser."""
    if not ActionForm().validate_on_submit():
        abort(400)
    holding.forget()
    return redirect(url_for("followup.open"))


@bp.get("/my-reports/")
@access.signed_in
def my_reports():
    """List the reports I filed confidentially or by name."""
    rows = mine.reports(sessions.vault_secret(current_user, "private_key"))
    return render_template("followup/my_reports.html", rows=rows, kinds=kinds)

"""Following up: open with the receipt code (no account), or from "My reports" when signed in."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, clock, kdf_gate, report_page, throttle
from portal.accounts import sessions
from portal.followup import access as holding
from portal.followup.blueprint import bp
from portal.followup.forms import ReceiptForm
from portal.reports import kinds, mine, opening
from portal.reports.forms import WithdrawForm

REPORT_PAGE = "followup/report.html"


@bp.route("/followup/", methods=["GET", "POST"])
@access.public
def open():  # noqa: A001 - the endpoint name people see in links: followup.open
    """Open a report with its receipt code."""
    form = ReceiptForm(request.form if request.method == "POST" else None)
    status, retry_after = 200, None
    if request.method == "POST" and form.validate():
        try:
            opened = opening.open_with_code(form.code.data, request.remote_addr or "")
        except throttle.Throttled:
            status = 429
            # The counters run per calendar day: the reporter's path keeps no clock.
            form.code.errors.append(
                _(
                    "Too many wrong codes were tried from this network today. For your safety, try again tomorrow."
                )
            )
        except kdf_gate.Busy as exc:
            status, retry_after = 503, exc.retry_after
            form.code.errors.append(
                _(
                    "Many reports are being opened at this moment. Wait a few seconds and press the button again; your code is still filled in."
                )
            )
        except opening.ReportNotFound:
            form.code.errors.append(_("No report belongs to this code. Check it and try again."))
        else:
            holding.remember(opened)
            return redirect(url_for("followup.report"))
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return render_template("followup/open.html", form=form), status, headers


@bp.get("/followup/report")
@access.public
def report():
    """Show the report opened with the code: status, dates, the conversation."""
    opened = held_or_none()
    if opened is None:
        return redirect(url_for("followup.open"))
    return report_page.render_report(REPORT_PAGE, opened, actions=code_actions())


def held_or_none():
    try:
        return holding.from_cookie()
    except opening.ReportNotFound:
        return None


def code_actions() -> dict:
    return {
        "message": url_for("followup.message"),
        "withdraw": url_for("followup.withdraw"),
        "attachment": "followup.attachment",
        "attachment_args": {},
        "consent": url_for("followup.grant_consent"),
        "revoke": "followup.revoke_consent",
        "revoke_args": {},
        "confirm_consent": "followup.confirm_consent",
        "transfer": url_for("followup.transfer_report"),
    }


@bp.post("/followup/report/message")
@access.public
def message():
    """Send a message (with evidence) to the adviser."""
    opened = held_or_none()
    if opened is None:
        return redirect(url_for("followup.open"))
    problem = report_page.answer(opened, "reporter", clock.today())
    if problem is not None:
        return report_page.render_report(REPORT_PAGE, opened, actions=code_actions(), **problem)
    return redirect(url_for("followup.report") + "#conversation")


@bp.get("/followup/report/attachment/<int:attachment_id>")
@access.public
def attachment(attachment_id: int):
    """Download a file of the report opened with the code."""
    opened = held_or_none()
    if opened is None:
        abort(404)
    try:
        return report_page.download(opened, attachment_id)
    except opening.ReportNotFound:
        abort(404)


@bp.post("/followup/report/withdraw")
@access.public
def withdraw():
    """Withdraw the report opened with the code."""
    opened = held_or_none()
    if opened is None:
        return redirect(url_for("followup.open"))
    form = WithdrawForm(request.form)
    if not form.validate():
        return report_page.render_report(
            REPORT_PAGE, opened, actions=code_actions(), withdraw_form=form
        )
    opening.withdraw(opened, clock.today())
    return redirect(url_for("followup.report"))


@bp.post("/followup/report/confirm")
@access.public
def confirm_oral():
    """Confirm that the adviser wrote the report down correctly."""
    opened = held_or_none()
    if opened is None:
        return redirect(url_for("followup.open"))
    opening.confirm_oral(opened, clock.today())
    return redirect(url_for("followup.report"))


@bp.post("/followup/close")
@access.public
def close():
    """Forget the opened report in this browser."""
    holding.forget()
    return redirect(url_for("followup.open"))


# --- My reports (signed in) --------------------------------------------------------------


@bp.get("/my-reports/")
@access.signed_in
def my_reports():
    """List the reports I filed confidentially or by name."""
    rows = mine.reports(sessions.vault_secret(current_user, "private_key"))
    return render_template("followup/my_reports.html", rows=rows, kinds=kinds)


def mine_or_404(reference: str) -> opening.OpenReport:
    try:
        return mine.open_mine(sessions.vault_secret(current_user, "private_key"), reference)
    except opening.ReportNotFound:
        abort(404)


def my_actions(reference: str) -> dict:
    return {
        "message": url_for("followup.my_message", reference=reference),
        "withdraw": url_for("followup.my_withdraw", reference=reference),
        "attachment": "followup.my_attachment",
        "attachment_args": {"reference": reference},
        "consent": url_for("followup.my_grant_consent", reference=reference),
        "revoke": "followup.my_revoke_consent",
        "revoke_args": {"reference": reference},
        "confirm_consent": "followup.my_confirm_consent",
        "transfer": url_for("followup.my_transfer_report", reference=reference),
    }


@bp.get("/my-reports/<reference>")
@access.signed_in
def my_report(reference: str):
    """Show one of my reports."""
    opened = mine_or_404(reference)
    return report_page.render_report(REPORT_PAGE, opened, actions=my_actions(reference))


@bp.post("/my-reports/<reference>/message")
@access.signed_in
def my_message(reference: str):
    """Send a message on one of my reports."""
    opened = mine_or_404(reference)
    problem = report_page.answer(opened, "reporter", clock.today())
    if problem is not None:
        return report_page.render_report(
            REPORT_PAGE, opened, actions=my_actions(reference), **problem
        )
    return redirect(url_for("followup.my_report", reference=reference) + "#conversation")


@bp.get("/my-reports/<reference>/attachment/<int:attachment_id>")
@access.signed_in
def my_attachment(reference: str, attachment_id: int):
    """Download a file of one of my reports."""
    opened = mine_or_404(reference)
    try:
        return report_page.download(opened, attachment_id)
    except opening.ReportNotFound:
        abort(404)


@bp.post("/my-reports/<reference>/withdraw")
@access.signed_in
def my_withdraw(reference: str):
    """Withdraw one of my reports."""
    opened = mine_or_404(reference)
    form = WithdrawForm(request.form)
    if not form.validate():
        return report_page.render_report(
            REPORT_PAGE, opened, actions=my_actions(reference), withdraw_form=form
        )
    opening.withdraw(opened, clock.today())
    return redirect(url_for("followup.my_report", reference=reference))


# The reporter's consent and transfer routes live in their own module on this blueprint.

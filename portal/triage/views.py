"""The adviser's inbox: the reports addressed to them, opened with their own key."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access
from portal.accounts import keyring, passwords, sessions
from portal.accounts.roles import Role
from portal.followup import access as holding
from portal.reports import conversation, kinds, opening
from portal.triage.forms import RecoveryConfirmForm, RestoreForm

bp = Blueprint("triage", __name__, url_prefix="/inbox")
REPORT_PAGE = "triage/report.html"
KEY_PAGES = {"triage.recovery_key", "triage.restore"}


@bp.before_request
def keys_first():
    """An adviser first stores their recovery key, and restores a locked key, before reading."""
    if not current_user.is_authenticated or request.endpoint in KEY_PAGES:
        return None
    if not current_user.has_role(Role.ADVISER) or sessions.needs_second_factor(current_user):
        return None  # the access rule answers
    if keyring.recovery_pending(current_user) and sessions.vault_secret(
        current_user, "recovery_key"
    ):
        return redirect(url_for("triage.recovery_key"))
    if sessions.vault_secret(current_user, "private_key") is None:
        return redirect(url_for("triage.restore"))
    return None


@bp.get("/")
@access.roles(Role.ADVISER)
def inbox():
    """List the reports addressed to me."""
    rows = list(opening.reports_of(current_user, "adviser"))
    return render_template("triage/inbox.html", rows=rows, kinds=kinds)


def opened_or_404(reference: str) -> opening.OpenReport:
    try:
        return holding.for_person(current_user, reference, "adviser")
    except opening.ReportNotFound:
        abort(404)


def adviser_actions(reference: str) -> dict:
    return {
        "message": url_for("triage.reply", reference=reference),
        "attachment": "triage.attachment",
        "attachment_args": {"reference": reference},
    }


@bp.get("/<reference>")
@access.roles(Role.ADVISER)
def report(reference: str):
    """Open a report addressed to me; the reporter sees that I opened it."""
    opened = opened_or_404(reference)
    opening.record_event(opened.report, current_user, "opened")
    return conversation.render_report(REPORT_PAGE, opened, actions=adviser_actions(reference))


@bp.get("/<reference>/attachment/<int:attachment_id>")
@access.roles(Role.ADVISER)
def attachment(reference: str, attachment_id: int):
    """Download a file of a report addressed to me."""
    opened = opened_or_404(reference)
    try:
        response = conversation.download(opened, attachment_id)
    except opening.ReportNotFound:
        abort(404)
    opening.record_event(opened.report, current_user, "downloaded")
    return response


@bp.post("/<reference>/reply")
@access.roles(Role.ADVISER)
def reply(reference: str):
    """Reply to the reporter."""
    opened = opened_or_404(reference)
    problem = conversation.answer(opened, "adviser", date.today(), adviser=current_user)
    if problem is not None:
        return conversation.render_report(
            REPORT_PAGE, opened, actions=adviser_actions(reference), **problem
        )
    opening.record_event(opened.report, current_user, "replied")
    return redirect(url_for("triage.report", reference=reference) + "#conversation")


@bp.route("/recovery-key", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def recovery_key():
    """Show the new recovery key once, and make the adviser type it back."""
    shown = sessions.vault_secret(current_user, "recovery_key")
    if shown is None:
        return redirect(url_for("triage.inbox"))
    form = RecoveryConfirmForm(request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        if keyring.confirm_recovery_key(current_user, form.typed.data, shown.decode()):
            sessions.store_in_vault(current_user, recovery_key=None)
            flash(
                _("Thank you. Your recovery key is stored; it will not be shown again."), "success"
            )
            return redirect(url_for("triage.inbox"))
        form.typed.errors.append(
            _("This is not the same key. Look at it once more and type it exactly.")
        )
    return render_template("triage/recovery_key.html", form=form, recovery_key=shown.decode())


@bp.route("/restore", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def restore():
    """Bring back access to my reports with my recovery key (after a password reset)."""
    form = RestoreForm(request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        if not passwords.verify_password(current_user.password_hash, form.password.data):
            form.password.errors.append(_("This is not your current password."))
        else:
            try:
                private_key = keyring.restore(
                    current_user, form.recovery_key.data, form.password.data
                )
            except keyring.WrongRecoveryKey:
                form.recovery_key.errors.append(_("This recovery key does not open your reports."))
            else:
                sessions.store_in_vault(current_user, private_key=private_key)
                flash(_("Access to your reports is back."), "success")
                return redirect(url_for("triage.inbox"))
    return render_template("triage/restore.html", form=form)

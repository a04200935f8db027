"""The reporter's choices on a report: consent to share, withdraw consent, change adviser.

Each is registered behind both doors (doors.py): the receipt code and My reports.
"""

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _

from portal.consent import sharing
from portal.followup import doors, report_page
from portal.followup.forms import ConsentForm, TransferForm
from portal.platform import clock
from portal.reports import kinds, opening, transfer
from portal.web.forms import ActionForm


def _opened(door: doors.Door, reference: str | None) -> opening.OpenReport:
    return door.open(reference) or abort(404)


def _back(door: doors.Door, reference: str | None):
    return redirect(door.url("report", reference) + "#choices")


def _choose_again(door: doors.Door, reference: str | None, scope: str | None):
    flash(_("Choose what to share, then one of the people listed for it."), "error")
    values = {"scope": scope} if scope in sharing.SCOPES else {}
    return redirect(door.url("report", reference, **values) + "#choices")


@doors.route("/consent/check", "check_consent")
def check_consent(door: doors.Door, reference: str | None):
    """Show exactly what a consent would share, and with whom, before it takes effect."""
    opened = _opened(door, reference)
    scope = request.args.get("scope")
    try:
        proposal = sharing.propose(opened, scope, request.args.get("grantee", type=int))
    except sharing.ConsentError:
        return _choose_again(door, reference, scope)
    return render_template(
        "followup/consent_check.html",
        report=opened.report,
        proposal=proposal,
        label=report_page.person_label(proposal.grantee, proposal.scope),
        scope_label=kinds.consent_scope_label,
        grant=door.url("grant_consent", reference),
        back=door.url("report", reference, scope=proposal.scope) + "#choices",
    )


@doors.route("/consent", "grant_consent", ("POST",))
def grant_consent(door: doors.Door, reference: str | None):
    """Give the consent the reporter checked on the confirmation page."""
    opened = _opened(door, reference)
    form = ConsentForm()
    if not form.validate_on_submit():
        return _choose_again(door, reference, form.scope.data)
    try:
        sharing.grant(opened, form.scope.data, form.grantee.data, clock.today())
    except sharing.ConsentError:
        return _choose_again(door, reference, form.scope.data)
    flash(_("Your consent is recorded. You can withdraw it at any time."), "success")
    return _back(door, reference)


@doors.route("/consent/<int:consent_id>/revoke", "revoke_consent", ("POST",))
def revoke_consent(door: doors.Door, reference: str | None, consent_id: int):
    """Withdraw a consent."""
    opened = _opened(door, reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        sharing.revoke(opened, consent_id, clock.today())
    except sharing.ConsentError:
        abort(404)
    flash(_("Your consent is withdrawn. What was shared under it is no longer visible."), "success")
    return _back(door, reference)


@doors.route("/consent/<int:consent_id>/confirm", "confirm_consent", ("POST",))
def confirm_consent(door: doors.Door, reference: str | None, consent_id: int):
    """Confirm a consent after the person's key pair was replaced."""
    opened = _opened(door, reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        sharing.confirm_again(opened, consent_id, clock.today())
    except sharing.ConsentError:
        abort(404)
    flash(_("Your consent is confirmed for their new key."), "success")
    return _back(door, reference)


@doors.route("/transfer", "transfer_report", ("POST",))
def transfer_report(door: doors.Door, reference: str | None):
    """Pass my report to another adviser."""
    opened = _opened(door, reference)
    form = TransferForm()
    chosen = None
    if form.validate_on_submit():
        try:
            chosen = transfer.transfer(opened, form.adviser.data, clock.today())
        except transfer.TransferError:
            chosen = None
    if chosen is None:
        flash(_("Choose one of the advisers in the list."), "error")
    else:
        flash(_("Your report is now with %(name)s.", name=chosen.display_name), "success")
    return _back(door, reference)

"""The reporter's choices on a report: consent to share, withdraw consent, change adviser.

Each is registered behind both doors (doors.py): the receipt code and My reports.
"""

from flask import abort, flash, redirect
from flask_babel import gettext as _

from portal.consent import sharing
from portal.followup import doors
from portal.followup.forms import ConsentForm, TransferForm
from portal.platform import clock
from portal.reports import opening, transfer
from portal.web.forms import ActionForm


def _opened(door: doors.Door, reference: str | None) -> opening.OpenReport:
    return door.open(reference) or abort(404)


def _back(door: doors.Door, reference: str | None):
    return redirect(door.url("report", reference) + "#choices")


@doors.route("/consent", "grant_consent", ("POST",))
def grant_consent(door: doors.Door, reference: str | None):
    """Give consent to share a summary, or my name, with a person I choose."""
    opened = _opened(door, reference)
    form = ConsentForm()
    if form.validate_on_submit():
        try:
            sharing.grant(opened, form.scope.data, form.grantee.data, clock.today())
        except sharing.ConsentError:
            pass
        else:
            flash(_("Your consent is recorded. You can withdraw it at any time."), "success")
            return _back(door, reference)
    flash(_("Choose what to share and with whom."), "error")
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

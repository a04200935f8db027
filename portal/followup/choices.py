"""The reporter's choices on a report: consent to share, withdraw consent, change adviser.

Registered on the follow-up blueprint, for both doors (receipt code and My reports).
"""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal import access, clock
from portal.consent import sharing
from portal.followup.blueprint import bp
from portal.followup.views import held_or_none, mine_or_404
from portal.reports import opening, transfer


def _opened(reference: str | None) -> opening.OpenReport:
    if reference is None:
        opened = held_or_none()
        if opened is None:
            abort(404)
        return opened
    return mine_or_404(reference)


def _back(reference: str | None):
    target = (
        url_for("followup.report")
        if reference is None
        else url_for("followup.my_report", reference=reference)
    )
    return redirect(target + "#choices")


def _grant(reference: str | None):
    opened = _opened(reference)
    try:
        sharing.grant(
            opened,
            request.form.get("scope", ""),
            request.form.get("grantee", type=int) or 0,
            clock.today(),
        )
    except sharing.ConsentError:
        flash(_("Choose what to share and with whom."), "error")
    else:
        flash(_("Your consent is recorded. You can withdraw it at any time."), "success")
    return _back(reference)


def _revoke(reference: str | None, consent_id: int):
    opened = _opened(reference)
    try:
        sharing.revoke(opened, consent_id, clock.today())
    except sharing.ConsentError:
        abort(404)
    flash(_("Your consent is withdrawn. What was shared under it is no longer visible."), "success")
    return _back(reference)


def _confirm_again(reference: str | None, consent_id: int):
    opened = _opened(reference)
    try:
        sharing.confirm_again(opened, consent_id, clock.today())
    except sharing.ConsentError:
        abort(404)
    flash(_("Your consent is confirmed for their new key."), "success")
    return _back(reference)


def _transfer(reference: str | None):
    opened = _opened(reference)
    try:
        chosen = transfer.transfer(
            opened, request.form.get("adviser", type=int) or 0, clock.today()
        )
    except transfer.TransferError:
        flash(_("Choose one of the advisers in the list."), "error")
    else:
        flash(_("Your report is now with %(name)s.", name=chosen.display_name), "success")
    return _back(reference)


@bp.post("/followup/report/consent")
@access.public
def grant_consent():
    """Give consent to share (report opened with the code)."""
    return _grant(None)


@bp.post("/followup/report/consent/<int:consent_id>/revoke")
@access.public
def revoke_consent(consent_id: int):
    """Withdraw a consent (report opened with the code)."""
    return _revoke(None, consent_id)


@bp.post("/followup/report/consent/<int:consent_id>/confirm")
@access.public
def confirm_consent(consent_id: int):
    """Confirm a consent after the person's key pair was replaced (report opened with the code)."""
    return _confirm_again(None, consent_id)


@bp.post("/followup/report/transfer")
@access.public
def transfer_report():
    """Pass the report to another adviser (report opened with the code)."""
    return _transfer(None)


@bp.post("/my-reports/<reference>/consent")
@access.signed_in
def my_grant_consent(reference: str):
    """Give consent to share, on one of my reports."""
    return _grant(reference)


@bp.post("/my-reports/<reference>/consent/<int:consent_id>/revoke")
@access.signed_in
def my_revoke_consent(reference: str, consent_id: int):
    """Withdraw a consent on one of my reports."""
    return _revoke(reference, consent_id)


@bp.post("/my-reports/<reference>/consent/<int:consent_id>/confirm")
@access.signed_in
def my_confirm_consent(reference: str, consent_id: int):
    """Confirm a consent on one of my reports after the person's key pair was replaced."""
    return _confirm_again(reference, consent_id)


@bp.post("/my-reports/<reference>/transfer")
@access.signed_in
def my_transfer_report(reference: str):
    """Pass one of my reports to another adviser."""
    return _transfer(reference)

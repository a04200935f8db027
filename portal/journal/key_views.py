"""The record's key pages: the recovery code shown once, and opening a locked record with it."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access
from portal.accounts import keyring, passwords, sessions
from portal.accounts.roles import Role
from portal.journal.blueprint import bp
from portal.journal.forms import RecoveryConfirmForm, UnlockForm


@bp.route("/recovery-code", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def recovery_key():
    """Show my recovery code once (printable) and make me type it back before the record opens."""
    private_key = sessions.vault_secret(current_user, "private_key")
    if private_key is None:
        return redirect(url_for("journal.locked"))
    shown = sessions.vault_secret(current_user, "recovery_key")
    if shown is None:
        if keyring.has_recovery_key(current_user) and not keyring.recovery_pending(current_user):
            return redirect(url_for("journal.index"))
        shown = keyring.add_recovery_key(current_user, private_key).encode()
        sessions.store_in_vault(current_user, recovery_key=shown)
    form = RecoveryConfirmForm()
    if form.validate_on_submit():
        if keyring.confirm_recovery_key(current_user, form.typed.data, shown.decode()):
            sessions.store_in_vault(current_user, recovery_key=None)
            flash(
                _("Thank you. Your recovery code is stored; it will not be shown again."), "success"
            )
            return redirect(url_for("journal.index"))
        form.typed.errors.append(
            _("This is not the same code. Look at it once more and type it exactly.")
        )
    return render_template("journal/recovery_key.html", form=form, recovery_key=shown.decode())


@bp.route("/locked", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def locked():
    """Say plainly that the record stays closed until I type my recovery code; take it."""
    if sessions.vault_secret(current_user, "private_key") is not None:
        return redirect(url_for("journal.index"))
    recoverable = keyring.has_recovery_key(current_user)
    form = UnlockForm()
    if recoverable and form.validate_on_submit():
        if not passwords.verify_password(current_user.password_hash, form.password.data):
            form.password.errors.append(_("This is not your current password."))
        else:
            try:
                private_key = keyring.restore(
                    current_user, form.recovery_key.data, form.password.data
                )
            except keyring.WrongRecoveryKey:
                form.recovery_key.errors.append(_("This recovery code does not open your record."))
            else:
                sessions.store_in_vault(current_user, private_key=private_key)
                flash(_("Your record is open again."), "success")
                return redirect(url_for("journal.index"))
    # TODO(#12): people who sign in through the single-sign-on header have no password to
    # wrap their key under; a record passphrase should take its place. Not built yet, nor a
    # record kept without an account and opened with a record code (like a receipt code).
    return render_template(
        "journal/locked.html",
        form=form,
        recoverable=recoverable,
        single_sign_on=current_user.password_hash is None,
    )

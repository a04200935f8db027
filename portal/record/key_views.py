"""The record's key pages: the recovery code shown once, and opening a closed record.

A record opens with the owner's private key, unlocked at sign-in with their password. After an
administrator's password reset an employee gets a new key pair (a locked adviser's key waits for
its recovery key): whether they had set up a recovery code is theirs to know, not the database's,
so every employee with a new key is asked once for the earlier key's recovery code, which brings
the earlier key pair, and the record it opens, back.
People signed in through the single-sign-on header have no password the portal sees: a record
passphrase of their own takes its place. A record kept without an account (or apart from it)
opens with its record code instead: codes.py and the record code door (code_views.py, code_door.py).
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts import keyring, passwords, sessions
from portal.core.accounts.models import KeyRing
from portal.core.accounts.roles import Role
from portal.record.blueprint import bp
from portal.record.forms import (
    NewPassphraseForm,
    PassphraseForm,
    RecoverPassphraseForm,
    RecoveryConfirmForm,
    UnlockForm,
)
from portal.web import access, recovery_page
from portal.web.forms import ActionForm


@bp.route("/recovery-code", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def recovery_key():
    """Show my recovery code once (printable) and make me type it back before the record opens."""
    private_key = sessions.vault_secret(current_user, "private_key")
    if private_key is None:
        return redirect(url_for("record.locked"))
    index = url_for("record.index")
    if sessions.vault_secret(current_user, "recovery_key") is None:
        state = keyring.state_of(current_user, private_key)
        if state.ask_earlier:
            return redirect(url_for("record.locked"))
        if state.recovery == keyring.Recovery.CONFIRMED:
            return redirect(index)
        shown = keyring.add_recovery_key(current_user, private_key).encode()
        sessions.store_in_vault(current_user, recovery_key=shown)
    return recovery_page.confirm(
        RecoveryConfirmForm(),
        recovery_page.CODE,
        "record/recovery_key.html",
        index,
        none_shown=index,
    )


def single_sign_on() -> bool:
    return current_user.password_hash is None


def asks_earlier() -> bool:
    """Tell whether my key pair was made anew and the earlier one may come back by its code."""
    private_key = sessions.vault_secret(current_user, "private_key")
    return private_key is not None and keyring.state_of(current_user, private_key).ask_earlier


def recoverable(has_ring: bool) -> bool:
    """Tell whether a recovery code may open my record: whether I set one up is mine to know,
    so the form is there for everyone it could help (the database does not say)."""
    if single_sign_on():
        return has_ring
    return asks_earlier() or (has_ring and keyring.waits_for_recovery(current_user))


def render_locked(status: int = 200, **forms):
    """Show the closed record's page with the forms that fit this person."""
    has_ring = KeyRing.select().where(KeyRing.person == current_user.id).exists()
    context = {
        "recoverable": recoverable(has_ring),
        "earlier": asks_earlier(),
        "no_code_form": ActionForm(formdata=None),
        "single_sign_on": single_sign_on(),
        "has_ring": has_ring,
        "form": forms.get("form") or UnlockForm(formdata=None),
        "new_form": forms.get("new_form") or NewPassphraseForm(formdata=None),
        "passphrase_form": forms.get("passphrase_form") or PassphraseForm(formdata=None),
        "recover_form": forms.get("recover_form") or RecoverPassphraseForm(formdata=None),
    }
    return render_template("record/locked.html", **context), status


def opened_again(private_key: bytes, message: str):
    sessions.store_in_vault(current_user, private_key=private_key)
    flash(message, "success")
    return redirect(url_for("record.index"))


def restored(form, password: str) -> bytes | None:
    """Open my key with the typed recovery code, wrapped anew by `password`; None if it is wrong."""
    try:
        return keyring.restore(current_user, form.recovery_key.data, password)
    except keyring.WrongRecoveryKey:
        form.recovery_key.errors.append(_("This recovery code does not open your record."))
        return None


@bp.route("/locked", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def locked():
    """Say plainly that the record stays closed until I type my recovery code; take it."""
    if sessions.vault_secret(current_user, "private_key") is not None and not asks_earlier():
        return redirect(url_for("record.index"))
    # Signed in through the provider, no password was typed: open the key with it first.
    if sessions.through_provider() and current_user.password_hash:
        return redirect(url_for("auth.provider_key", next=url_for("record.index")))
    form = UnlockForm()
    has_ring = KeyRing.select().where(KeyRing.person == current_user.id).exists()
    if recoverable(has_ring) and form.validate_on_submit():
        if not passwords.verify_password(current_user.password_hash, form.password.data):
            form.password.errors.append(_("This is not your current password."))
        elif private_key := restored(form, form.password.data):
            return opened_again(private_key, _("Your record is open again."))
    return render_locked(form=form)


@bp.post("/earlier/none")
@access.roles(Role.EMPLOYEE)
def no_earlier_key():
    """I kept no recovery code for my earlier key: go on with the new one."""
    private_key = sessions.vault_secret(current_user, "private_key")
    if private_key is not None and ActionForm().validate_on_submit():
        keyring.no_earlier_key(current_user, private_key)
    return redirect(url_for("record.index"))


@bp.post("/passphrase/new")
@access.roles(Role.EMPLOYEE)
def new_passphrase():
    """Choose a record passphrase (single sign-on, first time): it wraps a new key pair."""
    if not single_sign_on() or KeyRing.select().where(KeyRing.person == current_user.id).exists():
        return redirect(url_for("record.locked"))
    form = NewPassphraseForm()
    if not form.validate_on_submit():
        return render_locked(new_form=form)
    unlocked = keyring.create(current_user, form.passphrase.data)
    return opened_again(unlocked.private_key, _("Your record passphrase is set."))


@bp.post("/passphrase")
@access.roles(Role.EMPLOYEE)
def passphrase():
    """Open my record with my record passphrase (single sign-on)."""
    ring = KeyRing.get_or_none(KeyRing.person == current_user.id)
    if not single_sign_on() or ring is None:
        return redirect(url_for("record.locked"))
    form = PassphraseForm()
    if form.validate_on_submit():
        try:
            private_key = keyring.unlock(ring, form.passphrase.data)
        except keyring.KeysLocked:
            form.passphrase.errors.append(_("This passphrase does not open your record."))
        else:
            return opened_again(private_key, _("Your record is open."))
    return render_locked(passphrase_form=form)


@bp.post("/passphrase/recover")
@access.roles(Role.EMPLOYEE)
def recover_passphrase():
    """Open my record with my recovery code and choose a new record passphrase."""
    if (
        not single_sign_on()
        or not KeyRing.select().where(KeyRing.person == current_user.id).exists()
    ):
        return redirect(url_for("record.locked"))
    form = RecoverPassphraseForm()
    if form.validate_on_submit() and (private_key := restored(form, form.passphrase.data)):
        return opened_again(private_key, _("Your record is open again."))
    return render_locked(recover_form=form)

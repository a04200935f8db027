"""The page that shows a new recovery key once and has it typed back, written once.

Why this exists: an adviser's recovery key (triage) and the record's recovery code (journal)
are confirmed the same way; only the words, the page and where it goes next differ.
"""

from flask import flash, redirect, render_template
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.accounts import keyring, sessions


def confirm(form: FlaskForm, shown: bytes, *, template: str, stored: str, mismatch: str, then: str):
    """Show the key with the form; when it is typed back right, forget it and go to `then`."""
    if form.validate_on_submit():
        if keyring.confirm_recovery_key(current_user, form.typed.data, shown.decode()):
            sessions.store_in_vault(current_user, recovery_key=None)
            flash(stored, "success")
            return redirect(then)
        form.typed.errors.append(mismatch)
    return render_template(template, form=form, recovery_key=shown.decode())

"""The page that shows a new recovery key once and has it typed back, written once.

Why this exists: an adviser's recovery key (triage) and the record's recovery code (record)
are confirmed the same way; only the words (`KEY`, `CODE`), the page and where it goes next
differ.
"""

from dataclasses import dataclass

from flask import flash, redirect, render_template
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.core.accounts import keyring, sessions
from portal.platform.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Words:
    stored: str  # typed back right
    mismatch: str  # typed back wrong


KEY = Words(
    _l("Thank you. Your recovery key is stored; it will not be shown again."),
    _l("This is not the same key. Look at it once more and type it exactly."),
)
CODE = Words(
    _l("Thank you. Your recovery code is stored; it will not be shown again."),
    _l("This is not the same code. Look at it once more and type it exactly."),
)


def confirm(form: FlaskForm, words: Words, template: str, then: str, *, none_shown: str):
    """Show the key waiting in the session vault with the form; when it is typed back right,
    forget it and go to `then`. With no key waiting, go to `none_shown`."""
    shown = sessions.vault_secret(current_user, "recovery_key")
    if shown is None:
        return redirect(none_shown)
    if form.validate_on_submit():
        if keyring.confirm_recovery_key(current_user, form.typed.data, shown.decode()):
            sessions.store_in_vault(current_user, recovery_key=None)
            flash(str(words.stored), "success")
            return redirect(then)
        form.typed.errors.append(str(words.mismatch))
    return render_template(template, form=form, recovery_key=shown.decode())

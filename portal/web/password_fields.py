"""Form fields for passwords, passphrases and saved codes, for every form that asks for one.

Each field carries its validators and the autocomplete hint a password manager reads; the label
and the message for an empty field are the caller's words.
"""

from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from portal.core.accounts.passwords import MIN_PASSWORD_LENGTH
from portal.platform.i18n import lazy_gettext as _l

LONGEST = 1024  # characters; Argon2 takes any length, a form field does not need to
# A code is typed from paper or a note: no autocomplete, no spelling, capitals as shown.
CODE_TYPING = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
SAVED_CODE_HINT = _l(
    "Twenty letters and digits, as you saved them. Dashes, spaces and capitals do not matter."
)


def current_password(label: str, required: str) -> PasswordField:
    """Return a field for a password the person has already (managers may fill it in)."""
    return PasswordField(
        label,
        validators=[DataRequired(required), Length(max=LONGEST)],
        render_kw={"autocomplete": "current-password"},
    )


def new_password(label: str, required: str) -> PasswordField:
    """Return a field for a new password or passphrase, at least MIN_PASSWORD_LENGTH long."""
    return PasswordField(
        label,
        validators=[
            DataRequired(required),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=LONGEST,
                message=_l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
            ),
        ],
        description=_l(
            "At least %(n)d characters. A sentence you can remember works well.",
            n=MIN_PASSWORD_LENGTH,
        ),
        render_kw={"autocomplete": "new-password"},
    )


def repeated_password(label: str, of: str, required: str, different: str) -> PasswordField:
    """Return a field that must repeat the new password in the field named `of`."""
    return PasswordField(
        label,
        validators=[DataRequired(required), EqualTo(of, different)],
        render_kw={"autocomplete": "new-password"},
    )


def recovery_code(label: str, required: str) -> StringField:
    """Return a field for a recovery code typed from paper (no autocomplete, no spelling)."""
    return StringField(
        label,
        validators=[DataRequired(required), Length(max=100)],
        render_kw=CODE_TYPING,
    )


def saved_code(label: str, required: str, hint: str = SAVED_CODE_HINT) -> StringField:
    """Return a field for a receipt or record code (twenty letters and digits) as it was saved."""
    return StringField(
        label,
        validators=[DataRequired(required), Length(max=64)],
        description=hint,
        render_kw=CODE_TYPING,
    )

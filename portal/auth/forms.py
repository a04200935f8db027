"""Forms for signing in, the second factor and changing a password."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from portal.platform.i18n import lazy_gettext as _l
from portal.web import password_fields


class SignInForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(_l("Fill in your e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Fill in your password.")), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )


class KeyPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Your password in this portal"),
        validators=[DataRequired(_l("Fill in your password.")), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("Six-digit code"),
        validators=[
            DataRequired(_l("Fill in the code from your authenticator app.")),
            Length(max=12),
        ],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class PasswordForm(FlaskForm):
    current = password_fields.current_password(
        _l("Current password"), _l("Fill in your current password.")
    )
    new = password_fields.new_password(_l("New password"), _l("Choose a new password."))
    confirm = password_fields.repeated_password(
        _l("New password again"),
        "new",
        _l("Type the new password again."),
        _l("The two new passwords are not the same."),
    )

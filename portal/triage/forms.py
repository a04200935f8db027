"""Forms for an adviser's keys: confirming the recovery key, restoring access with it."""

from flask_babel import lazy_gettext as _l
from wtforms import Form, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class RecoveryConfirmForm(Form):
    typed = StringField(
        _l("Type your recovery key"),
        validators=[
            DataRequired(_l("Type the recovery key to show you stored it.")),
            Length(max=100),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )


class RestoreForm(Form):
    recovery_key = StringField(
        _l("Recovery key"),
        validators=[DataRequired(_l("Fill in your recovery key.")), Length(max=100)],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )
    password = PasswordField(
        _l("Your current password"),
        validators=[DataRequired(_l("Fill in your current password.")), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )

"""Forms for starting, confirming and opening a record kept by a record code."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

CODE_ATTRS = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}


class RecordCodeForm(FlaskForm):
    code = StringField(
        _l("Record code"),
        validators=[DataRequired(_l("Fill in your record code.")), Length(max=64)],
        description=_l(
            "Twenty letters and digits, as you saved them. Dashes, spaces and capitals do not matter."
        ),
        render_kw=CODE_ATTRS,
    )


class SavedCodeForm(FlaskForm):
    typed = StringField(
        _l("Type the code you saved, to check it"),
        validators=[DataRequired(_l("Type the record code you saved.")), Length(max=64)],
        render_kw=CODE_ATTRS,
    )


class StartForm(FlaskForm):
    """Only the CSRF token: starting a record asks nothing."""

"""The adviser's forms on a conversation request: the meeting's minutes as an oral report."""

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from portal.platform.i18n import lazy_gettext as _l
from portal.reports import kinds
from portal.reports.forms import TEXT


class MinutesForm(FlaskForm):
    category = RadioField(
        _l("What is it about?"),
        choices=[SelectChoice(kind.code, kind.label) for kind in kinds.CATEGORIES],
        validators=[DataRequired(_l("Choose what the report is about."))],
    )
    minutes = TextAreaField(
        _l("Minutes of the meeting"),
        description=_l(
            "Write down what the person told you, in their words where you can. They read it, correct it if needed and confirm it."
        ),
        validators=[DataRequired(_l("Write the minutes first.")), Length(max=TEXT)],
        render_kw={"rows": 8},
    )

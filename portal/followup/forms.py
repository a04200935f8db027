"""The form for opening a report with its receipt code."""

from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField
from wtforms.validators import DataRequired, Length


class ReceiptForm(Form):
    code = StringField(
        _l("Receipt code"),
        validators=[DataRequired(_l("Fill in your receipt code.")), Length(max=64)],
        description=_l(
            "Twenty letters and digits, as you saved them. Dashes, spaces and capitals do not matter."
        ),
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )

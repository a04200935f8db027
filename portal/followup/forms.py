"""Forms for opening a report with its receipt code and for withdrawing it."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, StringField
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


class WithdrawForm(Form):
    confirm = BooleanField(
        _l("Yes, I want to withdraw my report"),
        validators=[
            DataRequired(_l("Tick the box to confirm that you want to withdraw the report."))
        ],
    )

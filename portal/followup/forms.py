"""The follow-up forms: the receipt code, and the reporter's consent and choice of adviser."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length


class ReceiptForm(FlaskForm):
    code = StringField(
        _l("Receipt code"),
        validators=[DataRequired(_l("Fill in your receipt code.")), Length(max=64)],
        description=_l(
            "Twenty letters and digits, as you saved them. Dashes, spaces and capitals do not matter."
        ),
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


# The choices panel says what is wrong in a flash message (its forms come back to the page).
class ConsentForm(FlaskForm):
    scope = StringField(validators=[InputRequired(), Length(max=40)])
    grantee = IntegerField(validators=[InputRequired()])


class TransferForm(FlaskForm):
    adviser = IntegerField(validators=[InputRequired()])

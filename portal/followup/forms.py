"""The follow-up forms: the receipt code, and the reporter's consent and choice of adviser."""

from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.platform.i18n import lazy_gettext as _l
from portal.web import password_fields


class ReceiptForm(FlaskForm):
    code = password_fields.saved_code(_l("Receipt code"), _l("Fill in your receipt code."))


# The choices panel says what is wrong in a flash message (its forms come back to the page).
class ConsentForm(FlaskForm):
    scope = StringField(validators=[InputRequired(), Length(max=40)])
    grantee = IntegerField(validators=[InputRequired()])


class TransferForm(FlaskForm):
    adviser = IntegerField(validators=[InputRequired()])


class NoticeForm(FlaskForm):
    """An address for a notice without content when the adviser writes (reports/notice.py)."""

    address = EmailField(
        _l("Your private e-mail address for the notice"),
        description=_l(
            "Do not use your work address: a mail to it tells IT that you are in contact with a confidential adviser."
        ),
        validators=[DataRequired(_l("Fill in an e-mail address.")), Length(max=254)],
    )

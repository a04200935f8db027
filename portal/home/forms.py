"""The language switch's form: which language, and the page to go back to."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf

from portal.platform.i18n import LANGUAGES


class LanguageForm(FlaskForm):
    locale = HiddenField(validators=[AnyOf(list(LANGUAGES))])  # the button pressed
    next = HiddenField()

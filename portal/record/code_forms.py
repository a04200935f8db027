"""Forms for starting, confirming and opening a record kept by a record code."""

from flask_wtf import FlaskForm

from portal.platform.i18n import lazy_gettext as _l
from portal.web import password_fields


class RecordCodeForm(FlaskForm):
    code = password_fields.saved_code(_l("Record code"), _l("Fill in your record code."))


class SavedCodeForm(FlaskForm):
    typed = password_fields.saved_code(
        _l("Type the code you saved, to check it"), _l("Type the record code you saved."), hint=""
    )


class StartForm(FlaskForm):
    """Only the CSRF token: starting a record asks nothing."""

"""Forms of the adviser's workspace: keys (confirming and restoring with the recovery key),
the acknowledgement, the outcome, notes and the oral report."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from portal.reports import kinds


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


class AcknowledgeForm(Form):
    text = TextAreaField(
        _l("Acknowledgement to the reporter"),
        validators=[DataRequired(_l("Write the acknowledgement.")), Length(max=20_000)],
        render_kw={"rows": 6},
        # Its own id: the reply form on the same page has a field named "text" too.
        id="acknowledgement-text",
    )
    keep_as_template = BooleanField(_l("Use this wording as my template from now on"))


class OutcomeForm(Form):
    outcome = SelectField(
        _l("Outcome"),
        choices=[SelectChoice("", _l("Choose an outcome"))]
        + [SelectChoice(code, label) for code, label in kinds.OUTCOMES],
        validators=[DataRequired(_l("Choose an outcome."))],
    )


class NoteForm(Form):
    note = TextAreaField(
        _l("Note for yourself"),
        validators=[DataRequired(_l("Write the note.")), Length(max=20_000)],
        description=_l(
            "Only advisers with access to this report read notes. The reporter never sees them."
        ),
        render_kw={"rows": 4},
    )


class OralReportForm(Form):
    """A report given by phone or in person, written down by the adviser."""

    category = SelectField(
        _l("What is it about?"),
        choices=[SelectChoice("", _l("Choose"))]
        + [SelectChoice(k.code, k.label) for k in kinds.CATEGORIES],
        validators=[DataRequired(_l("Choose what it is about."))],
    )
    mode = SelectField(
        _l("How does the reporter want to report?"),
        choices=[SelectChoice(m.code, m.label) for m in kinds.MODES],
        validators=[DataRequired()],
    )
    description = TextAreaField(
        _l("What the reporter told you"),
        validators=[DataRequired(_l("Write down what the reporter told you.")), Length(max=20_000)],
        render_kw={"rows": 10},
    )
    contact_name = StringField(
        _l("Reporter's name (not for anonymous reports)"), validators=[Length(max=200)]
    )
    contact_details = StringField(
        _l("How to reach the reporter (not for anonymous reports)"), validators=[Length(max=300)]
    )

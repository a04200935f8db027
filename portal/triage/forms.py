"""Forms of the adviser's workspace: keys (confirming and restoring with the recovery key),
the acknowledgement, the outcome, notes, the oral report, sharing and stepping back."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from portal.platform.i18n import lazy_gettext as _l
from portal.reports import kinds
from portal.web.forms import ALWAYS_CHOSEN


class RecoveryConfirmForm(FlaskForm):
    typed = StringField(
        _l("Type your recovery key"),
        validators=[
            DataRequired(_l("Type the recovery key to show you stored it.")),
            Length(max=100),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )


class RestoreForm(FlaskForm):
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


class AcknowledgeForm(FlaskForm):
    text = TextAreaField(
        _l("Acknowledgement to the reporter"),
        validators=[DataRequired(_l("Write the acknowledgement.")), Length(max=20_000)],
        render_kw={"rows": 6},
        # Its own id: the reply form on the same page has a field named "text" too.
        id="acknowledgement-text",
    )
    keep_as_template = BooleanField(_l("Use this wording as my template from now on"))


class OutcomeForm(FlaskForm):
    outcome = SelectField(
        _l("Outcome"),
        choices=[SelectChoice("", _l("Choose an outcome"))]
        + [SelectChoice(code, label) for code, label in kinds.OUTCOMES],
        validators=[DataRequired(_l("Choose an outcome."))],
    )


class NoteForm(FlaskForm):
    note = TextAreaField(
        _l("Note for yourself"),
        validators=[DataRequired(_l("Write the note.")), Length(max=20_000)],
        description=_l(
            "Only advisers with access to this report read notes. The reporter never sees them."
        ),
        render_kw={"rows": 4},
    )


class OralReportForm(FlaskForm):
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
        render_kw=ALWAYS_CHOSEN,
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


def _trimmed(text: str | None) -> str:
    return (text or "").strip()[:20_000]


# The sharing panel's forms say what is wrong in a flash message above the panel, so their
# messages are the flash texts (see sharing_views.py).
class SummaryForm(FlaskForm):
    summary = TextAreaField(
        _l("Summary"), filters=[_trimmed], validators=[DataRequired(_l("Write the summary first."))]
    )


class StepBackForm(FlaskForm):
    confirm = BooleanField(
        _l("I step back from this report; the reporter will be asked to choose another adviser"),
        validators=[DataRequired(_l("Tick the box to confirm that you step back."))],
    )


class CrimeExceptionForm(FlaskForm):
    """Which limit of confidentiality applies when a crime may be involved (kinds.BREACHES)."""

    basis = SelectField(
        _l("What applies"),
        choices=[SelectChoice("", "")]
        + [SelectChoice(code, label) for code, label in kinds.BREACHES],
        validators=[DataRequired(_l("Choose what applies."))],
    )
    consulted = BooleanField(
        _l("I consulted a colleague or the professional association before deciding")
    )
    reason = TextAreaField(_l("Reason (the reporter reads this)"), filters=[_trimmed])

    def validate_consulted(self, field) -> None:
        if self.basis.data == "weighed" and not field.data:
            raise ValidationError(
                _l("A weighed decision comes after consulting a colleague: tick the box.")
            )

    def validate_reason(self, field) -> None:
        if self.basis.data in ("duty_160", "weighed") and not field.data:
            raise ValidationError(_l("Write the reason: the reporter will read it."))


class ContactOfferForm(FlaskForm):
    offer = TextAreaField(
        _l("Offer another way to stay in touch"),
        validators=[DataRequired(_l("Write the way you offer.")), Length(max=1000)],
        description=_l(
            "For example a phone hour at a number the reporter calls, or a meeting in person. "
            "The reporter reads it when they come back with their code, and can agree to it."
        ),
        render_kw={"rows": 3},
    )


def _kind_choices() -> list:
    """The kinds of report, each with its track ("Bullying (unwanted behaviour)")."""
    return [SelectChoice("", _l("Choose"))] + [
        SelectChoice(kind.code, kinds.kind_with_track(kind)) for kind in kinds.CATEGORIES
    ]


class ReclassifyForm(FlaskForm):
    """The adviser's correction of the report's kind (and with it, its track)."""

    category = SelectField(
        _l("What the report is about"),
        choices=_kind_choices(),
        validators=[DataRequired(_l("Choose what the report is about."))],
        id="reclassify-category",
    )


class PatternForm(FlaskForm):
    """One incident or a pattern: the adviser's mark after talking with the reporter."""

    pattern = RadioField(
        _l("One incident or a pattern?"),
        choices=[SelectChoice(code, label) for code, label in kinds.PATTERNS],
        validators=[DataRequired(_l("Choose one incident or a pattern."))],
    )


class ConcludeForm(FlaskForm):
    """The outcome, confirmed on a page of its own before the report closes."""

    outcome = SelectField(
        _l("Outcome"),
        choices=[SelectChoice(code, label) for code, label in kinds.OUTCOMES],
        validators=[DataRequired(_l("Choose an outcome."))],
    )

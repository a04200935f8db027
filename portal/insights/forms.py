"""Forms of the insights area: a consultation, a report's source, the narrative, publishing."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.insights import consultations as c
from portal.platform.i18n import lazy_gettext as _l
from portal.reports import kinds
from portal.web.forms import text_field

NARRATIVE = 20_000  # characters in one part of the yearly report's own text


def _radio(label, choices, message):
    return RadioField(
        label,
        choices=[SelectChoice(code, text) for code, text in choices],
        validators=[InputRequired(message)],
    )


class ConsultationForm(FlaskForm):
    held_on = DateField(
        _l("Day of the conversation"),
        default=date.today,
        validators=[DataRequired(_l("Fill in the day, for example 2026-03-14."))],
    )
    channel = _radio(_l("How did you talk?"), c.CHANNELS, _l("Choose how you talked."))
    category = SelectField(
        _l("What was it about?"),
        choices=[SelectChoice("", _l("Choose"))]
        + [SelectChoice(k.code, k.label) for k in kinds.CATEGORIES],
        validators=[DataRequired(_l("Choose what it was about."))],
    )
    visitor = _radio(_l("Who came to you?"), c.VISITORS, _l("Choose who came to you."))
    source = _radio(
        _l("Who did the behaviour come from?"),
        c.SOURCES,
        _l("Choose who the behaviour came from."),
    )
    outcome = _radio(_l("What came of it?"), c.OUTCOMES, _l("Choose what came of it."))
    referral = SelectField(
        _l("Referred to"),
        choices=[SelectChoice("", _l("Not referred"))]
        + [SelectChoice(code, text) for code, text in c.REFERRALS],
        validators=[Optional()],
        description=_l("Only when you referred the person."),
    )
    note = TextAreaField(
        _l("Note for yourself (optional)"),
        validators=[Length(max=5000)],
        description=_l(
            "No names. The note is encrypted so that only you can read it; it never appears in the yearly report."
        ),
        render_kw={"rows": 3},
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.outcome.data == "referral" and not self.referral.data:
            self.referral.errors = [*self.referral.errors, _l("Choose where you referred to.")]
            return False
        if self.outcome.data != "referral" and self.referral.data:
            self.referral.errors = [
                *self.referral.errors,
                _l("Choose 'Referred' as the outcome, or leave this empty."),
            ]
            return False
        return ok


class ReportSourceForm(FlaskForm):
    source = SelectField(
        _l("Who did the behaviour come from?"),
        choices=[SelectChoice("", _l("Not known"))]
        + [SelectChoice(code, text) for code, text in c.SOURCES],
        validators=[Optional()],
    )
    several_forms = BooleanField(_l("The report touches more than one form of behaviour"))


class NarrativeForm(FlaskForm):
    observations = text_field(
        _l("What we saw this year"),
        NARRATIVE,
        8,
        _l("Trends and observations. No names and nothing that points to a person."),
    )
    recommendations = text_field(_l("Recommendations to management"), NARRATIVE, 6)
    prevention = text_field(
        _l("Prevention"),
        NARRATIVE,
        6,
        _l("What the organisation can do so that it happens less."),
    )
    # The same texts in English, for English readers; empty: they read the Dutch.
    observations_en = text_field(_l("What we saw this year, in English"), NARRATIVE, 5)
    recommendations_en = text_field(_l("Recommendations to management, in English"), NARRATIVE, 4)
    prevention_en = text_field(_l("Prevention, in English"), NARRATIVE, 4)


class PublishForm(FlaskForm):
    correction = text_field(
        _l("What this version corrects"),
        2000,
        2,
        _l("Only for a correction of a report published before."),
    )
    confirm = BooleanField(
        _l("I checked the hidden cells and the texts: nothing points to a person."),
        validators=[DataRequired(_l("Confirm that you checked the report."))],
    )

"""Forms of the insights area: a consultation, a report's source, the narrative, publishing."""

from datetime import date

from flask_babel import format_date
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.insights import activities, sections
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
    recommendations = text_field(
        _l("Recommendations to management: introduction"),
        NARRATIVE,
        4,
        _l(
            "List the recommendations one by one below, so that next year's report can say what became of each."
        ),
    )
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


# --- the sections advisers write every year (issue 23, item 4) ----------------------


def _months() -> list[SelectChoice]:
    return [SelectChoice("", _l("Choose"))] + [
        SelectChoice(str(m), format_date(date(2000, m, 1), "MMMM")) for m in range(1, 13)
    ]


class ActivityForm(FlaskForm):
    month = SelectField(_l("Month"), validators=[DataRequired(_l("Choose the month."))])
    kind = _radio(_l("Kind of activity"), activities.KINDS, _l("Choose the kind of activity."))
    description = StringField(
        _l("Short description"),
        validators=[
            Length(
                max=activities.DESCRIPTION,
                message=_l("Keep it under %(n)s characters.", n=activities.DESCRIPTION),
            )
        ],
        description=_l(
            "About the activity, never about a person: no names and nothing that points to someone. You are responsible for what you write here. Only advisers read it; the yearly report shows only how many activities of each kind there were."
        ),
    )
    participants = IntegerField(
        _l("Number of participants (optional)"),
        validators=[
            Optional(),
            NumberRange(0, 100_000, _l("Fill in a whole number, 0 or more.")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.month.choices = _months()


class ContextForm(FlaskForm):
    """The organisation's size; adviser_fields adds, per adviser, listing, kind and hours."""

    employees = IntegerField(
        _l("Number of employees"),
        validators=[
            Optional(),
            NumberRange(1, 1_000_000, _l("Fill in a whole number, 1 or more.")),
        ],
        description=_l("At the end of the year, roughly."),
    )


def context_form(rows: list[dict], texts: dict) -> ContextForm:
    """Return the context form with a listing, kind and hours field for each adviser."""

    class Form(ContextForm):
        pass

    data = {"employees": texts.get("employees") or None}  # "" would be a wrong number
    for row in rows:
        pid = row["person_id"]
        setattr(Form, f"listed_{pid}", BooleanField(_l("Listed on this report: signs it")))
        setattr(
            Form,
            f"kind_{pid}",
            SelectField(
                _l("Internal or external"),
                choices=[
                    SelectChoice("internal", _l("Internal")),
                    SelectChoice("external", _l("External")),
                ],
            ),
        )
        setattr(
            Form,
            f"hours_{pid}",
            IntegerField(
                _l("Hours per month"),
                validators=[
                    Optional(),
                    NumberRange(0, sections.HOURS, _l("Fill in a number of hours from 0 to 744.")),
                ],
            ),
        )
        data[f"listed_{pid}"] = row["listed"]
        data[f"kind_{pid}"] = "external" if row["external"] else "internal"
        data[f"hours_{pid}"] = row["hours"]
    return Form(data=data)


def recommendations_form(items: list[dict]) -> FlaskForm:
    """Return a form with a box for each of the draft's recommendations and one for a new one."""

    class Form(FlaskForm):
        new = text_field(
            _l("Add a recommendation"),
            sections.RECOMMENDATION,
            3,
            _l("One recommendation to management. No names and nothing that points to a person."),
        )

    data = {}
    for n, item in enumerate(items, start=1):
        setattr(
            Form,
            f"rec_{item['uid']}",
            text_field(
                _l("Recommendation %(n)s", n=n),
                sections.RECOMMENDATION,
                3,
                _l("Empty the box to remove it."),
            ),
        )
        data[f"rec_{item['uid']}"] = item["text"]
    return Form(data=data)


def followups_form(rows: list[dict]) -> FlaskForm:
    """Return a form with a status and a note for each of last year's recommendations."""

    class Form(FlaskForm):
        pass

    data = {}
    for row in rows:
        uid = row["uid"]
        setattr(
            Form,
            f"status_{uid}",
            SelectField(
                _l("What became of it"),
                choices=[SelectChoice("", _l("Not said yet"))]
                + [SelectChoice(code, label) for code, label in sections.STATUSES],
                validators=[Optional()],
            ),
        )
        setattr(Form, f"note_{uid}", text_field(_l("Note"), sections.NOTE, 2))
        data[f"status_{uid}"], data[f"note_{uid}"] = row["status"], row["note"]
    return Form(data=data)


class SignForm(FlaskForm):
    """Sign the draft as it stands (the button carries the CSRF token only)."""

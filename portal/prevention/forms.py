"""The form of one prevention measure."""

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from portal.platform.i18n import lazy_gettext as _l
from portal.prevention import measures


class MeasureForm(FlaskForm):
    title = StringField(
        _l("What is the measure?"),
        validators=[
            DataRequired(_l("Say what the measure is.")),
            Length(max=measures.TITLE, message=_l("Keep it under 200 characters.")),
        ],
    )
    owner = StringField(
        _l("Who owns it"),
        description=_l("A role or a name, for example: HR, the team leads."),
        validators=[
            DataRequired(_l("Say who owns the measure.")),
            Length(max=measures.OWNER, message=_l("Keep it under 120 characters.")),
        ],
    )
    due_on = DateField(_l("Due date"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=[SelectChoice(k, v) for k, v in measures.STATUSES])
    outcome = TextAreaField(
        _l("What came of it"),
        validators=[Length(max=measures.OUTCOME, message=_l("Keep it under 2000 characters."))],
        render_kw={"rows": 3},
    )
    recommendation_uid = SelectField(
        _l("Answers the yearly report's recommendation"), validators=[Optional()]
    )


def measure_form(measure=None) -> MeasureForm:
    """The form, filled from a measure when one is given, with the recommendations to choose."""
    form = MeasureForm(obj=measure)
    form.recommendation_uid.choices = [SelectChoice("", _l("None"))] + [
        SelectChoice(r.uid, f"{r.year}: {_short(r.text)}") for r in measures.recommendations()
    ]
    if (
        measure is not None
        and measure.recommendation_uid
        and not any(c.value == measure.recommendation_uid for c in form.recommendation_uid.choices)
    ):
        form.recommendation_uid.choices.append(
            SelectChoice(measure.recommendation_uid, _l("A recommendation no longer published"))
        )
    return form


def _short(text: str, most: int = 90) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"

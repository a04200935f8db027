"""The pulse's form: one choice per question, and the team when the person is in several."""

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from portal.platform.i18n import lazy_gettext as _l
from portal.pulse.questions import ONLINE, STATEMENTS, scale_labels


class PulseForm(FlaskForm):
    team = SelectField(_l("Your team"), coerce=int, validators=[InputRequired()])


def _add_questions() -> None:
    labels = scale_labels()
    for question in STATEMENTS:
        setattr(
            PulseForm,
            question.key,
            RadioField(
                question.text,
                choices=[SelectChoice(str(value), labels[value]) for value in question.scale],
                validators=[InputRequired(_l("Choose an answer."))],
            ),
        )
    setattr(
        PulseForm,
        ONLINE.key,
        RadioField(
            ONLINE.text,
            choices=[SelectChoice("1", _l("Yes")), SelectChoice("0", _l("No"))],
            validators=[InputRequired(_l("Choose an answer."))],
        ),
    )


_add_questions()

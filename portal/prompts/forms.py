"""Forms of the prompt pages: the team's choice, "discussed", HR's schedule and editing."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange

from portal.platform.i18n import lazy_gettext as _l
from portal.prompts.library import LOCALES, MAX_QUESTIONS, MIN_QUESTIONS
from portal.prompts.meetings import MAX_ACTION_POINTS, MAX_PRESENT

MARKDOWN_HINT = _l("You can use Markdown: *italic*, **bold**, - for a list item.")


class ChoiceForm(FlaskForm):
    prompt = SelectField(_l("Prompt for your team this month"), coerce=str, validate_choice=True)


class DiscussedForm(FlaskForm):
    standing_question_asked = BooleanField(
        _l("We asked the standing question on online harassment"),
        description=_l("Only whether it was asked: not who answered or what."),
    )
    held_on = DateField(
        _l("Date of the meeting"),
        validators=[InputRequired(_l("Fill in the date of the meeting."))],
        invalid_value_message=_l("Fill in the date as day, month and year."),
    )
    present = IntegerField(
        _l("Number of people present"),
        validators=[
            InputRequired(_l("Fill in how many people were present.")),
            NumberRange(1, MAX_PRESENT, _l("Fill in a number from 1 to %(max)d.", max=MAX_PRESENT)),
        ],
        invalid_value_message=_l("Fill in a whole number."),
    )
    action_points = TextAreaField(
        _l("Action points (optional)"),
        description=_l(
            "What did the team agree to do? Write down agreements, not people: no names and no other personal details."
        ),
        validators=[
            Length(
                max=MAX_ACTION_POINTS,
                message=_l("Keep it under %(max)d characters.", max=MAX_ACTION_POINTS),
            )
        ],
        render_kw={"rows": 4},
    )


class ScheduleForm(FlaskForm):
    """Change one month of the year: its prompt, or back to the rotation."""

    month = SelectField(_l("Month"), coerce=str, validate_choice=True)
    prompt = SelectField(_l("Prompt"), coerce=str, validate_choice=True)


def _prompt_fields(locale: str) -> dict:
    return {
        f"title_{locale}": StringField(
            _l("Title"), validators=[Length(max=200)], render_kw={"lang": locale}
        ),
        f"intro_{locale}": TextAreaField(
            _l("Introduction"),
            description=MARKDOWN_HINT,
            validators=[Length(max=5000)],
            render_kw={"rows": 5, "lang": locale},
        ),
        f"questions_{locale}": TextAreaField(
            _l("Questions"),
            description=_l(
                "One open question per line: %(min)d to %(max)d questions.",
                min=MIN_QUESTIONS,
                max=MAX_QUESTIONS,
            ),
            validators=[Length(max=3000)],
            render_kw={"rows": 6, "lang": locale},
        ),
        f"case_{locale}": TextAreaField(
            _l("Case or dilemma"),
            description=MARKDOWN_HINT,
            validators=[Length(max=5000)],
            render_kw={"rows": 6, "lang": locale},
        ),
    }


class PromptForm(FlaskForm):
    """A prompt in both languages side by side; the fields per language are added below."""

    action = HiddenField()  # the button pressed: "save" or "preview"

    guide_page = SelectField(_l("Guide page it relates to"), coerce=str, validate_choice=True)


for _locale in LOCALES:
    for _name, _field in _prompt_fields(_locale).items():
        setattr(PromptForm, _name, _field)

"""The form to ask an adviser for a conversation or a question: short, one page."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from portal.platform.i18n import lazy_gettext as _l
from portal.reports import conversation, kinds
from portal.reports.forms import ContactFields
from portal.web.forms import CheckboxesField


class ConversationForm(ContactFields, FlaskForm):
    adviser = SelectField(
        _l("Which adviser would you like to talk to?"),
        coerce=int,
        validators=[DataRequired(_l("Choose an adviser."))],
    )
    what = RadioField(
        _l("What would you like?"),
        choices=[SelectChoice(code, label) for code, label in conversation.WHAT],
        default="conversation",
        validators=[DataRequired(_l("Choose a conversation or a question."))],
    )
    message = TextAreaField(
        _l("What would you like to talk about or ask?"),
        description=_l("A few sentences are enough. You do not have to tell everything now."),
        validators=[
            DataRequired(_l("Write in a few words what you would like to talk about or ask.")),
            Length(max=conversation.MESSAGE_MAX),
        ],
        render_kw={"rows": 5},
    )
    topic = RadioField(
        _l("What is it about?"),
        choices=[SelectChoice(code, label) for code, label in conversation.TOPICS],
        default="other",
        validators=[DataRequired(_l("Choose what it is about, or 'something else'."))],
    )
    in_person = BooleanField(
        _l("I would like to meet in person"),
        description=_l(
            "Your adviser then plans a meeting with you, in a place where you can talk freely."
        ),
    )
    times = CheckboxesField(
        _l("When suits you? (optional)"),
        choices=[SelectChoice(code, label) for code, label in conversation.TIMES],
        validators=[Optional()],
    )
    when = StringField(
        _l("In your own words: when suits you? (optional)"),
        description=_l("For example: Tuesday or Thursday after 3 pm, not on Mondays."),
        validators=[Length(max=conversation.WHEN_MAX)],
    )
    mode = RadioField(
        _l("Who may know that you ask?"),
        choices=[SelectChoice(mode.code, mode.label) for mode in kinds.MODES],
        default=kinds.ANONYMOUS,
        description=_l(
            "Anonymous: nobody learns who you are, not even the adviser; you read the answer with your code. Confidential: only your adviser knows your name. By name: you ask openly."
        ),
        validators=[DataRequired(_l("Choose anonymous, confidential or by name."))],
    )

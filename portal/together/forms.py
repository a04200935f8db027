"""Report together's forms: holding a report, going on after a match, and the advisers' forms."""

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal.platform.i18n import lazy_gettext as _l
from portal.reports import kinds
from portal.reports.forms import PHONE
from portal.web.forms import ActionForm, CheckboxesField  # noqa: F401 - ActionForm: the buttons

TEXT = 20_000


def chosen_id(value) -> int:
    """A person field's value as an id. Its first line, asking to choose, has an empty value
    (valid HTML for a required list) and reads as 0, which the field refuses as missing."""
    return int(value) if value not in ("", None) else 0


class ContactForm(FlaskForm):
    """How the writer wants to be reached once they go on (a confidential report: a name, and
    an e-mail address or a phone number), asked again then."""

    contact_name = StringField(
        _l("Your name"),
        validators=[
            DataRequired(
                _l("Fill in your name: the adviser needs to know who you are for this choice.")
            ),
            Length(max=200),
        ],
    )
    contact_email = EmailField(_l("E-mail address"), validators=[Length(max=254)])
    contact_phone = StringField(
        _l("Phone number"),
        validators=[
            Optional(),
            Regexp(PHONE, message=_l("This is not a phone number.")),
            Length(max=30),
        ],
    )

    def validate_contact_email(self, field):
        if not (field.data or self.contact_phone.data or "").strip():
            raise ValidationError(
                _l("Give an e-mail address or phone number so the adviser can reach you.")
            )
        if field.data and "@" not in field.data:
            raise ValidationError(_l("This is not an e-mail address."))

    def contact(self) -> dict:
        return {
            "name": (self.contact_name.data or "").strip(),
            "email": (self.contact_email.data or "").strip(),
            "phone": (self.contact_phone.data or "").strip(),
        }


class HoldForm(ContactForm):
    about = SelectField(
        _l("Who is it about?"),
        coerce=chosen_id,
        validators=[DataRequired(_l("Choose the person it is about."))],
        description=_l("Only people in the staff directory can be matched."),
    )
    category = SelectField(
        _l("What is it about?"),
        choices=[SelectChoice("", _l("Choose…"))]
        + [SelectChoice(kind.code, kind.label) for kind in kinds.CATEGORIES],
        validators=[DataRequired(_l("Choose what it is about, or 'Not sure'."))],
    )
    what = TextAreaField(
        _l("What happened?"),
        validators=[
            DataRequired(_l("Describe what happened.")),
            Length(max=TEXT, message=_l("Keep it under %(max)d characters.")),
        ],
        render_kw={"rows": 8},
    )
    entries = CheckboxesField(
        _l("Add entries from my record"),
        choices=[],
        validate_choice=False,
        description=_l("Their text goes with your report; their files stay in your record."),
    )
    adviser = SelectField(
        _l("Which adviser should receive it after a match?"),
        coerce=chosen_id,
        validators=[DataRequired(_l("Choose an adviser."))],
    )


class GiveForm(FlaskForm):
    adviser = SelectField(
        _l("Adviser"), coerce=chosen_id, validators=[DataRequired(_l("Choose an adviser."))]
    )
    check_code = StringField(
        _l("The other adviser's check code"),
        validators=[DataRequired(_l("Type the check code from the other adviser's screen."))],
        description=_l("Ask them to open this page and read their code to you, in person."),
    )

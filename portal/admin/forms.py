"""Forms of the administrator's pages: people and teams."""

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, Regexp

from portal.core.accounts.roles import ROLE_LABELS, Role
from portal.platform.i18n import lazy_gettext as _l
from portal.web.forms import CheckboxesField


class PersonForm(FlaskForm):
    display_name = StringField(
        _l("Name"), validators=[DataRequired(_l("Fill in the name.")), Length(max=200)]
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(_l("Fill in the e-mail address.")),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("This is not an e-mail address.")),
            Length(max=254),
        ],
        description=_l("The person signs in with this address."),
    )
    roles = CheckboxesField(
        _l("Roles"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        default=[Role.EMPLOYEE.value],
        validate_choice=True,
    )


class TeamForm(FlaskForm):
    name = StringField(
        _l("Team name"), validators=[DataRequired(_l("Fill in the team name.")), Length(max=200)]
    )
    lead = SelectField(_l("Team lead"), coerce=str, validate_choice=True)
    members = TextAreaField(
        _l("Members"),
        description=_l("One e-mail address per line."),
        validators=[Length(max=200_000)],
        render_kw={"rows": 8},
    )


class ActiveForm(FlaskForm):
    active = HiddenField(validators=[AnyOf(["0", "1"])])  # "0" deactivates, "1" reactivates


class DecisionForm(FlaskForm):
    decision = HiddenField(validators=[AnyOf(["confirm", "decline"])])  # the button pressed

"""Forms of the record: an entry, the timeline's filter, the recovery code, the passphrase."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.platform import clock
from portal.platform.i18n import lazy_gettext as _l
from portal.record import dates, entries
from portal.web import password_fields
from portal.web.forms import ALWAYS_CHOSEN, LINE, line_field, link_field

TEXT = 20_000
PEOPLE_ROWS = 3


class PersonForm(Form):
    name = StringField(
        _l("Name or role"),
        validators=[Length(max=LINE)],
        render_kw={"autocomplete": "off"},
    )
    relation = SelectField(
        _l("Relationship to you"),
        choices=[SelectChoice("", _l("Choose"))]
        + [SelectChoice(code, label) for code, label in entries.RELATIONS],
        validators=[Optional()],
    )


class EntryForm(FlaskForm):
    title = line_field(
        _l("Short title (optional)"),
        _l(
            "Your list shows this title with the date, not the text. Empty: the list shows the form."
        ),
    )
    precision = RadioField(
        _l("How sure are you of the date?"),
        choices=[SelectChoice(code, label) for code, label in dates.PRECISIONS],
        default=dates.EXACT,
        validators=[DataRequired()],
    )
    happened_on = DateField(
        _l("When did it happen?"),
        validators=[DataRequired(_l("Fill in the day it happened (or began)."))],
        description=_l(
            "The day it happened; for a month, any day in that month; for a period, its first day."
        ),
    )
    happened_until = DateField(
        _l("Until (for a period)"),
        validators=[Optional()],
        description=_l("Only for a period: its last day."),
    )
    time = TimeField(_l("Time, if you know it"), validators=[Optional()])
    place = line_field(_l("Place"), _l("For example the team room or the car park."))
    channel = line_field(
        _l("Online channel"),
        _l("If it happened online: for example a chat group, e-mail or a website."),
    )
    post_url = link_field(
        _l("Address of the post"), _l("The link to the message or post, if there is one.")
    )
    people = FieldList(FormField(PersonForm), min_entries=PEOPLE_ROWS, max_entries=PEOPLE_ROWS)
    witnesses = TextAreaField(
        _l("Witnesses"), validators=[Length(max=LINE * 4)], render_kw={"rows": 2}
    )
    what = TextAreaField(
        _l("What happened?"),
        validators=[DataRequired(_l("Write down what happened.")), Length(max=TEXT)],
        render_kw={"rows": 8},
    )
    effect = TextAreaField(
        _l("How did it affect you?"), validators=[Length(max=TEXT)], render_kw={"rows": 4}
    )
    actions = TextAreaField(
        _l("What did you do, and whom did you tell?"),
        validators=[Length(max=TEXT)],
        render_kw={"rows": 4},
    )
    form = SelectField(
        _l("Which form does it seem to be?"),
        choices=[SelectChoice(code, label) for code, label in entries.FORMS],
        default="unsure",
        validators=[DataRequired()],
        render_kw=ALWAYS_CHOSEN,
    )
    files = MultipleFileField(
        _l("Add evidence (optional)"),
        description=_l(
            "Photos or screenshots, PDF or plain text. Photos are re-drawn so that hidden details (location, camera) are left out."
        ),
    )

    def validate_happened_on(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_l("This day is in the future."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        until = self.happened_until
        if self.precision.data == dates.PERIOD and not until.data and not until.errors:
            until.errors = [*until.errors, _l("Fill in the last day of the period.")]
            return False
        return valid

    def validate_happened_until(self, field):
        period = self.precision.data == dates.PERIOD
        if field.data and not period:
            raise ValidationError(
                _l("A last day is only for a period: choose 'Over a period', or empty this field.")
            )
        if field.data and self.happened_on.data and field.data < self.happened_on.data:
            raise ValidationError(_l("The end of the period is before its start."))

    def content(self) -> dict:
        """Return the typed entry as the record stores it."""
        precision = self.precision.data
        first = self.happened_on.data
        if precision == dates.MONTH:
            first = first.replace(day=1)
        until = self.happened_until.data if precision == dates.PERIOD else None
        return {
            "precision": precision,
            "happened_on": first.isoformat(),
            "happened_until": until.isoformat() if until else "",
            "time": self.time.data.strftime("%H:%M") if self.time.data else "",
            **{name: (self[name].data or "").strip() for name in entries.TEXT_FIELDS},
            "people": [
                {"name": row.form.name.data.strip(), "relation": row.form.relation.data or ""}
                for row in self.people
                if (row.form.name.data or "").strip()
            ],
            "form": self.form.data,
        }

    def fill_from(self, content: dict) -> None:
        """Put a stored entry into the form (for a new version)."""
        self.precision.data = dates.precision_of(content)
        self.happened_on.data = date.fromisoformat(content["happened_on"])
        until = content.get("happened_until")
        self.happened_until.data = date.fromisoformat(until) if until else None
        for name in entries.TEXT_FIELDS:
            self[name].data = content.get(name, "")
        if content.get("time"):
            from datetime import time

            self.time.data = time.fromisoformat(content["time"])
        for row, person in zip(self.people, content.get("people", []), strict=False):
            row.form.name.data = person["name"]
            row.form.relation.data = person["relation"]
        self.form.data = content.get("form", "unsure")


class FilterForm(Form):
    """The timeline's filter, read from the query string."""

    form = SelectField(
        _l("Form"),
        choices=[SelectChoice("", _l("All"))]
        + [SelectChoice(code, label) for code, label in entries.FORMS],
        validators=[Optional()],
    )
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("Until"), validators=[Optional()])


class RecoveryConfirmForm(FlaskForm):
    typed = password_fields.recovery_code(
        _l("Type your recovery code"), _l("Type the recovery code to show you stored it.")
    )


RECOVERY_CODE = password_fields.recovery_code(
    _l("Recovery code"), _l("Fill in your recovery code.")
)


class UnlockForm(FlaskForm):
    recovery_key = RECOVERY_CODE
    password = password_fields.current_password(
        _l("Your current password"), _l("Fill in your current password.")
    )


class NewPassphraseForm(FlaskForm):
    """Single sign-on: the portal never sees a password, so a record passphrase takes its place."""

    passphrase = password_fields.new_password(_l("Record passphrase"), _l("Choose a passphrase."))
    confirm = password_fields.repeated_password(
        _l("Record passphrase again"),
        "passphrase",
        _l("Type the passphrase again."),
        _l("The two passphrases are not the same."),
    )


class PassphraseForm(FlaskForm):
    passphrase = password_fields.current_password(
        _l("Record passphrase"), _l("Fill in your record passphrase.")
    )


class RecoverPassphraseForm(NewPassphraseForm):
    """A forgotten passphrase: the recovery code opens the key, a new passphrase wraps it."""

    recovery_key = RECOVERY_CODE

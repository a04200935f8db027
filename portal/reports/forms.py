"""The sections of the report form. The step-by-step pages and the one-page form share them."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    MultipleFileField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from portal.platform.i18n import lazy_gettext as _l
from portal.reports import kinds
from portal.web.forms import LINE, CheckboxesField, line_field, link_field

TEXT = 20_000  # characters in one description or message

# The sections are plain wtforms Forms, not FlaskForms, on purpose: each is filled from the
# draft as well as from the post, one page nests all of them, and their data is kept in the
# draft whether valid or not (a csrf_token would land in it). The CSRF token of the post is
# checked once for the whole request (CSRFProtect in portal/platform/extensions.py).


class KindSection(Form):
    category = RadioField(
        _l("What is it about?"),
        choices=[SelectChoice(kind.code, kind.label) for kind in kinds.CATEGORIES],
        validators=[DataRequired(_l("Choose what it is about, or 'Not sure'."))],
    )


class IncidentForm(Form):
    when = line_field(_l("Date or period"), _l("For example 3 March, or 'since the summer'."))
    time = line_field(_l("Time"))
    place = line_field(
        _l("Place or online channel"),
        _l("For example the team room, a video call, a chat group or a website."),
    )
    address = link_field(
        _l("Online address"), _l("The link to a post or page, if it happened online.")
    )
    people = TextAreaField(
        _l("People involved"),
        validators=[Length(max=LINE * 4)],
        description=_l("Names or roles, as you like. They are not linked to anyone's account."),
    )
    witnesses = TextAreaField(_l("Witnesses"), validators=[Length(max=LINE * 4)])
    description = TextAreaField(
        _l("What happened?"), validators=[Length(max=TEXT)], render_kw={"rows": 8}
    )


class IncidentsSection(Form):
    incidents = FieldList(FormField(IncidentForm), min_entries=1, max_entries=20)
    ongoing = RadioField(
        _l("Is it still going on?"),
        choices=[
            SelectChoice("yes", _l("Yes")),
            SelectChoice("no", _l("No")),
            SelectChoice("unsure", _l("I do not know")),
        ],
        validators=[DataRequired(_l("Say whether it is still going on."))],
    )
    source = RadioField(
        _l("Who did it come from?"),
        choices=[SelectChoice("", _l("I would rather not say"))]
        + [SelectChoice(code, label) for code, label in kinds.SOURCES],
        default="",
        description=_l("Only counted, without names, in the advisers' yearly figures."),
    )

    def validate_incidents(self, field):
        if not any((entry.form.description.data or "").strip() for entry in field.entries):
            raise ValidationError(_l("Describe at least one incident: what happened?"))


class WishesSection(Form):
    wishes = CheckboxesField(
        _l("What would you like now?"),
        choices=[SelectChoice(code, label) for code, label in kinds.WISHES],
        validators=[Optional()],
    )
    wish_note = TextAreaField(_l("Anything else you would like?"), validators=[Length(max=TEXT)])


class EvidenceSection(Form):
    files = MultipleFileField(
        _l("Add files"),
        description=_l(
            "Photos or screenshots (JPEG, PNG, GIF, WebP), PDF or plain text. At most %(file)d MB a file and %(total)d MB in all.",
            file=10,
            total=50,
        ),
    )
    remove = CheckboxesField(_l("Remove"), choices=[], coerce=int, validate_choice=False)


PHONE = r"^[0-9+()\-\s]{6,30}$"


def name_for_a_known_reporter(form, field):
    """A confidential or named reporter (or asker) gives a name; shared by every form with
    a mode and contact fields (the report's mode step, the conversation request)."""
    if form.mode.data in (kinds.CONFIDENTIAL, kinds.NAMED) and not (field.data or "").strip():
        raise ValidationError(
            _l("Fill in your name: the adviser needs to know who you are for this choice.")
        )


def reachable_known_reporter(form, field):
    """A confidential or named reporter gives an e-mail address or a phone number."""
    if (
        form.mode.data in (kinds.CONFIDENTIAL, kinds.NAMED)
        and not (field.data or form.contact_phone.data or "").strip()
    ):
        raise ValidationError(
            _l("Give an e-mail address or phone number so the adviser can reach you.")
        )
    if field.data and "@" not in field.data:
        raise ValidationError(_l("This is not an e-mail address."))


class ContactFields(Form):
    """How a reporter who is not anonymous can be reached (the form's `mode` says which).

    The report's mode step and the request for a conversation both ask it.
    """

    contact_name = StringField(_l("Your name"), validators=[Length(max=200)])
    contact_email = EmailField(_l("E-mail address"), validators=[Length(max=254)])
    contact_phone = StringField(
        _l("Phone number"),
        validators=[
            Optional(),
            Regexp(PHONE, message=_l("This is not a phone number.")),
            Length(max=30),
        ],
    )

    validate_contact_name = name_for_a_known_reporter
    validate_contact_email = reachable_known_reporter


class ModeSection(ContactFields):
    mode = RadioField(
        _l("How do you want to report?"),
        choices=[SelectChoice(mode.code, mode.label) for mode in kinds.MODES],
        validators=[DataRequired(_l("Choose how you want to report."))],
    )


class AdvisersSection(Form):
    advisers = CheckboxesField(
        _l("Who should receive your report?"),
        coerce=int,
        validators=[DataRequired(_l("Choose at least one confidential adviser."))],
    )
    excluded = CheckboxesField(
        _l("Who must never see it?"),
        coerce=int,
        validators=[Optional()],
        description=_l(
            "For example an adviser who knows the person involved. They will not be able to read your report, also not later."
        ),
    )

    def validate_excluded(self, field):
        if set(field.data or []) & set(self.advisers.data or []):
            raise ValidationError(
                _l("Someone cannot both receive your report and be excluded from it.")
            )


SECTIONS = {
    "kind": KindSection,
    "incidents": IncidentsSection,
    "wishes": WishesSection,
    "evidence": EvidenceSection,
    "mode": ModeSection,
    "advisers": AdvisersSection,
}
STEPS = list(SECTIONS)

STEP_TITLES = {
    "kind": _l("What kind"),
    "incidents": _l("What happened"),
    "wishes": _l("What you want"),
    "evidence": _l("Evidence"),
    "mode": _l("How you report"),
    "advisers": _l("To whom"),
}


class MessageForm(FlaskForm):
    """A message in the conversation, from the reporter or the adviser, with optional files."""

    text = TextAreaField(
        _l("Your message"),
        validators=[DataRequired(_l("Write a message.")), Length(max=TEXT)],
        render_kw={"rows": 6},
    )
    files = MultipleFileField(
        _l("Add files (optional)"), description=_l("Photos, PDF or plain text.")
    )


class WithdrawForm(FlaskForm):
    confirm = BooleanField(
        _l("Yes, I want to withdraw my report"),
        validators=[
            DataRequired(_l("Tick the box to confirm that you want to withdraw the report."))
        ],
    )


class CodeCheckForm(FlaskForm):
    """The receipt page's check: the reporter types the code they saved back."""

    reference = HiddenField()
    code = HiddenField()  # the code shown, sent back so it is never kept on the server
    typed = StringField()

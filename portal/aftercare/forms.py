"""The aftercare forms. Labels in English; Dutch comes from the catalogue."""

from collections.abc import Callable, Iterable

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from portal.aftercare import protocol
from portal.core.accounts.models import Person
from portal.guide.forms import GuidePageForm
from portal.platform.i18n import lazy_gettext as _l
from portal.web.forms import ALWAYS_CHOSEN, LINE, CheckboxesField, line_field, link_field

TEXT = 10_000
TRISTATE = {"yes": _l("Yes"), "no": _l("No"), "unknown": _l("Not known yet")}


def choices(mapping: dict) -> list[SelectChoice]:
    """Turn a code-to-label mapping into select choices."""
    return [SelectChoice(code, label) for code, label in mapping.items()]


def tristate(value: str | None) -> bool | None:
    """Read a yes/no/not-known answer as True, False or None."""
    return {"yes": True, "no": False}.get(value or "")


def tristate_data(value: bool | None) -> str:
    """Write True, False or None as a yes/no/not-known answer."""
    return {True: "yes", False: "no"}.get(value, "unknown")


def person_field(label: str, missing: str, description: str) -> SelectField:
    """Return the required choice of one person by id. The view fills in the choices; the
    domain says who can be chosen, so a refusal reads in the page's own words."""
    return SelectField(
        label,
        coerce=person_id,
        validate_choice=False,
        validators=[DataRequired(missing)],
        description=description,
    )


def person_id(value) -> int:
    """A person field's value as an id; the empty first line (nobody chosen yet) is 0."""
    return int(value) if value not in ("", None) else 0


def person_choices(people: Iterable[Person], name: Callable[[Person], str]) -> list[SelectChoice]:
    """Return a person field's choices: first an empty line asking to choose (0, which the
    field refuses as missing), then each person under the name the page shows."""
    return [SelectChoice("", _l("Choose a person"))] + [SelectChoice(p.id, name(p)) for p in people]


class OpenCaseForm(FlaskForm):
    employee = person_field(
        _l("Staff member"),
        _l("Choose the staff member the case is for."),
        _l("They are told at once and can read the whole case from their own account."),
    )


class AskForm(FlaskForm):
    person = person_field(
        _l("Whom do you ask?"),
        _l("Choose your team lead or an HR person."),
        _l(
            "They see that you ask for aftercare and open the case with you. Nothing else is "
            "shared."
        ),
    )


class AddMemberForm(FlaskForm):
    person = SelectField(
        _l("HR person to add"),
        coerce=int,
        validators=[DataRequired(_l("Choose an HR person."))],
        render_kw=ALWAYS_CHOSEN,
    )


class NewKeyForm(FlaskForm):
    """Share a case with a person's key pair: only with the check code they read out to you."""

    code = StringField(
        _l("Check code, as they read it to you from their own screen"),
        validators=[DataRequired(_l("Type the check code the person reads to you."))],
    )


class StepForm(FlaskForm):
    owner = SelectField(_l("Who does it"), choices=choices(protocol.OWNERS))
    status = SelectField(_l("Status"), choices=choices(protocol.STATUSES))
    due_on = DateField(_l("Due date"), validators=[Optional()])
    done_on = DateField(
        _l("Date done"), validators=[Optional()], description=_l("Empty: today, when done.")
    )
    note = TextAreaField(
        _l("Note"),
        validators=[Length(max=TEXT)],
        description=_l("Encrypted; only the people on the case can read it."),
    )


class EvidenceForm(FlaskForm):
    platform = SelectField(
        _l("Platform"),
        choices=choices(protocol.PLATFORMS),
        validators=[DataRequired(_l("Choose the platform."))],
        render_kw=ALWAYS_CHOSEN,
    )
    platform_other = line_field(_l("Other platform"), _l("If 'Other'."))
    url = link_field(
        _l("Address of the post (URL)"), _l("Copy the exact link to the post, not to the profile.")
    )
    handle = line_field(_l("Poster's handle"), _l("As shown on the platform, for example @name."))
    account_owner = line_field(_l("Whose account it is"))
    others = TextAreaField(_l("Others involved"), validators=[Length(max=LINE * 4)])
    seen_at = line_field(
        _l("When it was seen"), _l("Date and time as shown, for example 12 March 2026, 21:40.")
    )
    captured_by = line_field(_l("Who captured it"))
    still_online = RadioField(_l("Still online?"), choices=choices(TRISTATE), default="unknown")
    checked_on = DateField(_l("Checked on"), validators=[Optional()])
    screenshots = MultipleFileField(
        _l("Screenshots"),
        description=_l(
            "Photos, PDF or plain text. Images are re-drawn so hidden details (location, camera) "
            "are removed; the SHA-256 of each file as sent is shown."
        ),
    )
    remove = CheckboxesField(_l("Remove"), choices=[], coerce=int, validate_choice=False)
    keep_original = BooleanField(
        _l("Also keep the original files, as the police may want them"),
        description=_l(
            "A photo is re-drawn without its hidden data (such as location and camera). With this "
            "ticked, the original of each photo you add now is kept beside it, encrypted for the "
            "people on this case only. It is never shown on the page; downloading it is logged."
        ),
    )


class AskHelpForm(FlaskForm):
    """The employee asks for professional help themselves (opens step 5 for HR)."""


class CheckForm(FlaskForm):
    still_online = RadioField(
        _l("Is the post still online today?"),
        choices=choices({k: TRISTATE[k] for k in ("yes", "no")}),
        validators=[DataRequired(_l("Say whether the post is still online."))],
    )


class NoticeForm(FlaskForm):
    sent_on = DateField(_l("Date of the notice"), validators=[Optional()])
    platform = SelectField(
        _l("Platform"), choices=[SelectChoice("", "-"), *choices(protocol.PLATFORMS)]
    )
    reference = line_field(_l("The notice's reference"))
    asked = TextAreaField(_l("What was asked"), validators=[Length(max=TEXT)])
    decision = TextAreaField(_l("The platform's decision"), validators=[Length(max=TEXT)])
    decided_on = DateField(_l("Date of the decision"), validators=[Optional()])
    removed = RadioField(_l("Removed?"), choices=choices(TRISTATE), default="unknown")


class PoliceForm(FlaskForm):
    filed_by = line_field(
        _l("Who files for the organisation"),
        _l("The organisation files the report; the employee is a witness."),
    )
    address = TextAreaField(
        _l("The organisation's address used"),
        validators=[Length(max=LINE)],
        description=_l("Used instead of the employee's home address."),
    )
    public_task = BooleanField(_l("The employee has a public task (mention it in the report)"))
    complaint_offence = BooleanField(
        _l("It is an offence that needs the employee's own complaint"),
        description=_l(
            "Insult, defamation, slander and stalking need it. Threats, and insulting a public "
            "servant in or about their office (art. 267 and 269 Sr), can be reported by anyone. "
            "Only when ticked does the complaint's last day become step 6's due date."
        ),
    )
    learned_on = DateField(
        _l("Day the employee learned of it"),
        validators=[Optional()],
        description=_l(
            "The complaint must be made within 3 months after this day; the last day counts."
        ),
    )
    authorised_on = DateField(
        _l("Date of the employee's written authorisation"), validators=[Optional()]
    )
    registration = line_field(_l("Police registration number"))
    filed_on = DateField(_l("Date filed"), validators=[Optional()])


class CheckInForm(FlaskForm):
    how = TextAreaField(
        _l("How is the employee doing?"),
        validators=[DataRequired(_l("Write down how the employee is doing.")), Length(max=TEXT)],
    )
    help_needed = BooleanField(_l("Professional help is needed"))
    done_on = DateField(_l("Date of the conversation"), validators=[Optional()])


class WordsForm(FlaskForm):
    words = TextAreaField(
        _l("In your own words: how are you doing?"),
        validators=[DataRequired(_l("Write something first.")), Length(max=TEXT)],
        description=_l("Only the people on your case can read this."),
    )


class CloseForm(FlaskForm):
    outcome = SelectField(
        _l("Outcome"),
        choices=choices(protocol.OUTCOMES),
        validators=[DataRequired(_l("Choose the outcome."))],
        render_kw=ALWAYS_CHOSEN,
    )


# An HR page is written as a guide page is: a title and a Markdown text in each language.
PageForm = GuidePageForm

"""Forms of the adviser pages: HR's profile form and the directory's filter."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    Form,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.advisers import profiles
from portal.advisers.models import AdviserProfile
from portal.core.accounts.models import Person
from portal.platform import categories
from portal.platform.i18n import lazy_gettext as _l
from portal.web.forms import CheckboxesField

TEXT = 2000


def topic_choices() -> list[SelectChoice]:
    return [
        SelectChoice(code, categories.CATEGORY_BY_CODE[code].label) for code in profiles.TOPIC_CODES
    ]


def language_choices(locale: str) -> list[SelectChoice]:
    return [SelectChoice(c, profiles.language_name(c, locale)) for c in profiles.LANGUAGE_CODES]


class ProfileForm(FlaskForm):
    external = RadioField(
        _l("Internal or external"),
        choices=[
            SelectChoice("internal", _l("Internal: works in the organisation")),
            SelectChoice("external", _l("External: works outside the organisation")),
        ],
        default="internal",
        validators=[DataRequired(_l("Choose internal or external."))],
    )
    organisation = StringField(
        _l("Organisation"),
        validators=[Length(max=200)],
        description=_l("For an external adviser: the organisation they work for."),
    )
    introduction_nl = TextAreaField(
        _l("Introduction in Dutch"),
        validators=[Length(max=TEXT)],
        description=_l("A few sentences in the adviser's own words: who they are, how they work."),
        render_kw={"rows": 5, "lang": "nl"},
    )
    introduction_en = TextAreaField(
        _l("Introduction in English"),
        validators=[Length(max=TEXT)],
        description=_l("Optional. Without it, English readers see the Dutch introduction."),
        render_kw={"rows": 5, "lang": "en"},
    )
    languages = CheckboxesField(_l("Languages"))
    topics = CheckboxesField(_l("Experienced in"), choices=topic_choices)
    contact = TextAreaField(
        _l("How to reach them outside the portal"),
        validators=[
            DataRequired(_l("Say how people can reach this adviser outside the portal.")),
            Length(max=TEXT),
        ],
        description=_l(
            "Phone number, e-mail address, office hours or room. Everyone can read this."
        ),
        render_kw={"rows": 3},
    )
    away_until = DateField(
        _l("Away until"),
        validators=[Optional()],
        description=_l("Leave empty when the adviser is available."),
    )
    stand_in = SelectField(
        _l("Stand-in"),
        coerce=str,
        validate_choice=True,
        description=_l("Who takes over while this adviser is away."),
    )
    integrity_contact = BooleanField(
        _l("Integrity contact"),
        description=_l("People can also turn to this adviser with suspected wrongdoing."),
    )
    listed = BooleanField(
        _l("Show in the directory"),
        default=True,
        description=_l("Unlisted advisers are hidden from everyone and cannot be chosen."),
    )
    photo = FileField(
        _l("New photo"),
        description=_l(
            "Optional. JPEG, PNG, GIF or WebP, at most 5 MB. The photo is re-drawn: hidden "
            "details such as location, camera and date are removed."
        ),
        render_kw={"accept": "image/jpeg,image/png,image/gif,image/webp"},
    )
    remove_photo = BooleanField(_l("Remove the photo"))
    pending_photo = HiddenField()  # a photo accepted on a form that had to be shown again

    def set_choices(self, stand_ins: list[Person], locale: str) -> None:
        self.languages.choices = language_choices(locale)
        self.stand_in.choices = [SelectChoice("", _l("(no stand-in)"))] + [
            SelectChoice(str(p.id), p.display_name) for p in stand_ins
        ]

    def validate_organisation(self, field):
        if self.external.data == "external" and not (field.data or "").strip():
            raise ValidationError(_l("Fill in the organisation of this external adviser."))

    def validate_languages(self, field):
        # Not DataRequired: that would mark every single checkbox as required.
        if not field.data:
            raise ValidationError(_l("Choose at least one language the adviser speaks."))

    def validate_introduction_nl(self, field):
        if not (field.data or "").strip() and not (self.introduction_en.data or "").strip():
            raise ValidationError(_l("Write an introduction in at least one language."))

    def profile_data(self) -> profiles.ProfileData:
        """Return what was filled in, as the domain functions take it."""
        return profiles.ProfileData(
            external=self.external.data == "external",
            organisation=self.organisation.data or "",
            introduction_nl=self.introduction_nl.data or "",
            introduction_en=self.introduction_en.data or "",
            languages=list(self.languages.data or []),
            topics=list(self.topics.data or []),
            contact=self.contact.data or "",
            away_until=self.away_until.data,
            stand_in_id=int(self.stand_in.data) if self.stand_in.data else None,
            integrity_contact=self.integrity_contact.data,
            listed=self.listed.data,
        )


def initial_data(profile: AdviserProfile) -> dict:
    """Return a profile as the form's starting values."""
    return {
        "external": "external" if profile.external else "internal",
        "organisation": profile.organisation or "",
        "introduction_nl": profile.introduction_nl,
        "introduction_en": profile.introduction_en,
        "languages": profile.language_list,
        "topics": profile.topic_list,
        "contact": profile.contact,
        "away_until": profile.away_until,
        "stand_in": str(profile.stand_in_id or ""),
        "integrity_contact": profile.integrity_contact,
        "listed": profile.listed,
    }


class NewProfileForm(ProfileForm):
    person = SelectField(
        _l("Adviser"),
        coerce=str,
        validate_choice=True,
        validators=[DataRequired(_l("Choose the person this profile is for."))],
        description=_l("People with the role of confidential adviser who have no profile yet."),
    )

    def set_person_choices(self, people: list[Person]) -> None:
        self.person.choices = [SelectChoice("", _l("(choose)"))] + [
            SelectChoice(str(p.id), f"{p.display_name} ({p.email})") for p in people
        ]


class DirectoryFilter(Form):
    """Narrow the directory down; every value empty shows everyone."""

    # Read from the query string of a GET (nothing changes): a plain Form, no CSRF token.

    kind = SelectField(
        _l("Internal or external"),
        choices=[
            SelectChoice("", _l("All advisers")),
            SelectChoice("internal", _l("Internal")),
            SelectChoice("external", _l("External")),
        ],
        validate_choice=False,
    )
    topic = SelectField(_l("Experienced in"), validate_choice=False)
    language = SelectField(_l("Speaks"), validate_choice=False)

    def set_choices(self, languages: list[str], locale: str) -> None:
        self.topic.choices = [SelectChoice("", _l("Any topic")), *topic_choices()]
        self.language.choices = [SelectChoice("", _l("Any language"))] + [
            SelectChoice(c, profiles.language_name(c, locale)) for c in languages
        ]

    def values(self) -> dict:
        """Return the filter as the directory takes it, ignoring anything not offered."""
        offered = {c.value for c in self.language.choices if c.value}
        return {
            "kind": self.kind.data if self.kind.data in ("internal", "external") else "",
            "topic": self.topic.data if self.topic.data in profiles.TOPIC_CODES else "",
            "language": self.language.data if self.language.data in offered else "",
        }

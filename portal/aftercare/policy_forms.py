"""The forms of the policy's structure, its announcements and the logo. Labels in English;
Dutch comes from the catalogue."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from portal.aftercare import announcements, policy, protocol
from portal.aftercare.models import PolicyContact
from portal.platform.i18n import lazy_gettext as _l
from portal.web.forms import ALWAYS_CHOSEN


class ContactForm(FlaskForm):
    """A named contact of the policy; the domain checks what is required (policy.ContactData)."""

    name = StringField(_l("Name"), validators=[Length(max=policy.NAME)])
    phone = StringField(
        _l("Phone"),
        validators=[Length(max=policy.PHONE)],
        description=_l("A phone number or an e-mail address, or both."),
        render_kw={"autocomplete": "off", "inputmode": "tel"},
    )
    email = StringField(
        _l("E-mail address"),
        validators=[Length(max=policy.EMAIL)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    function_nl = StringField(
        _l("Function or role"),
        validators=[Length(max=policy.FUNCTION)],
        description=_l("For example: company doctor, police liaison."),
    )
    hours_nl = StringField(
        _l("When to reach them"),
        validators=[Length(max=policy.HOURS)],
        description=_l("Optional. For example: Monday to Thursday, 9:00 to 17:00."),
    )
    function_en = StringField(
        _l("Function or role"),
        validators=[Length(max=policy.FUNCTION)],
        description=_l("For example: company doctor, police liaison."),
    )
    hours_en = StringField(
        _l("When to reach them"),
        validators=[Length(max=policy.HOURS)],
        description=_l("Optional. For example: Monday to Thursday, 9:00 to 17:00."),
    )


class StepRulesForm(FlaskForm):
    """Per step of the protocol: whose task it is and whom to reach (fields owner_N, contact_N)."""

    def set_choices(self, contacts: list[PolicyContact], locale: str) -> None:
        """Offer the owners and the contacts (with their function in the reader's language)."""
        owners = [SelectChoice(code, label) for code, label in protocol.OWNERS.items()]
        people = [SelectChoice("", _l("No contact"))] + [
            SelectChoice(str(c.id), f"{c.name}, {policy.in_language(c, 'function', locale)}")
            for c in contacts
        ]
        for step in protocol.STEPS:
            self[f"owner_{step.number}"].choices = owners
            self[f"contact_{step.number}"].choices = people

    def chosen(self) -> dict[int, tuple[str, int | None]]:
        """Return each step's owner and contact id as chosen."""
        result = {}
        for step in protocol.STEPS:
            contact = self[f"contact_{step.number}"].data
            result[step.number] = (
                self[f"owner_{step.number}"].data,
                int(contact) if contact else None,
            )
        return result


for _step in protocol.STEPS:
    setattr(
        StepRulesForm,
        f"owner_{_step.number}",
        SelectField(_l("Whose task"), choices=[], render_kw=ALWAYS_CHOSEN),
    )
    setattr(
        StepRulesForm,
        f"contact_{_step.number}",
        SelectField(_l("Contact"), choices=[], validate_choice=True),
    )


class AnnounceForm(FlaskForm):
    """Tell all staff about the page, with an optional note in both languages."""

    note_nl = TextAreaField(
        _l("Note in Dutch"),
        validators=[Length(max=announcements.NOTE)],
        description=_l("Optional. What is new or what changed, in a sentence or two."),
        render_kw={"rows": 3},
    )
    note_en = TextAreaField(
        _l("Note in English"),
        validators=[Length(max=announcements.NOTE)],
        description=_l("Optional. Left empty, English readers see the Dutch note."),
        render_kw={"rows": 3},
    )


class LogoForm(FlaskForm):
    """The organisation's logo for the posters and the flyer."""

    logo = FileField(
        _l("Logo"),
        description=_l(
            "PNG or JPEG, at most 2 MB; at least 600 pixels wide prints sharply. SVG is not "
            "accepted: save the logo as PNG. The image is re-drawn without its hidden details."
        ),
        render_kw={"accept": "image/png,image/jpeg"},
    )

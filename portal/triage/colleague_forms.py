"""The forms of the adviser's colleagues panel: ask the reporter to let a colleague in."""

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from portal.platform import clock
from portal.platform.i18n import day_text
from portal.platform.i18n import lazy_gettext as _l
from portal.reports import handover, standin
from portal.web.forms import ALWAYS_CHOSEN

KIND_LABELS = {
    handover.HAND_OVER: _l("Hand the report over: the colleague takes it, you leave it"),
    handover.ADD: _l("Add the colleague: you both work on it"),
}


# Like the sharing panel's forms, what is wrong is said in a flash message above the panel.
class ColleagueForm(FlaskForm):
    """Its fields are prefixed ("handover-"): the workspace holds other forms with a "kind"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "handover")
        super().__init__(*args, **kwargs)

    colleague = SelectField(
        _l("Colleague"),
        coerce=int,
        validate_choice=False,  # the domain checks the colleague (handover.NotAColleague)
        validators=[InputRequired(_l("Choose a colleague."))],
        render_kw=ALWAYS_CHOSEN,  # every option is a colleague: one is always chosen
    )
    kind = RadioField(
        _l("What do you ask?"),
        choices=[SelectChoice(code, label) for code, label in KIND_LABELS.items()],
        validators=[InputRequired(_l("Choose whether you hand over or add a colleague."))],
    )


def panel(opened) -> dict:
    """What the workspace's colleagues panel shows: the colleagues, the requests, the form."""
    form = ColleagueForm(formdata=None)
    people = handover.colleagues(opened)
    away = standin.away_until([p.id for p in people], clock.today())
    form.colleague.choices = [
        SelectChoice(
            p.id,
            _("%(name)s (away until %(day)s)", name=p.display_name, day=day_text(away[p.id]))
            if p.id in away
            else p.display_name,
        )
        for p in people
    ]
    return {
        "colleague_form": form,
        "colleague_choices": people,
        "handovers": handover.history(opened.report),
    }

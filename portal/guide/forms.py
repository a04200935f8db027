"""Forms of the guide: HR's page editor, both languages side by side."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length

from portal.guide.pages import LOCALES
from portal.platform.i18n import lazy_gettext as _l

MARKDOWN_HINT = _l(
    "Markdown: ## for a heading, - for a list item, **bold**, [text](address) for a link. Other HTML is removed."
)


class GuidePageForm(FlaskForm):
    """A guide page in both languages; the fields per language are added below."""

    action = HiddenField()  # the button pressed: "save" or "preview"


for _locale in LOCALES:
    setattr(
        GuidePageForm,
        f"title_{_locale}",
        StringField(_l("Title"), validators=[Length(max=200)], render_kw={"lang": _locale}),
    )
    setattr(
        GuidePageForm,
        f"body_{_locale}",
        TextAreaField(
            _l("Text"),
            description=MARKDOWN_HINT,
            validators=[Length(max=50_000)],
            render_kw={"rows": 24, "lang": _locale},
        ),
    )

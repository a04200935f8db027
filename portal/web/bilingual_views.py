"""The save step of the side-by-side editors of both languages, written once.

Why this exists: the guide's pages, aftercare's HR pages and the prompt library each save a
text edited in Dutch and English the same way: a missing part goes on its field (or on the
form when both languages are empty, bilingual.show_problem), a save that changes nothing says
so, and a save that does says what was saved and goes back to the editor (form_views.submit).
Each editor only names its kind of text (`Texts`) and its save call.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from wtforms import Form

from portal.core import bilingual
from portal.platform.i18n import lazy_gettext as _l
from portal.web import form_views


def page_field_message(field: str) -> str:
    """Say which part of a page is missing in a language."""
    return _("Fill in the title.") if field == "title" else _("Fill in the text.")


@dataclass(frozen=True)
class Texts:
    """What the editor of one kind of text says when saving it."""

    no_text: str  # neither language written
    saved: str
    field_message: Callable[[str], str]  # a part missing in one language
    first: str  # the field a removed translation is reported on


PAGE = Texts(
    _l("Write the page in at least one language."),
    _l("The page has been saved."),
    page_field_message,
    "body",
)


def save(
    form: Form,
    call: Callable[[], tuple[Any, bool]],
    texts: Texts,
    *,
    then: str | Callable[[Any], str],
    page: Callable[[], Any],
):
    """Save when the form validates; `call` returns what was saved and whether it changed,
    `then` (an address, or one made from what was saved) is where a save goes."""
    return form_views.submit(
        form,
        call,
        {
            bilingual.BilingualTextError: lambda problem: bilingual.show_problem(
                form, problem, str(texts.no_text), texts.field_message, texts.first
            )
        },
        saved=lambda result: str(texts.saved) if result[1] else _("Nothing has changed."),
        then=lambda result: then(result[0]) if callable(then) else then,
        page=page,
    )

"""Languages: Dutch first, English second; the person's choice is kept in their session."""

from datetime import date, datetime
from pathlib import Path

import wtforms.meta
from babel import support
from flask import Flask, session
from flask_babel import force_locale, format_date, format_datetime, get_locale
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path

from portal.extensions import babel

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LOCALE = "nl"
# One way to write a date in each language: "30 november 2026", "30 November 2026".
DAY_FORMAT = "d MMMM y"
MOMENT_FORMAT = "d MMMM y, HH:mm"


def day_text(value: date | datetime | None) -> str:
    """Write a day in the page's language; a moment counts in the organisation's time zone."""
    return format_date(value, DAY_FORMAT) if value else ""


def first_upper(text: object) -> str:
    """Start a label with a capital and leave the rest (Jinja's capitalize lowers "HR")."""
    text = str(text)
    return text[:1].upper() + text[1:]


def moment_text(value: datetime | None) -> str:
    """Write a moment (day and time) in the page's language and the organisation's time zone."""
    return format_datetime(value, MOMENT_FORMAT) if value else ""


def select_locale() -> str:
    """Pick the session's choice, then the signed-in person's preference, then Dutch."""
    chosen = session.get("locale")
    if chosen in LANGUAGES:
        return chosen
    preferred = getattr(current_user, "locale", None) if current_user else None
    return preferred if preferred in LANGUAGES else DEFAULT_LOCALE


def current_locale() -> str:
    """Return the language this request is answered in ("nl" or "en")."""
    return str(get_locale() or DEFAULT_LOCALE)


def translation_directories(app: Flask) -> str:
    """Every translations/ folder in the package: each area may keep its own catalogue."""
    root = Path(app.root_path)
    folders = [root / "translations", *sorted(root.glob("*/translations"))]
    return ";".join(str(f) for f in folders if f.is_dir()) or str(root / "translations")


class WTFormsMessages:
    """WTForms' own messages in the page's language, each catalogue loaded once per worker.

    Flask-WTF's version reads the catalogue file again on every request that builds a form.
    The catalogues are WTForms' fixed texts, the same for everyone.
    """

    def __init__(self) -> None:
        self._loaded: dict[str, support.Translations] = {}

    def _catalogue(self) -> support.Translations:
        locale = str(get_locale() or DEFAULT_LOCALE)
        if locale not in self._loaded:
            self._loaded[locale] = support.Translations.load(
                messages_path(), [locale], domain="wtforms"
            )
        return self._loaded[locale]

    def gettext(self, string: str) -> str:
        return self._catalogue().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue().ungettext(singular, plural, n)


WTFORMS_MESSAGES = WTFormsMessages()


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault(
        "BABEL_DEFAULT_TIMEZONE", app.config.get("PORTAL_TIMEZONE", "Europe/Amsterdam")
    )
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = translation_directories(app)
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(format_date=format_date, format_datetime=format_datetime)
    app.jinja_env.filters.update(day=day_text, moment=moment_text, first_upper=first_upper)
    # WTForms' own messages ("Field cannot be longer than ...") in the page's language too,
    # for plain wtforms.Form as well as FlaskForm.
    wtforms.meta.DefaultMeta.get_translations = lambda meta, form: WTFORMS_MESSAGES
    FlaskForm.Meta.get_translations = lambda meta, form: WTFORMS_MESSAGES

    @app.context_processor
    def _languages() -> dict:
        return {"languages": LANGUAGES, "current_locale": current_locale()}


def in_language_of(person):
    """A context in which texts come out in the person's own language (Dutch by default)."""
    locale = person.locale if getattr(person, "locale", None) in LANGUAGES else DEFAULT_LOCALE
    return force_locale(locale)

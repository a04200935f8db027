"""Languages: Dutch first, English second; the person's choice is kept in their session."""

from pathlib import Path

from flask import Flask, session
from flask_babel import force_locale, format_date, format_datetime, get_locale
from flask_login import current_user

from portal.extensions import babel

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LOCALE = "nl"


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


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault(
        "BABEL_DEFAULT_TIMEZONE", app.config.get("PORTAL_TIMEZONE", "Europe/Amsterdam")
    )
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = translation_directories(app)
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(format_date=format_date, format_datetime=format_datetime)

    @app.context_processor
    def _languages() -> dict:
        return {"languages": LANGUAGES, "current_locale": current_locale()}


def in_language_of(person):
    """A context in which texts come out in the person's own language (Dutch by default)."""
    locale = person.locale if getattr(person, "locale", None) in LANGUAGES else DEFAULT_LOCALE
    return force_locale(locale)

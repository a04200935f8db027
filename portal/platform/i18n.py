"""Languages: Dutch first, English second; the person's choice is kept in their session."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import flask_babel
import wtforms.meta
from babel import dates, support
from flask import Flask, has_request_context, session
from flask_babel import Domain, format_date, format_datetime, get_locale
from flask_babel.speaklater import LazyString
from flask_login import current_user
from flask_wtf import FlaskForm
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from wtforms.i18n import messages_path

from portal.platform.extensions import babel

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LOCALE = "nl"
# One way to write a date in each language: "30 november 2026", "30 November 2026".
DAY_FORMAT = "d MMMM y"
MOMENT_FORMAT = "d MMMM y, HH:mm"


def day_text(value: date | datetime | None) -> str:
    """Write a day in the page's language; a moment counts in the organisation's time zone."""
    if type(value) is date:  # a list shows many; see _day_in
        return _day_in(current_locale(), value)
    return format_date(value, DAY_FORMAT) if value else ""


@lru_cache(maxsize=4096)
def _day_in(locale: str, value: date) -> str:
    """A calendar day written out in a language: the same for everyone, so kept per worker."""
    return dates.format_date(value, DAY_FORMAT, locale=locale)


# Babel's named formats write "July 7, 2026" in English; a page writes days one way only.
NAMED_FORMATS = (None, "short", "medium", "long", "full")


def date_text(value: date | datetime | None, format: str | None = None) -> str:  # noqa: A002
    """`format_date` in templates: a day written as DAY_FORMAT whatever named format is asked
    ("long", "medium" or none); a pattern of its own ("LLLL yyyy", a month) as given."""
    if format in NAMED_FORMATS:
        return day_text(value)
    return format_date(value, format) if value else ""


def datetime_text(value: datetime | None, format: str | None = None) -> str:  # noqa: A002
    """`format_datetime` in templates: a moment written as MOMENT_FORMAT for any named format."""
    if format in NAMED_FORMATS:
        return moment_text(value)
    return format_datetime(value, format) if value else ""


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
    return _language()[0]


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

# A page asks for dozens of texts, and Flask-Babel finds the catalogue anew for each one (the
# request's context, its locale, the locale's name, the cache). The catalogue is found once per
# request instead and kept here; it is emptied when a request starts and ends and whenever
# force_locale switches the language. It holds only the fixed texts of one language.
_request_language: ContextVar[tuple[str, support.Translations] | None] = ContextVar(
    "request_language", default=None
)


def _language() -> tuple[str, support.Translations]:
    """The request's language and its catalogue, found once per request."""
    found = _request_language.get()
    if found is None:
        catalogue = Domain.get_translations(babel.domain_instance)
        found = (str(get_locale() or DEFAULT_LOCALE), catalogue)
        if has_request_context():
            _request_language.set(found)
    return found


class LazyText(LazyString):
    """A text translated when shown (form labels, category names), in the request's language.

    Flask-Babel's lazy string looks the catalogue up through the request context on every
    use; a form page shows dozens. This one asks the request's catalogue directly.
    """

    def __init__(self, string: str, **variables) -> None:
        super().__init__(flask_babel.gettext, string, **variables)

    def __str__(self) -> str:
        text = _language()[1].ugettext(self._args[0])
        return text % self._kwargs if self._kwargs else text


def lazy_gettext(string: str, **variables) -> LazyText:
    """Mark a text for translation when it is shown (the portal's `_l`)."""
    return LazyText(string, **variables)


@pass_context
def template_gettext(context: Context, string: str, **variables) -> str:
    """A template's `_()` and `gettext()`, as Jinja's newstyle gettext: the text in the page's
    language, marked safe where the template escapes, and always read as a format string
    (so "%%" is a percent sign) with the variables escaped into it."""
    text = _language()[1].ugettext(string)
    if context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - the catalogue's texts are the portal's own
    return text % variables


class RequestDomain(Domain):
    """The portal's message domain: the catalogue is looked up once per request."""

    def get_translations(self) -> support.Translations:
        return _language()[1]


def _forget_catalogue(*_args) -> None:
    _request_language.set(None)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault(
        "BABEL_DEFAULT_TIMEZONE", app.config.get("PORTAL_TIMEZONE", "Europe/Amsterdam")
    )
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = translation_directories(app)
    babel.init_app(app, locale_selector=select_locale)
    domain = RequestDomain(domain=app.extensions["babel"].default_domain)
    babel.domain_instance = domain  # Flask-Babel's own gettext and lazy_gettext use it too
    app.before_request_funcs.setdefault(None, []).insert(0, _forget_catalogue)
    app.teardown_request(_forget_catalogue)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _language()[1].ugettext(s),
        ngettext=lambda s, p, n: _language()[1].ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _language()[1].upgettext(c, s),
        npgettext=lambda c, s, p, n: _language()[1].unpgettext(c, s, p, n),
    )
    # `_()` is called dozens of times a page; Jinja's own goes through two more calls (an alias
    # that looks `gettext` up, then the text function) to do what template_gettext does.
    app.jinja_env.globals["_"] = app.jinja_env.globals["gettext"] = template_gettext
    app.jinja_env.globals.update(format_date=date_text, format_datetime=datetime_text)
    app.jinja_env.filters.update(day=day_text, moment=moment_text, first_upper=first_upper)
    # Flask-Babel's own filters, held to the same one way of writing a day and a moment.
    app.jinja_env.filters.update(dateformat=date_text, datetimeformat=datetime_text)
    # WTForms' own messages ("Field cannot be longer than ...") in the page's language too,
    # for plain wtforms.Form as well as FlaskForm.
    wtforms.meta.DefaultMeta.get_translations = lambda meta, form: WTFORMS_MESSAGES
    FlaskForm.Meta.get_translations = lambda meta, form: WTFORMS_MESSAGES

    @app.context_processor
    def _languages() -> dict:
        return {"languages": LANGUAGES, "current_locale": current_locale()}


@contextmanager
def force_locale(locale: str) -> Iterator[None]:
    """Flask-Babel's force_locale, with the request's remembered catalogue set aside."""
    _request_language.set(None)
    try:
        with flask_babel.force_locale(locale):
            yield
    finally:
        _request_language.set(None)


def in_language_of(person):
    """A context in which texts come out in the person's own language (Dutch by default)."""
    locale = person.locale if getattr(person, "locale", None) in LANGUAGES else DEFAULT_LOCALE
    return force_locale(locale)

"""Every user-facing text has a Dutch translation (Dutch is the default language)."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "portal" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def extracted_ids() -> set:
    method_map = [("portal/**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.do"}}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_has_a_dutch_translation():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalogue
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string) and not m.fuzzy
    }
    missing = sorted(extracted_ids() - translated)
    assert not missing, "Untranslated (run scripts/translations, then translate):\n" + "\n".join(
        missing
    )


def test_compiled_catalogue_is_current():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists(), "Run scripts/translations (the test command does) to compile it"
    assert compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime, "Run scripts/translations"


def test_a_templates_gettext_escapes_its_variables_and_reads_a_format_string(app):
    from flask import render_template_string

    source = (
        '{{ _("Sign out") }}|{{ _("100%% sure, %(name)s", name=who) }}|'
        '{% autoescape false %}{{ _("100%% sure, %(name)s", name=who) }}{% endautoescape %}'
    )
    with app.test_request_context("/"):
        shown = render_template_string(source, who="<b>Ann</b>")
    dutch_sign_out = shown.split("|")[0]
    assert dutch_sign_out != "Sign out"  # the page's language (Dutch by default)
    assert shown.split("|")[1] == "100% sure, &lt;b&gt;Ann&lt;/b&gt;"
    assert shown.split("|")[2] == "100% sure, <b>Ann</b>"  # where the template does not escape

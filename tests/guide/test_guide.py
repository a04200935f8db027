"""The guide: every page in both languages, open to everyone, sanitised."""

from html.parser import HTMLParser

import pytest

from portal.guide import pages
from portal.guide.models import GuideEntry, GuideVersion
from portal.platform.rich_text import render_markdown, sanitise


def test_every_guide_page_file_exists_in_both_languages():
    for slug in pages.ORDER:
        for locale in pages.LOCALES:
            assert (pages.PAGES_DIR / f"{slug}.{locale}.md").exists(), (slug, locale)


def test_every_guide_page_is_seeded_in_both_languages(app):
    assert [entry.slug for entry in pages.entries()] == pages.ORDER
    for slug in pages.ORDER:
        for locale in pages.LOCALES:
            page = pages.load(slug, locale)
            assert page.locale == locale and page.title and page.summary, (slug, locale)
    seeded = GuideVersion.select().where(GuideVersion.from_files == True)
    assert seeded.count() == len(pages.ORDER) * len(pages.LOCALES)


def test_seeded_text_is_the_files_text(app):
    for source in pages.read_files():
        for locale, (title, body) in source.texts.items():
            page = pages.load(source.slug, locale)
            assert page.title == title
            assert page.body == render_markdown(body)


def test_guide_is_open_without_signing_in(client):
    index = client.get("/guide/")
    assert index.status_code == 200
    html = index.get_data(as_text=True)
    for slug in pages.ORDER:
        assert f'href="/guide/{slug}"' in html
    assert 'href="/guide/check"' in html
    assert 'href="/guide/manage/"' not in html


@pytest.mark.parametrize("slug", pages.ORDER)
def test_each_page_renders_in_dutch_and_english(client, slug):
    dutch = client.get(f"/guide/{slug}").get_data(as_text=True)
    assert pages.load(slug, "nl").title in dutch
    client.post("/language", data={"locale": "en"})
    english = client.get(f"/guide/{slug}").get_data(as_text=True)
    assert pages.load(slug, "en").title in english
    assert "<h1>" in english
    assert "not been translated" not in english


def test_unknown_page_is_404(client):
    assert client.get("/guide/../../etc/passwd").status_code == 404
    assert client.get("/guide/nope").status_code == 404


def test_missing_translation_falls_back_with_a_visible_note(client):
    entry = pages.find("timeline")
    GuideVersion.delete().where(
        (GuideVersion.entry == entry) & (GuideVersion.locale == "en")
    ).execute()
    GuideVersion.create(
        entry=entry, locale="nl", title="Tijdlijn", body="Alleen in het Nederlands."
    )
    client.post("/language", data={"locale": "en"})
    html = client.get("/guide/timeline").get_data(as_text=True)
    assert "Alleen in het Nederlands." in html
    assert "has not been translated yet, so it is shown in Dutch" in html
    assert 'lang="nl"' in html
    index = client.get("/guide/").get_data(as_text=True)
    assert '<a href="/guide/timeline" lang="nl">Tijdlijn</a>' in index


def test_index_needs_the_same_few_queries_however_many_pages(client, monkeypatch):
    from tests.factories import QueryCounter

    counter = QueryCounter(monkeypatch)
    client.get("/guide/")
    few = counter.count
    for number in range(10):
        entry = GuideEntry.create(slug=f"extra-{number}", position=100 + number)
        GuideVersion.create(entry=entry, locale="nl", title=f"Extra {number}", body="Tekst.")
    counter.count = 0
    assert "Extra 9" in client.get("/guide/").get_data(as_text=True)
    assert counter.count == few


def test_the_newest_version_is_shown(client):
    entry = pages.find("bystanders")
    GuideVersion.create(entry=entry, locale="nl", title="Omstanders, nieuw", body="Nieuwe tekst.")
    html = client.get("/guide/bystanders").get_data(as_text=True)
    assert "Omstanders, nieuw" in html and "Nieuwe tekst." in html


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    '<a hx-get="/admin/people" hx-trigger="load">x</a>',
    '<p style="position:fixed">x</p>',
    "<iframe src='https://evil.test'></iframe>",
    "<svg><script>alert(1)</script></svg>",
]


class ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements_of(html: str):
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


def assert_harmless(html: str) -> None:
    for tag, attrs in elements_of(html):
        assert tag not in {"script", "iframe", "img", "svg", "style"}, html
        assert not any(
            name.startswith(("on", "hx-", "data-hx")) or name == "style" for name in attrs
        ), html
        assert not attrs.get("href", "").strip().lower().startswith("javascript"), html


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_never_lets_script_handlers_htmx_or_style_through(hostile):
    html = str(render_markdown(f"Text before\n\n{hostile}\n\nText after"))
    assert_harmless(html)
    assert "Text after" in html


@pytest.mark.parametrize("hostile", HOSTILE)
def test_sanitiser_strips_hostile_html(hostile):
    html = str(sanitise(f"<p>Kept</p>{hostile}"))
    assert_harmless(html)
    assert "<p>Kept</p>" in html


def test_sanitiser_keeps_ordinary_links_safely():
    html = str(sanitise('<a href="https://example.test/x" target="_blank">x</a>'))
    assert 'href="https://example.test/x"' in html and "noopener" in html

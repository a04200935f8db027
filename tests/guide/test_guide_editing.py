"""HR edits guide pages: sanitised Markdown, preview, versions with who and when, HR only."""

import pytest

from portal.core.accounts.roles import Role
from portal.guide import editing, pages
from portal.guide.models import GuideEntry, GuideVersion
from tests.conftest import signed_in_client
from tests.guide.test_guide import HOSTILE, assert_harmless


def hr(client):
    return signed_in_client(client, [Role.EMPLOYEE, Role.HR], email="hr@example.test")


def form_for(slug: str, **changes) -> dict:
    data = {}
    for locale, draft in editing.drafts_of(pages.find(slug)).items():
        data[f"title_{locale}"], data[f"body_{locale}"] = draft.title, draft.body
    return {**data, **changes}


def main_of(html: str) -> str:
    return html.split('<main id="main" tabindex="-1">', 1)[1].split("</main>", 1)[0]


def test_editor_shows_both_languages_side_by_side(client):
    hr(client)
    html = client.get("/guide/manage/timeline").get_data(as_text=True)
    assert 'class="side-by-side"' in html
    for locale in ("nl", "en"):
        assert pages.load("timeline", locale).title in html
        assert f'name="body_{locale}"' in html and f'lang="{locale}"' in html


def test_saving_adds_a_version_and_readers_see_it(client):
    hr(client)
    response = client.post(
        "/guide/manage/timeline",
        data=form_for("timeline", body_nl="Een **nieuwe** tekst.", action="save"),
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/guide/manage/timeline"
    versions = GuideVersion.select().where(GuideVersion.entry == pages.find("timeline"))
    assert versions.count() == 3  # two from the files, one new (Dutch only)
    newest = versions.order_by(GuideVersion.id.desc()).get()
    assert (newest.locale, newest.author.email, newest.from_files) == (
        "nl",
        "hr@example.test",
        False,
    )
    html = client.get("/guide/timeline").get_data(as_text=True)
    assert "Een <strong>nieuwe</strong> tekst." in html


def test_version_history_lists_who_and_when(client):
    hr(client)
    client.post(
        "/guide/manage/timeline",
        data=form_for("timeline", title_en="Timeline, revised", action="save"),
    )
    html = client.get("/guide/manage/timeline/history").get_data(as_text=True)
    assert html.count("<tr>") == 1 + 3
    assert "Timeline, revised" in html and "Sanne de Vries" in html
    assert "Zoals geïnstalleerd" in html
    overview = client.get("/guide/manage/").get_data(as_text=True)
    assert "door Sanne de Vries" in overview


def test_preview_is_sanitised_not_saved_and_htmx_gets_the_fragment(client):
    hr(client)
    before = GuideVersion.select().count()
    data = form_for(
        "timeline", body_en="Preview *here*\n\n<script>alert(1)</script>", action="preview"
    )
    page = client.post("/guide/manage/timeline", data=data).get_data(as_text=True)
    assert "<em>here</em>" in page and "<html" in page
    response = client.post("/guide/manage/timeline", data=data, headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert "<em>here</em>" in fragment and "<html" not in fragment
    assert "HX-Request" in response.headers["Vary"]
    assert_harmless(fragment)
    assert GuideVersion.select().count() == before


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markdown_never_reaches_the_page(client, hostile):
    hr(client)
    body = f"Safe start\n\n{hostile}\n\n[link](javascript:alert(1))\n\nSafe end"
    response = client.post(
        "/guide/manage/timeline",
        data=form_for("timeline", body_nl=body, body_en=hostile + "\n\nEnglish end", action="save"),
    )
    assert response.status_code == 302
    for url in ("/guide/timeline", "/guide/manage/timeline/history"):
        main = main_of(client.get(url).get_data(as_text=True))
        assert_harmless(main)
        assert "Safe end" in main
    client.post("/language", data={"locale": "en"})
    main = main_of(client.get("/guide/timeline").get_data(as_text=True))
    assert_harmless(main)
    assert "English end" in main


def test_incomplete_language_is_refused_and_kept(client):
    hr(client)
    before = GuideVersion.select().count()
    data = form_for("timeline", title_en="", body_en="Typed and kept", action="save")
    html = client.post("/guide/manage/timeline", data=data).get_data(as_text=True)
    assert "Typed and kept" in html and 'class="error-summary"' in html
    assert "Vul de titel in." in html
    assert GuideVersion.select().count() == before


def test_an_existing_translation_cannot_be_emptied(client):
    hr(client)
    data = form_for("timeline", title_en="", body_en="", action="save")
    html = client.post("/guide/manage/timeline", data=data).get_data(as_text=True)
    assert 'class="error-summary"' in html
    assert pages.load("timeline", "en").locale == "en"


def test_new_page_in_one_language_falls_back_for_the_other(client):
    hr(client)
    response = client.post(
        "/guide/manage/new",
        data={"title_nl": "Pauzes en werkdruk", "body_nl": "Over **rust**.", "action": "save"},
    )
    assert response.status_code == 302
    entry = GuideEntry.get(GuideEntry.slug == "pauzes-en-werkdruk")
    assert entry.position == len(pages.ORDER) + 1
    client.post("/language", data={"locale": "en"})
    html = client.get("/guide/pauzes-en-werkdruk").get_data(as_text=True)
    assert "has not been translated yet, so it is shown in Dutch" in html
    assert 'href="/guide/pauzes-en-werkdruk"' in client.get("/guide/").get_data(as_text=True)


def test_new_page_never_takes_a_reserved_or_used_name():
    assert pages.make_slug("Check", []) == "check-2"
    assert pages.make_slug("Tijdlijn", ["tijdlijn"]) == "tijdlijn-2"
    assert pages.make_slug("Één café!", []) == "een-cafe"
    assert pages.make_slug("???", []) == "page"


def test_empty_new_page_is_refused(client):
    hr(client)
    html = client.post("/guide/manage/new", data={"action": "save"}).get_data(as_text=True)
    assert 'class="error-summary"' in html
    assert GuideEntry.select().count() == len(pages.ORDER)


def test_hr_sees_edit_links_readers_do_not(client):
    assert "/guide/manage/" not in client.get("/guide/timeline").get_data(as_text=True)
    hr(client)
    assert 'href="/guide/manage/timeline"' in client.get("/guide/timeline").get_data(as_text=True)
    assert 'href="/guide/manage/"' in client.get("/guide/").get_data(as_text=True)


EDIT_PAGES = [
    "/guide/manage/",
    "/guide/manage/new",
    "/guide/manage/timeline",
    "/guide/manage/timeline/history",
]


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.TEAM_LEAD], [Role.ADVISER], [Role.ADMIN]])
def test_only_hr_edits_the_guide(client, roles):
    signed_in_client(client, roles)
    for page in EDIT_PAGES:
        assert client.get(page).status_code == 403, page
    before = GuideVersion.select().count()
    data = {"title_nl": "x", "body_nl": "y", "action": "save"}
    assert client.post("/guide/manage/timeline", data=data).status_code == 403
    assert GuideVersion.select().count() == before


def test_signed_out_visitor_cannot_edit(client):
    for page in EDIT_PAGES:
        response = client.get(page)
        assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_hr_opens_every_edit_page_and_unknown_is_404(client):
    hr(client)
    for page in EDIT_PAGES:
        assert client.get(page).status_code == 200, page
    assert client.get("/guide/manage/nope").status_code == 404
    assert client.get("/guide/manage/nope/history").status_code == 404
